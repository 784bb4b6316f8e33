import Foundation
import PathfolioCore
import PathfolioFormats

/// A portfolio and options for the interoperability tests (LEAP2A, JSON Resume, Europass).
enum InteropSamples {
    static func date(_ text: String, label: String? = nil) -> PartialDate { try! PartialDate(text, label: label) }

    static let today = date("2026-11-23")

    static func options(_ source: String) -> ReadOptions { ReadOptions(source: source, today: today) }

    /// 이서준 / Seo-jun Lee: every kind, every field, dates of every precision (one only a
    /// label), links of every type, evidence with a digest, reflections in Korean and English.
    static var fullPath: Portfolio {
        let person = Person(id: "p-seojun", name: "이서준", nameVisibility: .public, details: [
            PersonalDetail(.headline, "Backend developer · 백엔드 개발자"),
            PersonalDetail(.summary, "Career changer from logistics.\n물류에서 개발로 전향했습니다."),
            PersonalDetail(.email, "seojun@example.kr"),
            PersonalDetail(.phone, "010-2222-3333", label: "mobile", visibility: .private),
            PersonalDetail(.website, "https://seojun.example.kr"),
            PersonalDetail(.website, "https://github.com/seojun-example", label: "GitHub"),
            PersonalDetail(.location, "서울 마포구"),
            PersonalDetail(.birthDate, "1994-07"),
        ], tags: ["career-changer", "청년"])
        let organizations = [
            Organization(id: "o-acad", name: "멀티캠퍼스", kind: .trainingProvider, location: "서울", website: "https://multicampus.example"),
            Organization(id: "o-logi", name: "Hanbit Logistics", kind: .employer),
            Organization(id: "o-soft", name: "㈜소프트웨어랩 & Co <Korea>", kind: .employer, website: "https://softlab.example"),
            Organization(id: "o-univ", name: "부산대학교", kind: .school),
        ]
        let experiences = [
            Experience(id: "x-univ", kind: .education, title: "물류학 학사", organizationID: "o-univ",
                       period: Period(start: date("2013"), end: .date(date("2019-02")))),
            Experience(id: "x-logi", kind: .job, status: .completed, title: "Logistics coordinator", organizationID: "o-logi",
                       role: "Coordinator", location: "Busan",
                       period: Period(start: date("2019-03", label: "spring 2019"), end: .date(date("2023-12-31"))),
                       summary: "Planned routes for 40 trucks.", highlights: ["Cut fuel cost 8%", "Trained 3 new staff"],
                       skills: ["Excel", "SQL"], tags: ["logistics"], job: JobDetails(employmentType: .fullTime)),
            Experience(id: "x-boot", kind: .training, title: "Java 백엔드 개발자 과정", organizationID: "o-acad",
                       period: Period(start: date("2024-02-05"), end: .date(date("2024-07-26"))),
                       summary: "Spring Boot, JPA, AWS.\n팀 프로젝트 3회.", skills: ["Java", "Spring Boot"],
                       evidence: [Evidence(title: "수료증 certificate", uri: "files/certificate.pdf",
                                           sha256: String(repeating: "ab", count: 32))],
                       training: TrainingDetails(hours: 960, credential: "정보처리기사", courseCode: "AIG2024-001",
                                                 ncsCode: "20010202", funding: "국민내일배움카드")),
            Experience(id: "x-ment", kind: .mentoring, title: "현직자 멘토링 \"코드 리뷰\"", period: Period(start: date("2024-05"), end: .date(date("2024-09"))),
                       visibility: .counselor, mentoring: MentoringDetails(role: .mentee, counterpart: "10년차 백엔드 개발자")),
            Experience(id: "x-intern", kind: .workExperience, title: "청년 일경험 인턴", organizationID: "o-soft",
                       period: Period(start: date("2024-08"), end: .date(date("2024-11"))),
                       workExperience: WorkExperienceDetails(programme: "청년 일경험 지원사업", sponsor: "고용노동부")),
            Experience(id: "x-vol", kind: .volunteering, title: "코딩 교실 봉사", period: Period(start: try! PartialDate(label: "2020년 여름"))),
            Experience(id: "x-proj", kind: .project, title: "Route optimizer", period: Period(start: date("2024-06"), end: .date(date("2024-07"))),
                       evidence: [Evidence(title: "Repository", uri: "https://github.com/seojun-example/route")], tags: ["side-project"]),
            Experience(id: "x-job", kind: .job, status: .ongoing, title: "Junior backend developer", organizationID: "o-soft",
                       period: Period(start: date("2024-12"), end: .ongoing), skills: ["Java", "Kotlin"],
                       job: JobDetails(employmentType: .contract)),
            Experience(id: "x-next", kind: .other, status: .planned, title: "AWS 자격증 취득", period: Period(start: date("2027")),
                       visibility: .private),
        ]
        let links = [
            Link(from: "x-boot", to: "x-intern", type: .ledTo),
            Link(from: "x-intern", to: "x-job", type: .ledTo, note: "전환 채용 conversion"),
            Link(from: "x-ment", to: "x-intern", type: .partOf),
            Link(from: "x-ment", to: "x-job", type: .supports),
            Link(from: "x-proj", to: "x-boot", type: .relatedTo),
        ]
        let reflections = [
            Reflection(id: "r-boot", experienceID: "x-boot", kind: .postTraining, written: date("2024-07-30"),
                       template: "builtin:postTraining", locale: "ko",
                       entries: [ReflectionEntry(key: "did", prompt: "무엇을 했나요?", answer: "팀 프로젝트 <API> & 배포"),
                                 ReflectionEntry(key: "learned", prompt: "무엇을 배웠나요?", answer: "JPA 연관관계\n테스트 작성")],
                       rating: 5, outcome: .credentialEarned, skillsGained: ["JPA"], visibility: .private),
            Reflection(id: "r-intern", experienceID: "x-intern", kind: .postPlacement, written: date("2024-11-29"), locale: "en",
                       entries: [ReflectionEntry(key: "next", prompt: "What next?", answer: "Apply for the conversion.")],
                       outcome: .hired, visibility: .counselor),
        ]
        return Portfolio(person: person, organizations: organizations, experiences: experiences,
                         links: links, reflections: reflections)
    }
}
