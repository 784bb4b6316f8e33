import Foundation
import PathfolioCore
import PathfolioFormats
import Testing

/// The package root, found from this file.
let packageRoot: URL = {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while folder.path != "/", !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
        folder.deleteLastPathComponent()
    }
    return folder
}()

/// Checks a document with `xmllint --noout --schema Schemas/pathfolio-1.xsd`; returns its complaints.
func xmllint(_ text: String) throws -> (status: Int32, output: String) {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("pathfolio-\(UUID().uuidString).xml")
    try Data(text.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
    process.arguments = ["--noout", "--nonet", "--schema", packageRoot.appendingPathComponent("Schemas/pathfolio-1.xsd").path, file.path]
    let pipe = Pipe()
    process.standardError = pipe
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
}

/// One portfolio with every field set.
func everyField() throws -> Portfolio {
    let org = Organization(id: "org-1", name: "한국폴리텍대학", kind: .trainingProvider, location: "서울", website: "https://kopo.ac.kr/?a=1&b=2")
    var training = Experience(id: "exp-1", kind: .training, status: .completed, title: "데이터 분석 실무 <SQL & Python>",
                              organizationID: org.id, role: "수강생", location: "서울 강서구",
                              period: Period(start: try PartialDate("2024-03", label: "봄 학기"), end: .date(try PartialDate("2024-08-30"))),
                              summary: "첫 줄\n  둘째 줄 \"인용\"\r\n셋째", highlights: ["팀 프로젝트 1위 🏆"], skills: ["SQL", "Python"],
                              evidence: [Evidence(title: "수료증", uri: "certificates/수료증.pdf", sha256: String(repeating: "ab", count: 32)),
                                         Evidence(title: "Portfolio", uri: "https://example.com/x?y=1&z=2")],
                              tags: ["k-digital"], visibility: .public)
    training.training = TrainingDetails(hours: 600.5, credential: "SQLD", courseCode: "AIG2024", ncsCode: "20010101", funding: "국민내일배움카드")
    var job = Experience(id: "exp-2", kind: .job, status: .ongoing, title: "Data analyst", organizationID: org.id,
                         period: Period(start: try PartialDate("2025"), end: .ongoing), visibility: .counselor)
    job.job = JobDetails(employmentType: .fullTime)
    var programme = Experience(id: "exp-3", kind: .workExperience, title: "청년 일경험",
                               period: Period(start: try PartialDate(label: "early 2000s")), visibility: .private)
    programme.workExperience = WorkExperienceDetails(programme: "청년 일경험 지원사업", sponsor: "고용노동부")
    var mentoring = Experience(id: "exp-4", kind: .mentoring, title: "مرحبا mentoring", period: Period(end: .date(try PartialDate("2024-10"))))
    mentoring.mentoring = MentoringDetails(role: .mentee, counterpart: "a data engineer")
    let person = Person(id: "person-1", name: "김하늘", nameVisibility: .counselor,
                        details: [PersonalDetail(.email, "haneul@example.com", label: "home"),
                                  PersonalDetail(.headline, "Data analyst in training"),
                                  PersonalDetail(.birthDate, "1999-04")],
                        tags: ["youth"])
    let reflection = Reflection(id: "ref-1", experienceID: "exp-1", kind: .postTraining, written: try PartialDate("2024-09-01"),
                                template: "builtin:postTraining", locale: "ko",
                                entries: [ReflectionEntry(key: "learned", prompt: "무엇을 배웠나요?", answer: "SQL 조인\n윈도 함수")],
                                rating: 4, outcome: .credentialEarned, skillsGained: ["SQL"], visibility: .private)
    return Portfolio(person: person, organizations: [org], experiences: [training, job, programme, mentoring],
                     links: [Link(from: "exp-1", to: "exp-2", type: .ledTo, note: "hired after the course"),
                             Link(from: "exp-4", to: "exp-3", type: .partOf)],
                     reflections: [reflection])
}

struct PortfolioXMLTests {
    @Test func embeddedSchemaEqualsTheFileInSchemas() throws {
        let file = try String(contentsOf: packageRoot.appendingPathComponent("Schemas/pathfolio-1.xsd"), encoding: .utf8)
        #expect(PortfolioXML.schemaText + "\n" == file, "run `sh Schemas/embed.sh` after changing the schema")
        _ = try PortfolioXML.compiledSchema()
    }

    @Test func everyFieldSurvivesWriteAndReadAndTheFileIsValid() throws {
        let portfolio = try everyField()
        let text = try PortfolioXML.write(portfolio, audience: .self)
        let lint = try xmllint(text)
        #expect(lint.status == 0, "\(lint.output)")
        let read = PortfolioXML.read(bytes: Array(text.utf8), name: "every.xml")
        #expect(read.diagnostics.isEmpty, "\(read.diagnostics)")
        #expect(read.audience == .self)
        let back = try #require(read.portfolios.first)
        #expect(back.portfolio == portfolio.canonicallyOrdered())
        #expect(back.experienceHashes["exp-1"] == PortfolioXML.fingerprint(portfolio.experiences[0]))
        #expect(try PortfolioXML.write(back.portfolio, audience: .self) == text)
    }

    @Test func writingIsDeterministicAndHasNoTimestamp() throws {
        let portfolio = try everyField()
        let shuffled = Portfolio(person: portfolio.person, organizations: portfolio.organizations.reversed(),
                                 experiences: portfolio.experiences.reversed(), links: portfolio.links.reversed(),
                                 reflections: portfolio.reflections)
        #expect(try PortfolioXML.write(portfolio, audience: .self) == PortfolioXML.write(shuffled, audience: .self))
    }

    @Test func publicExportsHoldOnlyPublicRecords() throws {
        let text = try PortfolioXML.write(try everyField(), audience: .public)
        #expect(!text.contains("exp-2") && !text.contains("exp-3") && !text.contains("ref-1"))
        #expect(!text.contains("haneul@example.com") && !text.contains("1999-04") && !text.contains("youth"))
        #expect(!text.contains("김하늘"))
        #expect(text.contains("<name visibility=\"counselor\">Candidate person-1</name>"))
        #expect(text.contains("audience=\"public\""))
        #expect(try xmllint(text).status == 0)
    }

    @Test func collectionsHoldManyPortfolios() throws {
        var generator = PortfolioGenerator(seed: 1)
        let portfolios = [generator.portfolio(experiences: 3), generator.portfolio(experiences: 2)].map { $0.normalized() }
        let text = try PortfolioXML.write(collection: portfolios, audience: .self)
        #expect(text.contains("<portfolios xmlns=\"urn:pathfolio:portfolio:1\" version=\"1\" audience=\"self\">"))
        #expect(try xmllint(text).status == 0)
        var streamed = ""
        try PortfolioXML.write(collection: portfolios, audience: .self) { streamed += $0 }
        #expect(streamed == text)
        let read = PortfolioXML.read(bytes: Array(text.utf8), name: "many.xml")
        #expect(read.diagnostics.isEmpty, "\(read.diagnostics)")
        #expect(read.portfolios.map(\.portfolio) == portfolios.map { $0.canonicallyOrdered() })
    }

    @Test func controlCharactersAreRefusedNamingRecordAndField() throws {
        var portfolio = try everyField()
        portfolio.experiences[1].summary = "bell \u{7} here"
        portfolio.person.tags = ["tab\tok", "nul\u{0}"]
        do {
            _ = try PortfolioXML.write(portfolio, audience: .self)
            Issue.record("expected an error")
        } catch {
            let lines = error.diagnostics.map(\.description)
            #expect(lines == [
                "person person-1, tags[1]: error: the text holds the character U+0000, which XML 1.0 cannot carry\n  hint: remove it from the person's tags[1] (e.g. with `pathfolio edit`) and export again",
                "experience exp-2, summary: error: the text holds the character U+0007, which XML 1.0 cannot carry\n  hint: remove it from the experience's summary (e.g. with `pathfolio edit`) and export again",
            ])
        }
    }

    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func generatedPortfoliosRoundTripThroughXML(seed: UInt64) throws {
        var generator = PortfolioGenerator(seed: seed)
        let portfolio = generator.portfolio(experiences: 16).normalized()
        #expect(portfolio.diagnostics().isEmpty, "\(portfolio.diagnostics())")
        let text = try PortfolioXML.write(portfolio, audience: .self)
        #expect(try xmllint(text).status == 0)
        let read = PortfolioXML.read(bytes: Array(text.utf8), name: "gen-\(seed).xml")
        #expect(read.diagnostics.isEmpty, "\(read.diagnostics)")
        #expect(read.portfolios.first?.portfolio == portfolio)
        for audience in Audience.allCases {
            let shown = try PortfolioXML.write(portfolio, audience: audience)
            #expect(PortfolioXML.read(bytes: Array(shown.utf8), name: "gen.xml").isValid)
        }
    }
}
