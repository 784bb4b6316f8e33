import PathfolioCore

/// Small portfolios built in code for the model's tests.
enum Fixtures {
    static func date(_ text: String) -> PartialDate { try! PartialDate(text) }

    /// 김하늘: a training led to a work-experience programme (with mentoring inside it), which
    /// led to a job, which leads to a planned next step.
    static var jobSeeker: Portfolio {
        let person = Person(id: "p1", name: "김하늘", details: [
            PersonalDetail(.email, "haneul@example.kr"),
            PersonalDetail(.birthDate, "1999-04-02"),
            PersonalDetail(.headline, "데이터 분석가"),
            PersonalDetail(.phone, "010-1234-5678", visibility: .private),
        ], tags: ["youth"])
        let polytech = Organization(id: "o1", name: "한국폴리텍대학", kind: .trainingProvider)
        let datalab = Organization(id: "o2", name: "㈜데이터랩", kind: .employer)
        let school = Organization(id: "o3", name: "서울대학교", kind: .school)
        let experiences = [
            Experience(id: "e0", kind: .education, title: "통계학 학사", organizationID: "o3",
                       period: Period(start: date("2018-03"), end: .date(date("2022-02")))),
            Experience(id: "e1", kind: .training, title: "데이터 분석 실무", organizationID: "o1",
                       period: Period(start: date("2024-03"), end: .date(date("2024-08"))), skills: ["SQL", "Python"],
                       training: TrainingDetails(hours: 600, funding: "국민내일배움카드")),
            Experience(id: "e2", kind: .workExperience, title: "청년 일경험", organizationID: "o2",
                       period: Period(start: date("2024-09"), end: .date(date("2024-12"))),
                       workExperience: WorkExperienceDetails(programme: "청년 일경험 지원사업", sponsor: "고용노동부")),
            Experience(id: "e3", kind: .mentoring, status: .completed, title: "현직자 멘토링",
                       period: Period(start: date("2024-10"), end: .date(date("2024-12"))), visibility: .counselor,
                       mentoring: MentoringDetails(role: .mentee, counterpart: "12년차 데이터 엔지니어")),
            Experience(id: "e4", kind: .job, status: .ongoing, title: "주니어 데이터 분석가", organizationID: "o2",
                       period: Period(start: date("2025-01"), end: .ongoing), skills: ["sql", "Tableau"],
                       job: JobDetails(employmentType: .fullTime)),
            Experience(id: "e5", kind: .job, status: .planned, title: "데이터 엔지니어", period: Period(start: date("2027")),
                       visibility: .private),
        ]
        let links = [
            Link(from: "e1", to: "e2", type: .ledTo),
            Link(from: "e2", to: "e4", type: .ledTo),
            Link(from: "e3", to: "e2", type: .partOf),
            Link(from: "e3", to: "e4", type: .supports),
            Link(from: "e4", to: "e5", type: .ledTo),
        ]
        let reflections = [
            Reflection(id: "r1", experienceID: "e1", kind: .postTraining, written: date("2024-08-30"),
                       entries: [ReflectionEntry(key: "learned", prompt: "무엇을 배웠나요?", answer: "SQL 조인을 익혔다")],
                       rating: 4, outcome: .completed, skillsGained: ["Pandas"], visibility: .private),
        ]
        return Portfolio(person: person, organizations: [polytech, datalab, school], experiences: experiences,
                         links: links, reflections: reflections)
    }
}
