public import PathfolioCore

/// The language a readable document is written in: its headings, labels and dates.
///
/// User text (titles, answers, skills) is never translated; only what Pathfolio itself
/// writes around it.
///
/// ```swift
/// DocumentLocale.ko.date(try PartialDate("2024-03"))   // "2024년 3월"
/// DocumentLocale.en.date(try PartialDate("2024-03"))   // "March 2024"
/// ```
public enum DocumentLocale: String, Sendable, Hashable, CaseIterable {
    case en
    case ko

    /// A date at its own precision: `2024` / `2024년`, `March 2024` / `2024년 3월`,
    /// `14 March 2024` / `2024년 3월 14일`. Never an invented month or day. A label is
    /// shown after the date in parentheses, or alone when only a label is known.
    public func date(_ date: PartialDate) -> String {
        guard let year = date.year else { return date.label ?? "" }
        var text: String
        switch self {
        case .en:
            text = String(year)
            if let month = date.month { text = Self.englishMonths[month - 1] + " " + text }
            if let day = date.day { text = "\(day) " + text }
        case .ko:
            text = "\(year)년"
            if let month = date.month { text += " \(month)월" }
            if let day = date.day { text += " \(day)일" }
        }
        if let label = date.label { text += " (\(label))" }
        return text
    }

    /// A period: `March 2024 – August 2024`, `January 2025 – present` / `2025년 1월 – 현재`;
    /// one date when start and end are the same; `nil` when neither is known.
    public func period(_ period: Period) -> String? {
        let start = period.start.map(date)
        let end: String? = switch period.end {
        case .ongoing?: present
        case .date(let value)?: date(value)
        case nil: nil
        }
        switch (start, end) {
        case let (start?, end?): return start == end ? start : "\(start) – \(end)"
        case let (start?, nil): return start
        case let (nil, end?): return "– \(end)"
        case (nil, nil): return nil
        }
    }

    /// "present" / "현재": the end of an ongoing experience.
    public var present: String { self == .en ? "present" : "현재" }

    private static let englishMonths = ["January", "February", "March", "April", "May", "June", "July",
                                        "August", "September", "October", "November", "December"]
}

/// The words a document uses, in its locale.
struct Vocabulary {
    let locale: DocumentLocale
    private var en: Bool { locale == .en }

    // MARK: Headings

    var profile: String { en ? "Profile" : "프로필" }
    var overview: String { en ? "Overview" : "한눈에 보기" }
    var path: String { en ? "Path" : "경력 경로" }
    var timeline: String { en ? "Experiences" : "경험" }
    var reflections: String { en ? "Reflections" : "회고" }
    var skills: String { en ? "Skills" : "역량" }
    var nextSteps: String { en ? "Next steps" : "다음 단계" }
    var caseload: String { en ? "Caseload" : "담당 사례" }
    var people: String { en ? "People" : "사람" }
    var outcomes: String { en ? "Outcomes by tag" : "태그별 성과" }

    // MARK: Labels

    var kind: String { en ? "Kind" : "종류" }
    var count: String { en ? "Count" : "수" }
    var years: String { en ? "Years" : "기간" }
    var organization: String { en ? "Organization" : "기관" }
    var role: String { en ? "Role" : "역할" }
    var location: String { en ? "Location" : "장소" }
    var period: String { en ? "Period" : "기간" }
    var status: String { en ? "Status" : "상태" }
    var employment: String { en ? "Employment" : "고용 형태" }
    var hours: String { en ? "Length" : "훈련 시간" }
    var credential: String { en ? "Credential" : "자격" }
    var courseCode: String { en ? "Course code" : "과정 코드" }
    var ncsCode: String { en ? "NCS code" : "NCS 코드" }
    var funding: String { en ? "Funding" : "훈련비 지원" }
    var programme: String { en ? "Programme" : "사업" }
    var sponsor: String { en ? "Sponsor" : "주관" }
    var mentoringRole: String { en ? "Mentoring role" : "멘토링 역할" }
    var counterpart: String { en ? "Counterpart" : "상대" }
    var tags: String { en ? "Tags" : "태그" }
    var highlights: String { en ? "Highlights" : "주요 성과" }
    var evidence: String { en ? "Evidence" : "증빙" }
    var links: String { en ? "Links" : "연결" }
    var comesAfter: String { en ? "Comes after" : "이전 단계" }
    var noPeople: String { en ? "No people in this export." : "내보낸 사람이 없습니다." }
    var rating: String { en ? "Rating" : "평가" }
    var outcome: String { en ? "Outcome" : "결과" }
    var skillsGained: String { en ? "Skills gained" : "얻은 역량" }
    var skill: String { en ? "Skill" : "역량" }
    var experiences: String { en ? "Experiences" : "경험" }
    var caseloadTags: String { en ? "Caseload tags" : "사례 태그" }
    var field: String { en ? "Field" : "항목" }
    var value: String { en ? "Value" : "내용" }
    var undated: String { en ? "Undated" : "날짜 없음" }
    var nothingYet: String { en ? "No experiences to show." : "보여 줄 경험이 없습니다." }
    var noSkills: String { en ? "No skills recorded." : "기록된 역량이 없습니다." }
    var person: String { en ? "Person" : "이름" }
    var candidate: String { en ? "Candidate" : "지원자" }
    var latest: String { en ? "Latest experience" : "최근 경험" }
    var reflectionsDue: String { en ? "Reflections due" : "작성할 회고" }
    var tag: String { en ? "Tag" : "태그" }
    var everyone: String { en ? "Everyone" : "전체" }
    var noTag: String { en ? "(no tag)" : "(태그 없음)" }
    var placements: String { en ? "Placements" : "취업" }
    var completions: String { en ? "Completions" : "수료·완료" }
    var leftEarly: String { en ? "Left early or dropped out" : "중도 종료" }
    var averageRating: String { en ? "Average rating" : "평균 평가" }

    func audience(_ audience: Audience, blind: Bool) -> String {
        let who: String = switch (audience, en) {
        case (.self, true): "the person themselves (everything)"
        case (.self, false): "본인 (전체)"
        case (.counselor, true): "their career counselor (nothing private)"
        case (.counselor, false): "진로 상담사 (비공개 항목 제외)"
        case (.public, true): "anyone (public records only)"
        case (.public, false): "누구나 (공개 항목만)"
        }
        let blindNote = blind ? (en ? " · blind-hiring profile" : " · 블라인드 채용용") : ""
        return (en ? "Prepared for " : "대상: ") + who + blindNote
    }

    func experienceCount(_ count: Int) -> String { en ? (count == 1 ? "1 experience" : "\(count) experiences") : "경험 \(count)개" }
    func skillCount(_ count: Int) -> String { en ? (count == 1 ? "1 skill" : "\(count) skills") : "역량 \(count)개" }
    func hoursValue(_ hours: Double) -> String {
        let number = hours == hours.rounded() ? String(Int(hours)) : String(hours)
        return en ? "\(number) hours" : "\(number)시간"
    }
    func ratingValue(_ rating: Int) -> String { "\(rating)/5" }
    func asOf(_ date: String) -> String { en ? "As of \(date)" : "\(date) 기준" }

    // MARK: Vocabulary of the model

    func kind(_ kind: ExperienceKind) -> String {
        switch kind {
        case .job: en ? "Job" : "경력"
        case .training: en ? "Training" : "교육훈련"
        case .workExperience: en ? "Work experience" : "일경험"
        case .mentoring: en ? "Mentoring" : "멘토링"
        case .education: en ? "Education" : "학력"
        case .volunteering: en ? "Volunteering" : "봉사활동"
        case .project: en ? "Project" : "프로젝트"
        case .other: en ? "Other" : "기타"
        }
    }

    func status(_ status: ExperienceStatus) -> String {
        switch status {
        case .planned: en ? "planned" : "계획"
        case .ongoing: en ? "ongoing" : "진행 중"
        case .completed: en ? "completed" : "완료"
        case .discontinued: en ? "discontinued" : "중단"
        }
    }

    func link(_ type: LinkType) -> String {
        switch type {
        case .ledTo: en ? "led to" : "이어짐"
        case .partOf: en ? "part of" : "일부"
        case .supports: en ? "supports" : "지원"
        case .relatedTo: en ? "related to" : "관련"
        }
    }

    func reflection(_ kind: ReflectionKind) -> String {
        switch kind {
        case .postPlacement: en ? "After the placement" : "현장 경험 후 회고"
        case .postTraining: en ? "After the training" : "훈련 후 회고"
        case .checkpoint: en ? "Checkpoint" : "중간 점검"
        case .free: en ? "Reflection" : "자유 회고"
        }
    }

    func outcome(_ outcome: ReflectionOutcome) -> String {
        switch outcome {
        case .hired: en ? "hired" : "채용"
        case .contractExtended: en ? "contract extended" : "계약 연장"
        case .finishedAsPlanned: en ? "finished as planned" : "예정대로 종료"
        case .leftEarly: en ? "left early" : "조기 종료"
        case .completed: en ? "completed" : "수료"
        case .credentialEarned: en ? "credential earned" : "자격 취득"
        case .droppedOut: en ? "dropped out" : "중도 탈락"
        case .other: en ? "other" : "기타"
        }
    }

    func employment(_ type: EmploymentType) -> String {
        switch type {
        case .fullTime: en ? "full-time" : "전일제"
        case .partTime: en ? "part-time" : "시간제"
        case .contract: en ? "contract" : "계약직"
        case .temporary: en ? "temporary" : "임시직"
        case .freelance: en ? "freelance" : "프리랜서"
        case .selfEmployed: en ? "self-employed" : "자영업"
        case .seasonal: en ? "seasonal" : "계절직"
        case .other: en ? "other" : "기타"
        }
    }

    func mentoring(_ role: MentoringRole) -> String {
        switch role {
        case .mentor: en ? "mentor" : "멘토"
        case .mentee: en ? "mentee" : "멘티"
        }
    }

    func detail(_ kind: PersonalDetailKind) -> String {
        switch kind {
        case .headline: en ? "Headline" : "한 줄 소개"
        case .summary: en ? "Summary" : "소개"
        case .email: en ? "Email" : "이메일"
        case .phone: en ? "Phone" : "전화"
        case .address: en ? "Address" : "주소"
        case .location: en ? "Location" : "지역"
        case .website: en ? "Website" : "웹사이트"
        case .birthDate: en ? "Birth date" : "생년월일"
        case .photo: en ? "Photo" : "사진"
        case .nationality: en ? "Nationality" : "국적"
        case .gender: en ? "Gender" : "성별"
        case .other: en ? "Other" : "기타"
        }
    }
}
