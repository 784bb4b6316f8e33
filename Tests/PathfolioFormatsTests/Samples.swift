import PathfolioCore

/// Portfolios built in code for the format tests: a Korean job seeker and an English career
/// changer, with every kind of field, several visibilities and reflections, plus one whose
/// text is built to break Markdown and Mermaid.
enum Samples {
    static func date(_ text: String, label: String? = nil) -> PartialDate { try! PartialDate(text, label: label) }

    /// 김하늘: education → training → work-experience programme (with mentoring inside it)
    /// → job → a planned next step. Private and counselor-only records, identifying details.
    static var jobSeeker: Portfolio {
        let person = Person(id: "3f9a1c2e7b", name: "김하늘", details: [
            PersonalDetail(.headline, "데이터 분석가 지망생"),
            PersonalDetail(.summary, "통계학을 전공했고 국민내일배움카드로 데이터 분석 과정을 수료했습니다.\n현장 경험을 쌓는 중입니다."),
            PersonalDetail(.email, "haneul@example.kr"),
            PersonalDetail(.phone, "010-1234-5678", visibility: .private),
            PersonalDetail(.birthDate, "1999-04-02"),
            PersonalDetail(.photo, "photos/haneul.jpg"),
            PersonalDetail(.location, "서울 마포구"),
        ], tags: ["youth", "no-experience"])
        let organizations = [
            Organization(id: "o1", name: "한국폴리텍대학", kind: .trainingProvider),
            Organization(id: "o2", name: "㈜데이터랩", kind: .employer),
            Organization(id: "o3", name: "서울대학교", kind: .school),
        ]
        let experiences = [
            Experience(id: "e0", kind: .education, title: "통계학 학사", organizationID: "o3", location: "서울 관악구",
                       period: Period(start: date("2018-03"), end: .date(date("2022-02")))),
            Experience(id: "e1", kind: .training, title: "데이터 분석 실무", organizationID: "o1",
                       period: Period(start: date("2024-03-04"), end: .date(date("2024-08-30"))),
                       highlights: ["최종 프로젝트 우수상", "SQL 개발자(SQLD) 자격 취득"], skills: ["SQL", "Python"],
                       evidence: [Evidence(title: "수료증", uri: "https://hrd.example.kr/cert/123"),
                                  Evidence(title: "SQLD 합격 확인서", uri: "docs/sqld.pdf",
                                           sha256: String(repeating: "ab", count: 32))],
                       training: TrainingDetails(hours: 600, credential: "SQL 개발자 (SQLD)", courseCode: "AIG20240000412345",
                                                 ncsCode: "20010102", funding: "국민내일배움카드")),
            Experience(id: "e2", kind: .workExperience, title: "청년 일경험", organizationID: "o2", role: "데이터 분석 인턴",
                       period: Period(start: date("2024-09"), end: .date(date("2024-12"))),
                       summary: "고객 이탈 데이터를 정리하고 주간 보고서를 자동화했다.",
                       workExperience: WorkExperienceDetails(programme: "청년 일경험 지원사업", sponsor: "고용노동부")),
            Experience(id: "e3", kind: .mentoring, title: "현직자 멘토링",
                       period: Period(start: date("2024-10"), end: .date(date("2024-12"))), visibility: .counselor,
                       mentoring: MentoringDetails(role: .mentee, counterpart: "12년차 데이터 엔지니어")),
            Experience(id: "e4", kind: .job, status: .ongoing, title: "주니어 데이터 분석가", organizationID: "o2",
                       period: Period(start: date("2025-01"), end: .ongoing), skills: ["sql", "Tableau"],
                       tags: ["정규직 전환"], job: JobDetails(employmentType: .fullTime)),
            Experience(id: "e5", kind: .job, status: .planned, title: "데이터 엔지니어",
                       period: Period(start: date("2027", label: "2027년 상반기"))),
            Experience(id: "e6", kind: .other, status: .completed, title: "비밀 메모: 이직 고민",
                       period: Period(start: date("2025-06")), visibility: .private),
        ]
        let links = [
            Link(from: "e1", to: "e2", type: .ledTo),
            Link(from: "e2", to: "e4", type: .ledTo, note: "일경험 후 정규직 채용"),
            Link(from: "e3", to: "e2", type: .partOf),
            Link(from: "e3", to: "e4", type: .supports),
            Link(from: "e4", to: "e5", type: .ledTo),
        ]
        let reflections = [
            Reflection(id: "r1", experienceID: "e1", kind: .postTraining, written: date("2024-09-02"), locale: "ko",
                       entries: [
                           ReflectionEntry(key: "did", prompt: "무엇을 했나요?", answer: "600시간 동안 SQL과 Python을 배웠다.\n팀 프로젝트에서 데이터 정제를 맡았다."),
                           ReflectionEntry(key: "learned", prompt: "무엇을 배웠나요?", answer: "조인과 윈도 함수를 익혔다."),
                           ReflectionEntry(key: "next", prompt: "다음에는 무엇을 하고 싶나요?", answer: "현장에서 써 보고 싶다."),
                       ],
                       rating: 4, outcome: .credentialEarned, skillsGained: ["Pandas"]),
            Reflection(id: "r2", experienceID: "e2", kind: .postPlacement, written: date("2025-01-06"), locale: "ko",
                       entries: [ReflectionEntry(key: "learned", prompt: "무엇을 배웠나요?", answer: "상사와 갈등이 있었지만 버텼다.")],
                       rating: 5, outcome: .hired, skillsGained: ["보고서 자동화"], visibility: .private),
        ]
        return Portfolio(person: person, organizations: organizations, experiences: experiences,
                         links: links, reflections: reflections)
    }

    /// Alex Morgan: barista (known to the year) → coding bootcamp → job, with a mentor
    /// supporting the job search, and a planned next step known only by its label.
    static var careerChanger: Portfolio {
        let person = Person(id: "a1b2c3d4e5", name: "Alex Morgan", details: [
            PersonalDetail(.headline, "Junior web developer, formerly a barista"),
            PersonalDetail(.email, "alex@example.org"),
            PersonalDetail(.website, "https://alex.example.org"),
            PersonalDetail(.birthDate, "1990-07", visibility: .counselor),
        ], tags: ["career-changer"])
        let organizations = [
            Organization(id: "b1", name: "Bean There Café", kind: .employer),
            Organization(id: "b2", name: "Code Forward", kind: .trainingProvider),
            Organization(id: "b3", name: "Brightside Software", kind: .employer),
        ]
        let experiences = [
            Experience(id: "x1", kind: .job, title: "Barista", organizationID: "b1",
                       period: Period(start: date("2015"), end: .date(date("2022"))),
                       highlights: ["Trained six new staff", "Ran the weekend shift"], skills: ["Customer service"],
                       job: JobDetails(employmentType: .partTime)),
            Experience(id: "x2", kind: .training, title: "Full-stack web development bootcamp", organizationID: "b2",
                       period: Period(start: date("2023-01"), end: .date(date("2023-04"))), skills: ["JavaScript", "SQL"],
                       evidence: [Evidence(title: "Certificate", uri: "https://codeforward.example/cert/alex")],
                       training: TrainingDetails(hours: 480.5, credential: "Certificate in Web Development")),
            Experience(id: "x3", kind: .mentoring, title: "Job-search mentoring",
                       period: Period(start: date("2023-03"), end: .date(date("2023-06"))),
                       mentoring: MentoringDetails(role: .mentee, counterpart: "a senior engineer")),
            Experience(id: "x4", kind: .job, status: .ongoing, title: "Junior developer", organizationID: "b3",
                       role: "Frontend", location: "Leeds", period: Period(start: date("2023-06-12"), end: .ongoing),
                       skills: ["JavaScript", "React"], job: JobDetails(employmentType: .fullTime)),
            Experience(id: "x5", kind: .training, status: .planned, title: "Cloud certification",
                       period: Period(start: try! PartialDate(label: "after probation"))),
        ]
        let links = [
            Link(from: "x1", to: "x2", type: .ledTo),
            Link(from: "x2", to: "x4", type: .ledTo),
            Link(from: "x3", to: "x4", type: .supports),
            Link(from: "x4", to: "x5", type: .ledTo),
        ]
        let reflections = [
            Reflection(id: "s1", experienceID: "x2", kind: .postTraining, written: date("2023-05-02"), locale: "en",
                       entries: [
                           ReflectionEntry(key: "did", prompt: "What did you do?", answer: "Built three apps in a team of four."),
                           ReflectionEntry(key: "learned", prompt: "What did you learn?", answer: "Reading other people's code."),
                       ],
                       rating: 3, outcome: .completed, skillsGained: ["Git"], visibility: .public),
            Reflection(id: "s2", experienceID: "x4", kind: .checkpoint, written: date("2024-01-15"), locale: "en",
                       entries: [ReflectionEntry(key: "how", prompt: "How is it going?", answer: "Settling in.")],
                       rating: 4),
        ]
        return Portfolio(person: person, organizations: organizations, experiences: experiences,
                         links: links, reflections: reflections)
    }

    /// Text chosen to break Markdown and Mermaid: emphasis, links, HTML, headings, tables,
    /// entities, code, quotes, brackets, `#`, and Korean.
    static let hostileTitle = #"# C# & "Rust" [beta](javascript:alert(1)) <script>x</script> *a* _b_ | ~~c~~ &amp; `d` {e} (f) 한국어"#
    static let hostileAnswer = """
        # not a heading
        - not a list
        1. not a numbered list
        > not a quote
            not code
        ---
        <b>not html</b> [not](a link) ![no](image.png)
        """

    static var hostile: Portfolio {
        Portfolio(
            person: Person(id: "h1", name: "*Sam* <Lee> [x](y)"),
            experiences: [
                Experience(id: "h1e1", kind: .project, title: hostileTitle,
                           period: Period(start: date("2024-05")), highlights: ["- dash", "**bold**"],
                           skills: ["C#", "F# | pipe"],
                           evidence: [Evidence(title: "[click]", uri: "javascript:alert(1)")]),
                Experience(id: "h1e2", kind: .job, status: .ongoing, title: "end", period: Period(start: date("2024-06"), end: .ongoing)),
            ],
            links: [Link(from: "h1e1", to: "h1e2", type: .ledTo, note: "<i>note</i>")],
            reflections: [
                Reflection(id: "h1r1", experienceID: "h1e1", kind: .free, written: date("2024-06-01"),
                           entries: [ReflectionEntry(key: "q", prompt: "## prompt *with* markup?", answer: hostileAnswer)],
                           visibility: .public),
            ])
    }
}
