import Foundation
import PathfolioCore
import PathfolioFormats
import Testing

struct JSONResumeTests {
    /// A résumé as JSON Resume tools write it, with legacy keys, "Present", missing end
    /// dates and dates of every precision.
    static let resume = """
        {
          "basics": {
            "name": "박지민",
            "label": "Data analyst",
            "email": "jimin@example.kr",
            "website": "https://jimin.example.kr",
            "location": { "city": "Seoul", "countryCode": "KR" },
            "profiles": [ { "network": "GitHub", "url": "https://github.com/jimin-example" } ]
          },
          "work": [
            { "company": "㈜데이터랩", "position": "주니어 데이터 분석가", "startDate": "2025-01", "endDate": "Present",
              "highlights": ["대시보드 12개 구축"] },
            { "name": "Corner Café", "position": "Barista", "startDate": "2019", "summary": "Part-time while studying." }
          ],
          "volunteer": [ { "organization": "Code Club", "position": "Tutor", "startDate": "2021-03-06", "endDate": "2021-06-26" } ],
          "education": [ { "institution": "한국폴리텍대학", "area": "데이터 분석", "studyType": "과정", "startDate": "2024-03",
                           "endDate": "2024-08", "courses": ["SQL", "Python"], "score": "A" } ],
          "projects": [ { "name": "Seoul bike analysis", "description": "Open data.", "keywords": ["Pandas"],
                          "url": "https://github.com/jimin-example/bikes", "roles": ["author", "maintainer"] } ],
          "certificates": [ { "name": "SQLD", "date": "2024-09-20", "issuer": "한국데이터산업진흥원" } ],
          "awards": [ { "title": "Hackathon 2nd place" } ],
          "skills": [ { "name": "SQL", "level": "Advanced", "keywords": ["PostgreSQL"] } ],
          "meta": { "version": "v1.0.0" }
        }
        """

    func read(_ text: String) throws -> ForeignRead {
        try JSONResumeReader.read(Data(text.utf8), options: InteropSamples.options("resume.json"))
    }

    @Test func importReadsEverySectionAtTheGivenPrecision() throws {
        let result = try read(Self.resume)
        let portfolio = result.portfolio
        #expect(portfolio.person.name == "박지민")
        #expect(portfolio.person.detail(.location)?.value == "Seoul, KR")
        #expect(portfolio.person.details.filter { $0.kind == .website }.map(\.value)
                == ["https://jimin.example.kr", "https://github.com/jimin-example"])
        let byTitle = Dictionary(uniqueKeysWithValues: portfolio.experiences.map { ($0.title, $0) })
        let job = try #require(byTitle["주니어 데이터 분석가"])
        #expect(job.kind == .job)
        #expect(job.period == Period(start: InteropSamples.date("2025-01"), end: .ongoing))
        #expect(job.status == .ongoing)
        #expect(portfolio.organization(job.organizationID)?.name == "㈜데이터랩")
        let barista = try #require(byTitle["Barista"])
        #expect(barista.period.start?.precision == .year)
        #expect(barista.period.end == nil)
        #expect(byTitle["Tutor"]?.kind == .volunteering)
        #expect(byTitle["Tutor"]?.status == .completed)
        #expect(byTitle["과정 데이터 분석"]?.highlights == ["SQL", "Python"])
        let certificate = try #require(byTitle["SQLD"])
        #expect(certificate.kind == .training)
        #expect(certificate.training?.credential == "SQLD")
        #expect(certificate.period.end == .date(InteropSamples.date("2024-09-20")))
        let project = try #require(byTitle["Seoul bike analysis"])
        #expect(project.skills == ["Pandas"])
        #expect(project.role == "author, maintainer")
        #expect(project.evidence.map(\.uri) == ["https://github.com/jimin-example/bikes"])
    }

    @Test func importReportsWhatItCouldNotKeep() throws {
        let losses = try read(Self.resume).losses
        let lines = losses.entries.map(\.description)
        #expect(lines.contains("awards awards[0] \"Hackathon 2nd place\", *: dropped (Pathfolio has no place for awards)"))
        #expect(lines.contains("education education[0] \"과정 데이터 분석\", score: dropped (Pathfolio has no score field)"))
        #expect(lines.contains("skills skills[0] \"SQL\", level: dropped (Pathfolio has no skill level)"))
        #expect(lines.contains("projects projects[0] \"Seoul bike analysis\", roles: approximated (joined into one role)"))
        #expect(lines.contains("basics basics.location, countryCode: approximated (kept in the location detail, after the city)"))
        #expect(lines.contains("education education[0] \"과정 데이터 분석\", studyType: approximated (joined with the area into the title)"))
        #expect(lines.contains("resume, meta: dropped (the document's own metadata (version, last change) is not kept)"))
        #expect(losses.summary == "4 dropped, 6 approximated")
    }

    /// What a file holds beyond the fields the reader takes is named, field by field: keys
    /// JSON Resume does not have, parts of an address joined into one text, a time of day
    /// cut off, a user name the kept URL does not carry.
    @Test func nothingInTheFileGoesUnreadWithoutAWord() throws {
        let text = """
            {
              "basics": {
                "name": "Ana Lima", "pronouns": "she/her",
                "location": { "address": "Rua A 1", "postalCode": "01000-000", "city": "São Paulo", "region": "SP",
                              "countryCode": "BR", "timezone": "America/Sao_Paulo" },
                "profiles": [ { "network": "Mastodon", "url": "https://social.example/@ana", "username": "ana_lima" },
                              { "network": "GitHub", "url": "https://github.com/ana-lima", "username": "ana-lima" } ]
              },
              "work": [ { "name": "Loja", "position": "Caixa", "startDate": "2024-03-01T09:00:00-03:00", "endDate": "2024-06-30",
                          "x-team": "Frente de caixa" } ],
              "education": [ { "institution": "ETEC", "area": "Informática", "startDate": "2021", "minor": "Design" } ],
              "skills": [ { "name": "Excel", "keywords": ["PROCV"], "years": 3 } ]
            }
            """
        let result = try read(text)
        #expect(result.portfolio.person.detail(.address)?.value == "Rua A 1, 01000-000")
        #expect(result.portfolio.person.detail(.location)?.value == "São Paulo, SP, BR")
        let job = try #require(result.portfolio.experiences.first { $0.title == "Caixa" })
        #expect(job.period.start == InteropSamples.date("2024-03-01"))
        let lines = result.losses.entries.map(\.description)
        for expected in [
            "basics basics, pronouns: dropped (not a JSON Resume 1.0 field of basics)",
            "basics basics.location, postalCode: approximated (kept in the address detail, after the address)",
            "basics basics.location, region: approximated (kept in the location detail, after the city)",
            "basics basics.location, countryCode: approximated (kept in the location detail, after the city)",
            "basics basics.location, timezone: dropped (not a JSON Resume 1.0 field of basics.location)",
            "basics basics.profiles[0] \"Mastodon\", username: dropped (the profile's URL was kept, and it does not contain the user name)",
            "work work[0] \"Caixa\", startDate: approximated (the time of day was dropped; Pathfolio keeps dates)",
            "work work[0] \"Caixa\", x-team: dropped (not a JSON Resume 1.0 field of work)",
            "education education[0] \"Informática\", minor: dropped (not a JSON Resume 1.0 field of education)",
            "skills skills[0] \"Excel\", years: dropped (not a JSON Resume 1.0 field of skills)",
        ] {
            #expect(lines.contains(expected), "missing: \(expected)")
        }
        #expect(!lines.contains { $0.contains("profiles[1]") }, "a URL that carries the user name loses nothing")
        #expect(!lines.contains { $0.contains("endDate") }, "a date without a time loses nothing")
        #expect(!lines.contains { $0.contains("ana_lima") || $0.contains("01000") }, "values are never quoted")
    }

    @Test func readingTheSameFileTwiceGivesTheSameIDs() throws {
        let first = try read(Self.resume).portfolio
        let second = try read(Self.resume).portfolio
        #expect(first == second)
        #expect(Set(first.experiences.map(\.id)).count == 6)
    }

    @Test func aBadDateNamesItsJSONPathAndHowToFixIt() throws {
        let text = Self.resume.replacingOccurrences(of: "\"startDate\": \"2019\"", with: "\"startDate\": \"2019-13\"")
        let error = try #require(throws: DiagnosticError.self) { try read(text) }
        #expect(error.description == """
            resume.json: work[1].startDate: error: '2019-13' has a month outside 01–12
              hint: write a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024-03, or "Present" for an end that has not come
            """)
    }

    @Test func everyProblemIsReportedInOnePass() throws {
        let text = """
            { "basics": { "name": "Kim" }, "work": [ { "position": "A", "startDate": "2024-02-30" }, { "startDate": "2020" } ],
              "education": "none" }
            """
        let error = try #require(throws: DiagnosticError.self) { try read(text) }
        #expect(error.diagnostics.compactMap(\.location?.field) == ["work[0].startDate", "work[1]", "education"])
        #expect(error.diagnostics[0].message == "'2024-02-30' does not exist: February 2024 has 29 days")
    }

    @Test func anEndBeforeTheStartPointsAtTheItem() throws {
        let text = #"{ "basics": { "name": "Kim" }, "work": [ { "position": "A", "startDate": "2024-05", "endDate": "2023" } ] }"#
        let error = try #require(throws: DiagnosticError.self) { try read(text) }
        #expect(error.description.hasPrefix("resume.json: work[0] (period.end): error: end 2023 is before start 2024-05"))
    }

    @Test func malformedJSONGivesALineAndColumn() throws {
        let text = "{\n  \"basics\": { \"name\": \"Kim\" }\n  \"work\": []\n}"
        let error = try #require(throws: DiagnosticError.self) { try read(text) }
        let location = try #require(error.diagnostics.first?.location)
        #expect(location.file == "resume.json")
        #expect(location.line == 3)
        #expect(error.diagnostics.first?.code == "json.malformed")
    }

    @Test func exportWritesWhatFitsInJSONResumeOrder() throws {
        let (data, _) = JSONResumeWriter.write(InteropSamples.fullPath)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let basics = try #require(json["basics"] as? [String: Any])
        #expect(basics["name"] as? String == "이서준")
        #expect(basics["label"] as? String == "Backend developer · 백엔드 개발자")
        #expect((basics["profiles"] as? [[String: Any]])?.first?["network"] as? String == "GitHub")
        let work = try #require(json["work"] as? [[String: Any]])
        #expect(work.map { $0["position"] as? String } == ["Coordinator", "청년 일경험 인턴", "Junior backend developer"])
        #expect(work[2]["startDate"] as? String == "2024-12")
        #expect(work[2]["endDate"] == nil)
        #expect(work[0]["highlights"] as? [String] == ["Cut fuel cost 8%", "Trained 3 new staff"])
        let education = try #require(json["education"] as? [[String: Any]])
        #expect(education.map { $0["area"] as? String } == ["물류학 학사", "Java 백엔드 개발자 과정"])
        #expect((json["certificates"] as? [[String: Any]])?.first?["name"] as? String == "정보처리기사")
        #expect((json["skills"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
                == ["Excel", "SQL", "Java", "Spring Boot", "Kotlin"])
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"$schema\": \"https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json\",\n  \"basics\": {\n    \"name\": \"이서준\","))
        #expect(!text.contains("AWS 자격증"), "planned steps are not written")
        #expect(JSONResumeWriter.write(InteropSamples.fullPath).data == data, "the same portfolio gives the same bytes")
    }

    @Test func exportReportsEveryFieldItCouldNotWrite() throws {
        let losses = JSONResumeWriter.write(InteropSamples.fullPath).losses
        let lines = Set(losses.entries.map(\.description))
        for expected in [
            "experience x-logi \"Logistics coordinator\", title: dropped (JSON Resume has only a position; the role was written)",
            "experience x-logi \"Logistics coordinator\", period.start.label: approximated (JSON Resume dates have no label)",
            "experience x-logi \"Logistics coordinator\", job.employmentType: dropped (JSON Resume has no such field)",
            "experience x-vol \"코딩 교실 봉사\", period.start.label: dropped (JSON Resume dates cannot be only a label)",
            "experience x-next \"AWS 자격증 취득\", *: dropped (JSON Resume has no planned steps)",
            "experience x-boot \"Java 백엔드 개발자 과정\", training.hours: dropped (JSON Resume has no such field)",
            "experience x-boot \"Java 백엔드 개발자 과정\", evidence[0]: dropped (JSON Resume has no evidence)",
            "link x-intern:ledTo:x-job, *: dropped (JSON Resume has no links between experiences)",
            "reflection r-boot \"postTraining\", *: dropped (JSON Resume has no reflections)",
            "person p-seojun, details[7] (birthDate): dropped (JSON Resume has no place for a birthDate detail (or a second one))",
        ] {
            #expect(lines.contains(expected), "missing: \(expected)")
        }
        #expect(!losses.entries.contains { $0.description.contains("seojun@example.kr") }, "no contact details in the report")
    }

    @Test func exportedResumeReadsBackWithTheSameWorkAndDates() throws {
        let (data, _) = JSONResumeWriter.write(InteropSamples.fullPath)
        let back = try JSONResumeReader.read(data, options: InteropSamples.options("out.json")).portfolio
        let work = back.experiences.filter { $0.kind == .job }.sorted(by: Experience.chronological)
        #expect(work.map(\.title) == ["Coordinator", "청년 일경험 인턴", "Junior backend developer"])
        #expect(work.map(\.period) == [
            Period(start: InteropSamples.date("2019-03"), end: .date(InteropSamples.date("2023-12-31"))),
            Period(start: InteropSamples.date("2024-08"), end: .date(InteropSamples.date("2024-11"))),
            Period(start: InteropSamples.date("2024-12"), end: nil),
        ])
        #expect(back.person.name == "이서준")
    }

    /// Keys the reader takes are not reported as dropped (highlights of an education or a
    /// certificate, a volunteer's description once), and a place written as one text is kept.
    @Test func whatIsReadIsNotReportedAsDropped() throws {
        let text = """
            {
              "basics": { "name": "Ana Lima", "location": "São Paulo, Brasil" },
              "volunteer": [ { "organization": "Code Club", "position": "Tutor", "startDate": "2021", "description": "Clubs for kids" } ],
              "education": [ { "institution": "ETEC", "area": "Informática", "startDate": "2021", "highlights": ["Prize"] } ],
              "certificates": [ { "name": "SQLD", "date": "2024-09-20", "highlights": ["Top 10%"] } ]
            }
            """
        let result = try read(text)
        #expect(result.portfolio.person.detail(.location)?.value == "São Paulo, Brasil")
        #expect(result.portfolio.experiences.first { $0.title == "Informática" }?.highlights == ["Prize"])
        let lines = result.losses.entries.map(\.description)
        #expect(!lines.contains { $0.contains("not a JSON Resume 1.0 field") }, "\(lines)")
        #expect(lines.filter { $0.contains("description") }.count == 1, "\(lines)")
        #expect(lines.contains("basics basics.location, location: approximated (a text, not JSON Resume 1.0's object: kept as the location detail)"))
    }

    @Test func whatTheWriterWritesTheReaderReads() throws {
        let (data, _) = JSONResumeWriter.write(InteropSamples.fullPath)
        let losses = try JSONResumeReader.read(data, options: InteropSamples.options("out.json")).losses
        let unread = losses.entries.filter { $0.detail.hasPrefix("not a JSON Resume 1.0 field") }
        #expect(unread.isEmpty, "\(unread.map(\.description))")
    }
}
