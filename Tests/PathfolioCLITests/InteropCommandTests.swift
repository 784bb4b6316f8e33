import Foundation
import Testing

/// LEAP2A, JSON Resume and Europass through the command line: export, import, the loss
/// report, and bad files that change nothing.
struct InteropCommandTests {
    /// 이도윤's path: a bootcamp that led to an ongoing job.
    func seed(_ cli: CLI) throws -> (training: String, job: String) {
        try cli.succeed(["init", "--name", "이도윤"])
        let training = try cli.json(["add", "training", "--title", "클라우드 엔지니어 과정", "--org", "멀티캠퍼스",
                                     "--start", "2024-02", "--end", "2024-07", "--skill", "AWS", "--hours", "900"]) as! [String: Any]
        let job = try cli.json(["add", "job", "--title", "Cloud engineer", "--org", "Acme Korea", "--start", "2024-09",
                                "--ongoing", "--employment-type", "full-time", "--skill", "Terraform"]) as! [String: Any]
        try cli.succeed(["link", training["id"] as! String, job["id"] as! String])
        return (training["id"] as! String, job["id"] as! String)
    }

    @discardableResult
    func write(_ cli: CLI, _ name: String, _ text: String) throws -> String {
        let path = cli.directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func leap2aExportImportedIntoAnEmptyLedgerExportsTheSameBytes() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        _ = try seed(cli)
        let first = try cli.run(["export", "--format", "leap2a", "--audience", "self"])
        #expect(first.status == 0)
        #expect(first.stderr == "leap2a export: 3 in the extension only (--loss-report text lists them)\n")
        let file = try write(cli, "doyun.leap2a.xml", first.stdout)
        let empty = cli.directory.appendingPathComponent("other.sqlite").path
        #expect(try cli.run(["init"], store: empty).status == 0)
        let imported = try cli.run(["import", file], store: empty)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("experiences   2 new"))
        #expect(imported.stdout.contains("links         1 new"))
        let second = try cli.run(["export", "--format", "leap2a", "--audience", "self"], store: empty)
        #expect(second.stdout == first.stdout)
    }

    @Test func aLEAP2APackageCarriesTheEvidenceFile() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "이도윤"])
        try write(cli, "certificate.pdf", "%PDF-1.4 수료증")
        try cli.succeed(["add", "training", "--title", "클라우드 과정", "--start", "2024-02", "--end", "2024-07",
                         "--evidence", "certificate.pdf"])
        let exported = try cli.run(["export", "--format", "leap2a", "--audience", "self", "--out", "doyun.zip"])
        #expect(exported.status == 0, "\(exported.stderr)")
        let empty = cli.directory.appendingPathComponent("other.sqlite").path
        #expect(try cli.run(["init"], store: empty).status == 0)
        #expect(try cli.run(["import", "doyun.zip"], store: empty).status == 0)
        func evidence(_ store: String?) throws -> [String: Any] {
            let list = try cli.run(["list", "--json"], store: store)
            let experience = try #require((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])?.first)
            return try #require((experience["evidence"] as? [[String: Any]])?.first)
        }
        let original = try evidence(nil), imported = try evidence(empty)
        #expect(imported["uri"] as? String == original["uri"] as? String)
        #expect((imported["uri"] as? String)?.hasSuffix("/certificate.pdf") == true)
        #expect(imported["sha256"] as? String == original["sha256"] as? String)
        #expect((original["sha256"] as? String)?.count == 64)
        let package = try Data(contentsOf: cli.directory.appendingPathComponent("doyun.zip"))
        #expect(package.range(of: Data("files/1-certificate.pdf".utf8)) != nil)
        #expect(package.range(of: Data("%PDF-1.4 수료증".utf8)) != nil)
    }

    @Test func jsonResumeExportWritesWhatFitsAndTheLossReportSaysTheRest() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        _ = try seed(cli)
        let result = try cli.run(["export", "--format", "json-resume", "--audience", "self", "--loss-report", "text"])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let work = json["work"] as! [[String: Any]]
        #expect(work.map { $0["position"] as? String } == ["Cloud engineer"])
        #expect(work[0]["name"] as? String == "Acme Korea")
        #expect(work[0]["startDate"] as? String == "2024-09")
        #expect(result.stderr.hasPrefix("json-resume export: 3 dropped, 2 approximated\n"))
        #expect(result.stderr.contains("training.hours: dropped (JSON Resume has no such field)"))
        #expect(result.stderr.contains("ledTo"))
        let report = try cli.run(["export", "--format", "json-resume", "--loss-report", "json"])
        let losses = try JSONSerialization.jsonObject(with: Data(report.stderr.utf8)) as! [String: Any]
        #expect(losses["format"] as? String == "json-resume")
        #expect((losses["entries"] as? [[String: Any]])?.contains { $0["field"] as? String == "job.employmentType" } == true)
    }

    /// A résumé from someone else with escape sequences in its names: imported as written (an
    /// XML export names the character), printed to the terminal without them.
    @Test func escapeSequencesInAnImportedFileDoNotReachTheTerminal() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        let file = try write(cli, "eve.json", #"""
            { "basics": { "name": "Eve\u001b[2J\u001b]0;owned\u0007" },
              "work": [ { "name": "Org\u001b[31m", "position": "Dev\u001b[5m\r", "startDate": "2020-01" } ] }
            """#)
        try cli.succeed(["import", file])
        let person = try #require((try cli.json(["person", "list"]) as? [[String: Any]])?.first)
        #expect((person["name"] as? String)?.contains("\u{1B}[2J") == true)  // kept as written
        let id = try #require(person["id"] as? String)
        let experience = try #require((try cli.json(["list", "--person", id]) as? [[String: Any]])?.first?["id"] as? String)
        for arguments in [["person", "list"], ["person", "show", id], ["list", "--person", id], ["show", "--person", id, experience],
                          ["path", "--person", id], ["history", experience]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{7}"), "\(arguments): \(result.stdout)")
            if arguments[0] != "history" { #expect(result.stdout.contains("\u{FFFD}"), "\(arguments): \(result.stdout)") }
        }
        let missing = try cli.run(["show", "--person", id, "zz\u{1B}[2Jzz"])
        #expect(missing.status != 0 && !missing.stderr.contains("\u{1B}"), "\(missing.stderr)")
    }

    @Test func exportingEveryoneNeedsAFolder() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        _ = try seed(cli)
        try cli.succeed(["person", "add", "Kim Minji"])
        let refused = try cli.run(["export", "--format", "json-resume", "--all"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("hint: give a folder with --out, e.g. --out portfolios/"))
        let folder = cli.directory.appendingPathComponent("resumes").path
        #expect(try cli.succeed(["export", "--format", "json-resume", "--all", "--out", folder]) == "Wrote 2 files to \(folder)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".resume.json") }.count == 2)
        // Made whole and private, like the other formats' folders; one file says where it went.
        #expect((try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int) == 0o700)
        let one = cli.directory.appendingPathComponent("kim.json").path
        #expect(try cli.succeed(["export", "--format", "json-resume", "--person", "Kim", "--out", one]) == "Wrote \(one)\n")
        #expect(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: one))) is [String: Any])
        let leap = cli.directory.appendingPathComponent("feeds").path + "/"
        #expect(try cli.succeed(["export", "--format", "leap2a", "--all", "--out", leap]) == "Wrote 2 files to \(leap)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: leap).filter { $0.hasSuffix(".leap2a.xml") }.count == 2)
        // XML's caseload into that folder does not count the LEAP2A feeds as its own leftovers,
        // and one person exported into it warns of nobody.
        let xml = try cli.run(["export", "--format", "xml", "--all", "--out", leap])
        #expect(xml.status == 0 && !xml.stderr.contains("warning"), "\(xml.stderr)")
        let single = try cli.run(["export", "--format", "xml", "--person", "Kim", "--out", leap])
        #expect(single.status == 0 && single.stderr.isEmpty, "\(single.stderr)")
        let xmlAgain = try cli.run(["export", "--format", "xml", "--all", "--audience", "public", "--out", leap])
        #expect(xmlAgain.status == 0 && !xmlAgain.stderr.contains("warning"), "\(xmlAgain.stderr)")
        // A file where the caseload's folder should be is refused, and kept.
        let taken = try write(cli, "taken.json", "keep")
        let refusedFile = try cli.run(["export", "--format", "json-resume", "--all", "--out", taken])
        #expect(refusedFile.status == 64)
        #expect(refusedFile.stderr.hasPrefix("\(taken): error: this is a file, but --all --format json-resume needs a folder\n"))
        #expect(try String(contentsOfFile: taken, encoding: .utf8) == "keep")
        // A name that is not there and ends as a file's (`all.json`) is taken for a file, not
        // made a folder; ending it with / makes the folder. One person's caseload is a folder too.
        let named = cli.directory.appendingPathComponent("all.json").path
        let refusedName = try cli.run(["export", "--format", "json-resume", "--all", "--out", named])
        #expect(refusedName.status == 64)
        #expect(refusedName.stderr.hasPrefix("\(named): error: --all --format json-resume writes one file per person, and this names a file\n"))
        #expect(refusedName.stderr.contains("end the name with / to make a folder of this name"))
        #expect(!FileManager.default.fileExists(atPath: named))
        #expect(try cli.succeed(["export", "--format", "json-resume", "--all", "--out", named + "/"]) == "Wrote 2 files to \(named)/\n")
        let alone = try CLI()
        defer { alone.cleanUp() }
        _ = try seed(alone)
        let caseload = alone.directory.appendingPathComponent("caseload").path
        #expect(try alone.succeed(["export", "--format", "leap2a", "--all", "--out", caseload]) == "Wrote 1 file to \(caseload)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: caseload).filter { $0.hasSuffix(".leap2a.xml") }.count == 1)
        // Without a folder, a caseload of one is refused as one of two is (a script does not
        // break when the second person comes), and any file-like name is refused, not only
        // the format's own ending.
        let noFolder = try alone.run(["export", "--format", "leap2a", "--all"])
        #expect(noFolder.status == 64 && noFolder.stdout.isEmpty, "\(noFolder)")
        for (format, name) in [("leap2a", "all.json"), ("json-resume", "feeds.xml"), ("json-resume", "caseload.MD")] {
            let path = alone.directory.appendingPathComponent(name).path
            let refused = try alone.run(["export", "--format", format, "--all", "--out", path])
            #expect(refused.status == 64, "\(format) \(name): \(refused)")
            #expect(!FileManager.default.fileExists(atPath: path))
        }
        let empty = try CLI()
        defer { empty.cleanUp() }
        try empty.succeed(["init"])
        let nobody = empty.directory.appendingPathComponent("all.json").path
        #expect(try empty.run(["export", "--format", "json-resume", "--all", "--out", nobody]).status == 64)
        #expect(!FileManager.default.fileExists(atPath: nobody))
    }

    static let resume = """
        { "basics": { "name": "Park Jiwoo", "email": "jiwoo@example.kr" },
          "work": [ { "company": "Hanbit", "position": "Analyst", "startDate": "2021-03", "endDate": "Present" },
                    { "name": "Café 온", "position": "Barista", "startDate": "2019", "endDate": "2020-12" } ],
          "awards": [ { "title": "Best newcomer" } ] }
        """

    @Test func aJSONResumeIsImportedOnceAndReimportingChangesNothing() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        let file = try write(cli, "resume.json", Self.resume)
        let first = try cli.run(["import", file])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("experiences   2 new"))
        #expect(first.stderr == "\(file): json-resume import: 1 dropped (--loss-report text lists them)\n")
        let list = try cli.succeed(["list", "--person", "Park Jiwoo"])
        #expect(list.contains("2021-03 – present  job  Analyst · Hanbit"))
        let second = try cli.run(["import", file, "--json"])
        let reports = try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as! [[String: Any]]
        let plan = (reports[0]["plans"] as! [[String: Any]])[0]
        #expect(plan["changes"] as? Bool == false)
        let losses = reports[0]["losses"] as! [String: Any]
        #expect((losses["entries"] as! [[String: Any]]).map { $0["entity"] as? String } == ["awards"])
    }

    /// `validate` says what an import would not keep, as `import` does: a file can be valid
    /// and still lose fields.
    @Test func validateSaysWhatAnImportWouldNotKeep() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let file = try write(cli, "resume.json", Self.resume)
        let plain = try cli.run(["validate", file])
        #expect(plain.status == 0 && plain.stdout == "\(file): valid (1 portfolio, 2 experiences)\n", "\(plain.stdout)")
        #expect(plain.stderr == "\(file): json-resume import: 1 dropped (--loss-report text lists them)\n")
        let listed = try cli.run(["validate", file, "--loss-report", "text"])
        #expect(listed.stderr == """
            \(file): json-resume import: 1 dropped
              awards awards[0] "Best newcomer", *: dropped (Pathfolio has no place for awards)

            """, "\(listed.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(try cli.succeed(["validate", file, "--json"]).utf8)) as! [[String: Any]]
        #expect(((json[0]["losses"] as? [String: Any])?["entries"] as? [[String: Any]])?.count == 1)
    }

    @Test func aBadFileSaysWhereAndChangesNothing() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        _ = try seed(cli)
        let before = try cli.ledgerBytes()
        let bad = try write(cli, "resume.json", Self.resume.replacingOccurrences(of: "\"2019\"", with: "\"2019-00\""))
        let result = try cli.run(["import", bad])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("""
            \(bad): work[1].startDate: error: '2019-00' has a month outside 01–12
              hint: write a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024-03, or "Present" for an end that has not come
            """))
        let feed = try write(cli, "broken.xml", """
            <?xml version="1.0"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:leap2="http://terms.leapspecs.org/">
              <entry><title>A</title></entry>
            </feed>
            """)
        let europass = try write(cli, "cv.xml", """
            <SkillsPassport xmlns="http://europass.cedefop.europa.eu/Europass"><LearnerInfo>
              <Identification><PersonName><FirstName>Ana</FirstName><Surname>Kim</Surname></PersonName></Identification>
              <WorkExperienceList><WorkExperience><Period><From year="2020" month="--02" day="---30"/></Period>
                <Position><Label>Clerk</Label></Position></WorkExperience></WorkExperienceList>
            </LearnerInfo></SkillsPassport>
            """)
        let third = try cli.run(["import", europass])
        #expect(third.status == 65)
        #expect(third.stderr.hasPrefix("\(europass):3:47: error: WorkExperienceList/WorkExperience[1]/Period/From: '2020-02-30' does not exist: February 2020 has 29 days"))
        let second = try cli.run(["import", feed])
        #expect(second.status == 65)
        #expect(second.stderr.hasPrefix("\(feed):3:3: error: an entry has no <id>"))
        #expect(try cli.ledgerBytes() == before)
    }

    @Test func validateChecksForeignFilesWithoutImporting() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        let file = try write(cli, "resume.json", Self.resume)
        #expect(try cli.succeed(["validate", file]) == "\(file): valid (1 portfolio, 2 experiences)\n")
        #expect(try cli.succeed(["person", "list"]).contains("Park Jiwoo") == false)
    }
}
