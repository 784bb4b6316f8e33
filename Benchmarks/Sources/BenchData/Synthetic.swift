import Foundation
import PathfolioCore

/// Deterministic synthetic careers: the same seed and index always give the same portfolio,
/// byte for byte. Korean and English text, every experience kind, every status, links of
/// every type, reflections with prompts and answers.
struct Synthetic {
    let seed: UInt64

    /// The portfolio of person number `index`, with `count` experiences.
    ///
    /// IDs are 32 hex digits derived from the seed, the person's index and the record's
    /// place, so that files made separately (one per person, or one collection) describe the
    /// same records.
    func portfolio(index: Int, experiences count: Int) -> Portfolio {
        var rng = SplitMix64(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        let korean = index % 2 == 0
        let personID = PersonID(rawValue: id("p", index, 0))
        let name = korean ? Text.koreanNames.pick(&rng) + " " + String(index) : Text.englishNames.pick(&rng) + " " + String(index)
        var person = Person(id: personID, name: name)
        person.details = [
            PersonalDetail(.headline, korean ? "데이터 분석가를 준비하는 구직자" : "Career changer moving into data analysis"),
            PersonalDetail(.email, "person\(index)@example.org"),
            PersonalDetail(.location, korean ? Text.koreanCities.pick(&rng) : Text.englishCities.pick(&rng)),
        ]
        person.tags = [korean ? "내일배움카드" : "caseload-\(index % 40)"]

        let organizations: [Organization] = (0..<max(1, min(4, count / 2 + 1))).map { n in
            let kind = OrganizationKind.allCases[(index + n) % OrganizationKind.allCases.count]
            return Organization(id: OrganizationID(rawValue: id("o", index, n)),
                                name: korean ? Text.koreanOrganizations.pick(&rng) : Text.englishOrganizations.pick(&rng),
                                kind: kind,
                                location: korean ? Text.koreanCities.pick(&rng) : Text.englishCities.pick(&rng),
                                website: n % 2 == 0 ? "https://example.org/\(index)/\(n)" : nil)
        }

        var experiences: [Experience] = []
        var reflections: [Reflection] = []
        var links: [Link] = []
        var year = 2000 + index % 10
        var month = 1 + index % 12
        for n in 0..<count {
            let kind = ExperienceKind.allCases[(index + n) % ExperienceKind.allCases.count]
            let id = ExperienceID(rawValue: self.id("e", index, n))
            let start = try! PartialDate(year: year, month: month)
            month += 2 + Int(rng.next() % 9)
            while month > 12 { month -= 12; year += 1 }
            let end = try! PartialDate(year: year, month: month, day: n % 3 == 0 ? 15 : nil,
                                       label: n % 7 == 0 ? (korean ? "\(year)년 여름" : "summer \(year)") : nil)
            let last = n == count - 1
            let status: ExperienceStatus = last ? (n % 2 == 0 ? .planned : .ongoing) : (n % 11 == 5 ? .discontinued : .completed)
            let period: Period = switch status {
            case .planned: Period(start: start)
            case .ongoing: Period(start: start, end: .ongoing)
            default: Period(start: start, end: .date(end))
            }
            let text = korean ? Text.korean : Text.english
            var experience = Experience(
                id: id, kind: kind, status: status,
                title: text.titles[kind]!.pick(&rng),
                organizationID: organizations[n % organizations.count].id,
                role: text.roles.pick(&rng),
                location: n % 2 == 0 ? (korean ? Text.koreanCities.pick(&rng) : Text.englishCities.pick(&rng)) : nil,
                period: period,
                summary: text.summaries.pick(&rng),
                highlights: n % 2 == 0 ? [text.highlights.pick(&rng)] : [],
                skills: Array(Set([text.skills.pick(&rng), text.skills.pick(&rng)])).sorted(),
                evidence: n % 8 == 0 ? [Evidence(title: korean ? "수료증" : "Certificate", uri: "https://example.org/\(id.rawValue).pdf")] : [],
                tags: [text.tags.pick(&rng), kind.rawValue],
                visibility: Visibility.allCases[(index + n) % Visibility.allCases.count])
            switch kind {
            case .job: experience.job = JobDetails(employmentType: EmploymentType.allCases[n % EmploymentType.allCases.count])
            case .training:
                experience.training = TrainingDetails(hours: Double(80 + 40 * (n % 10)),
                                                      credential: korean ? "빅데이터분석기사" : "Data Analyst Certificate",
                                                      courseCode: "AIG\(20230000 + index)", ncsCode: korean ? "20010101" : nil,
                                                      funding: korean ? "국민내일배움카드" : "Skills Bootcamp")
            case .workExperience:
                experience.workExperience = WorkExperienceDetails(programme: korean ? "청년 일경험 지원사업" : "Kickstart Scheme",
                                                                  sponsor: korean ? "고용노동부" : "Department for Work and Pensions")
            case .mentoring:
                experience.mentoring = MentoringDetails(role: n % 2 == 0 ? .mentee : .mentor,
                                                        counterpart: korean ? Text.koreanNames.pick(&rng) : Text.englishNames.pick(&rng))
            default: break
            }
            experiences.append(experience)

            if n > 0 {
                let previous = experiences[n - 1].id
                switch n % 6 {
                case 3: links.append(Link(from: id, to: previous, type: .supports, note: korean ? "구직 지원" : "job search"))
                case 5: links.append(Link(from: previous, to: id, type: .relatedTo))
                default: break
                }
                // Each experience is led to by the one before it, in lines of up to eight
                // (a long career is several such lines, not one chain a thousand deep).
                if n % 8 != 0 { links.append(Link(from: previous, to: id, type: .ledTo, note: n % 5 == 0 ? (korean ? "수료 후 취업" : "hired after the course") : nil)) }
            }
            if status.hasEnded, n % 4 == 0, case .date(let ended) = period.end {
                let reflectionKind: ReflectionKind = switch kind {
                case .training, .education: .postTraining
                case .job, .workExperience: .postPlacement
                default: n % 4 == 0 ? .checkpoint : .free
                }
                let outcome: ReflectionOutcome? = switch reflectionKind {
                case .postTraining: [.completed, .credentialEarned, .droppedOut][n % 3]
                case .postPlacement: [.hired, .contractExtended, .finishedAsPlanned, .leftEarly][n % 4]
                default: nil
                }
                let written = try! PartialDate(year: ended.year ?? year, month: ended.month ?? 1, day: min(ended.day ?? 20, 28))
                reflections.append(Reflection(
                    id: ReflectionID(rawValue: self.id("r", index, n)), experienceID: id, kind: reflectionKind,
                    written: written, template: "default", locale: korean ? "ko" : "en",
                    entries: zip(text.prompts.indices, text.prompts).map { i, prompt in
                        ReflectionEntry(key: ["did", "learned", "next"][i], prompt: prompt, answer: text.answers.pick(&rng))
                    },
                    rating: 1 + n % 5, outcome: outcome,
                    skillsGained: [text.skills.pick(&rng)],
                    visibility: n % 3 == 0 ? .private : .counselor))
            }
        }
        return Portfolio(person: person, organizations: organizations, experiences: experiences,
                         links: links, reflections: reflections)
    }
}

extension Synthetic {
    /// 32 hex digits, like the IDs the ledger makes, from the seed and the record's place.
    func id(_ entity: Character, _ index: Int, _ n: Int) -> String {
        var rng = SplitMix64(seed: seed ^ (UInt64(entity.asciiValue!) << 56) ^ (UInt64(index) << 20) ^ UInt64(n))
        return String(format: "%016llx%016llx", rng.next(), rng.next())
    }
}

extension Array {
    func pick(_ rng: inout SplitMix64) -> Element { self[Int(rng.next() % UInt64(count))] }
}

/// Text pools, in both languages.
struct Text {
    var titles: [ExperienceKind: [String]]
    var roles: [String]
    var summaries: [String]
    var highlights: [String]
    var skills: [String]
    var tags: [String]
    var prompts: [String]
    var answers: [String]

    static let koreanNames = ["김하늘", "이서연", "박지훈", "최민준", "정예린", "강도윤", "조수아", "윤시우", "장하은", "임건우"]
    static let englishNames = ["Alex Morgan", "Jamie Patel", "Sam O'Neill", "Riley Chen", "Jordan Okafor", "Casey Müller", "Taylor Brooks"]
    static let koreanCities = ["서울 마포구", "부산 해운대구", "대전 유성구", "광주 북구", "인천 연수구", "수원 영통구"]
    static let englishCities = ["Leeds", "Bristol", "Manchester", "Glasgow", "Cardiff", "Belfast"]
    static let koreanOrganizations = ["한국폴리텍대학", "서울시 일자리센터", "㈜데이터브릿지", "국민취업지원센터", "사회적협동조합 온기", "㈜한빛물류", "코드스테이츠"]
    static let englishOrganizations = ["Acme Logistics Ltd", "City College", "Northern Data Co-op", "Jobcentre Plus", "Open Source Mentors", "Bright Futures Trust"]

    static let korean = Text(
        titles: [
            .job: ["데이터 분석 사원", "물류 관리 계약직", "고객 상담원", "사무 보조"],
            .training: ["데이터 분석 실무 과정", "파이썬 기초", "빅데이터 분석기사 대비반", "SQL 활용 과정"],
            .workExperience: ["청년 일경험 인턴십", "공공기관 행정 체험형 인턴", "스타트업 프로젝트형 일경험"],
            .mentoring: ["현직자 멘토링", "취업 준비 멘토링", "후배 멘토링"],
            .education: ["경영학 학사", "방송통신대 통계학 편입", "고등학교 졸업"],
            .volunteering: ["지역 아동센터 학습 봉사", "푸드뱅크 물류 봉사"],
            .project: ["공공데이터 대시보드 만들기", "중고거래 가격 분석 프로젝트"],
            .other: ["어학연수", "창업 준비 기간"],
        ],
        roles: ["인턴", "멘티", "수강생", "팀원", "계약직 사원", "봉사자", "프로젝트 리더"],
        summaries: [
            "엑셀과 SQL로 주간 물류 보고서를 자동화했다.",
            "현업 데이터를 정리하고 시각화하는 과정을 처음부터 끝까지 맡았다.",
            "고객 문의를 분류하는 기준을 만들어 응답 시간을 줄였다.",
            "팀과 함께 공공데이터로 지역별 일자리 현황을 분석했다.",
            "매주 멘토와 이력서와 포트폴리오를 점검했다.",
        ],
        highlights: ["보고서 작성 시간을 주 6시간에서 1시간으로 단축", "수료 프로젝트 우수상", "신규 입사자 교육 자료 작성", "재고 오차율 30% 감소"],
        skills: ["SQL", "파이썬", "엑셀", "데이터 시각화", "고객 응대", "문서 작성", "협업"],
        tags: ["데이터", "물류", "공공", "청년", "경력전환"],
        prompts: ["무엇을 했나요?", "무엇을 배웠나요?", "다음에는 무엇을 할 건가요?"],
        answers: [
            "처음에는 낯설었지만 매일 작은 분석 과제를 끝까지 해냈다.",
            "데이터를 정리하는 데 시간이 가장 많이 든다는 것을 배웠다.",
            "다음에는 분석 결과를 발표하는 연습을 더 하고 싶다.",
            "멘토의 조언으로 포트폴리오 구성을 바꿨다.",
            "현장에서 쓰는 용어와 업무 흐름을 익혔다.",
        ])

    static let english = Text(
        titles: [
            .job: ["Junior data analyst", "Warehouse coordinator", "Customer support advisor", "Office assistant"],
            .training: ["Data analysis bootcamp", "Python foundations", "SQL for analysts", "Level 3 business administration"],
            .workExperience: ["Kickstart placement", "Public-sector internship", "Sector-based work academy"],
            .mentoring: ["Industry mentoring", "Job-search mentoring", "Peer mentoring"],
            .education: ["BA Business Management", "Access to HE Diploma", "A levels"],
            .volunteering: ["Food bank logistics volunteer", "Homework club volunteer"],
            .project: ["Open data dashboard", "Second-hand price analysis"],
            .other: ["Career break", "Travel and language study"],
        ],
        roles: ["Intern", "Mentee", "Learner", "Team member", "Contractor", "Volunteer", "Project lead"],
        summaries: [
            "Automated the weekly logistics report with spreadsheets and SQL.",
            "Owned a small analysis from raw data to the final chart.",
            "Wrote triage rules for customer questions and cut response times.",
            "Analysed local labour-market open data with a team of four.",
            "Reviewed my CV and portfolio with a mentor every week.",
        ],
        highlights: ["Cut report preparation from six hours a week to one", "Best capstone project award", "Wrote onboarding notes for new starters", "Reduced stock discrepancies by 30%"],
        skills: ["SQL", "Python", "Spreadsheets", "Data visualisation", "Customer service", "Writing", "Teamwork"],
        tags: ["data", "logistics", "public-sector", "youth", "career-change"],
        prompts: ["What did you do?", "What did you learn?", "What will you do next?"],
        answers: [
            "It was unfamiliar at first, but I finished a small analysis task every day.",
            "I learned that cleaning the data takes most of the time.",
            "Next I want to practise presenting my findings.",
            "My mentor's advice changed how I structure my portfolio.",
            "I picked up the vocabulary and the workflow of the team.",
        ])
}
