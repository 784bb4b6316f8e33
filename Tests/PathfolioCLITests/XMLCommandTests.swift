import Foundation
import PathfolioCore
import PathfolioFormats
@testable import pathfolio
import PathfolioStore
import Testing

/// `export --format xml`, `validate` and `import`, run as a user runs them.
struct XMLCommandTests {
    private func write(_ text: String, _ name: String, in cli: CLI) throws -> String {
        let path = cli.directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func read(_ path: String) throws -> String {
        try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
    }

    private var examples: URL { CLI.packageFolder.appendingPathComponent("Examples") }

    /// `xmllint --noout --nonet --schema Schemas/pathfolio-1.xsd FILE…`: the exit status and what it said.
    private func xmllint(_ files: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = ["--noout", "--nonet", "--schema", CLI.packageFolder.appendingPathComponent("Schemas/pathfolio-1.xsd").path] + files
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test func theExampleXMLFilesAreWhatTheScriptMakesAndTheyValidateAndRoundTrip() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let made = try cli.example("export-xml.sh", [cli.directory.path])
        #expect(made.status == 0, "\(made.stderr)")
        for name in ["korean-job-seeker.xml", "career-changer.xml"] {
            let committed = try read(examples.appendingPathComponent(name).path)
            let fresh = try read(cli.directory.appendingPathComponent(name).path)
            #expect(fresh == committed, "\(name) is stale: run `PATHFOLIO=.build/debug/pathfolio Examples/export-xml.sh`")
            // It validates (libxml2 here, xmllint beside), and export → import → export is byte-identical.
            #expect(try cli.succeed(["validate", examples.appendingPathComponent(name).path]).contains(": valid (1 portfolio, "))
            #expect(try xmllint([examples.appendingPathComponent(name).path]).status == 0)
            let store = cli.directory.appendingPathComponent("\(name).sqlite").path
            #expect(try cli.run(["init"], store: store).status == 0)
            #expect(try cli.run(["import", examples.appendingPathComponent(name).path], store: store).status == 0)
            let again = try cli.run(["export", "--format", "xml", "--audience", "self"], store: store)
            #expect(again.stdout == committed)
        }
    }

    @Test func exportWithAllWritesOneFilePerPersonToAFolderOrOneCollectionFile() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        for script in ["korean-job-seeker.sh", "career-changer.sh"] {
            #expect(try cli.example(script, [cli.store]).status == 0)
        }
        let folder = cli.directory.appendingPathComponent("out").path + "/"
        #expect(try cli.succeed(["export", "--format", "xml", "--all", "--out", folder]) == "Wrote 2 XML files to \(folder)\n")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files.count == 2 && files.allSatisfy { $0.hasSuffix(".xml") && $0.count == 36 })
        let collection = cli.directory.appendingPathComponent("all.xml").path
        #expect(try cli.succeed(["export", "--format", "xml", "--all", "--out", collection]) == "Wrote 2 portfolios to \(collection)\n")
        let text = try read(collection)
        let lint = try xmllint([collection] + files.map { folder + $0 })
        #expect(lint.status == 0, "\(lint.output)")
        #expect(text.contains("<portfolios xmlns=\"urn:pathfolio:portfolio:1\" version=\"1\" audience=\"public\">"))
        #expect(!text.contains("haneul.kim@example.kr"))
        let mode = try FileManager.default.attributesOfItem(atPath: collection)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // The same ledger exports the same bytes.
        #expect(try cli.succeed(["export", "--format", "xml", "--all"]) == text)
    }

    @Test func validateReportsEveryProblemWithFileLineAndHintAndTheExitCodeSaysWhichKind() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let bad = try write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <portfolio xmlns="urn:pathfolio:portfolio:1" version="1">
              <person id="p1"><name visibility="public">Kim</name></person>
              <experiences>
                <experience id="e1" kind="jobb" status="completed" visibility="public"><title>A</title></experience>
                <experience id="e2" kind="job" status="done" visibility="public"><title>B</title></experience>
              </experiences>
            </portfolio>
            """, "bad.xml", in: cli)
        let result = try cli.run(["validate", bad])
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("\(bad):5: error: ") }.count == 1)
        #expect(lines.filter { $0.hasPrefix("\(bad):6: error: ") }.count == 1)
        #expect(lines.contains { $0.hasPrefix("  hint: ") })

        let missing = try cli.run(["validate", cli.directory.appendingPathComponent("nope.xml").path])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("nope.xml: error: no such file"))
        let emptyFolder = cli.directory.appendingPathComponent("none")
        try FileManager.default.createDirectory(at: emptyFolder, withIntermediateDirectories: true)
        #expect(try cli.run(["validate", emptyFolder.path]).status == 66)

        let good = examples.appendingPathComponent("career-changer.xml").path
        let both = try cli.run(["validate", good, bad])
        #expect(both.status == 65)
        #expect(both.stdout.hasSuffix("1 of 2 files valid; failed: \(bad)\n"))
    }

    @Test func importIsAllOrNothingPerFileAndTheSummaryNamesWhatFailed() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        let good = examples.appendingPathComponent("korean-job-seeker.xml").path
        // A valid file whose second experience ends before it starts: semantic error, nothing imported.
        let broken = try read(examples.appendingPathComponent("career-changer.xml").path)
            .replacingOccurrences(of: "<end>2022-07</end>", with: "<end>1999-06</end>")
        #expect(broken.contains("1999-06"))
        let bad = try write(broken, "bad.xml", in: cli)
        let before = try cli.ledgerBytes()
        let alone = try cli.run(["import", bad])
        #expect(alone.status == 65)
        #expect(alone.stderr.contains("error: end 1999-06 is before start"))
        #expect(try cli.ledgerBytes() == before)

        let result = try cli.run(["import", good, bad])
        #expect(result.status == 65)
        #expect(result.stdout.contains("\(good): imported — person "))
        #expect(result.stdout.hasSuffix("1 of 2 files imported; failed: \(bad)\n"))
        let people = try cli.succeed(["person", "list"])
        #expect(people.contains("김하늘") && !people.contains("Alex"))
    }

    /// A platform hands over a folder: its portfolio files (`*.xml`, `*.json`, `*.zip`, not
    /// hidden, not in folders inside it) are read in the order of their names.
    @Test func aFolderStandsForThePortfolioFilesInIt() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        let folder = cli.directory.appendingPathComponent("batch")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("nested"), withIntermediateDirectories: true)
        for (source, name) in [("korean-job-seeker.xml", "b-seeker.XML"), ("career-changer.xml", "a-changer.xml"),
                               ("career-changer.xml", ".hidden.xml"), ("career-changer.xml", "nested/c.xml"),
                               ("career-changer.xml", "notes.txt")] {
            try FileManager.default.copyItem(at: examples.appendingPathComponent(source), to: folder.appendingPathComponent(name))
        }
        try Data(#"{ "basics": { "name": "Ana Lima" }, "work": [ { "name": "Loja", "position": "Caixa", "startDate": "2024" } ] }"#.utf8)
            .write(to: folder.appendingPathComponent("c-resume.json"))
        let checked = try cli.succeed(["validate", folder.path])
        #expect(checked.split(separator: "\n").map { String($0.prefix { $0 != ":" }) }
                == ["a-changer.xml", "b-seeker.XML", "c-resume.json"].map { folder.path + "/" + $0 } + ["All 3 files valid."], "\(checked)")
        let imported = try cli.succeed(["import", folder.path + "/"])
        #expect(imported.hasSuffix("All 3 files imported.\n"), "\(imported)")
        let people = try cli.succeed(["person", "list"])
        #expect(people.contains("Alex Morgan") && people.contains("김하늘") && people.contains("Ana Lima"), "\(people)")
        // A folder without portfolio files, and standard input, are said so; nothing is read.
        let before = try cli.ledgerBytes()
        let none = folder.appendingPathComponent("nothing")
        try FileManager.default.createDirectory(at: none, withIntermediateDirectories: true)
        let refused = try cli.run(["import", none.path])
        #expect(refused.status == 66 && refused.stderr.contains("\(none.path): error: no portfolio files in this folder"), "\(refused.stderr)")
        let stdin = try cli.run(["import", "-"], stdin: "<portfolio/>")
        #expect(stdin.status == 64 && stdin.stderr.contains("standard input is not read by import or validate"), "\(stdin.stderr)")
        #expect(try cli.ledgerBytes() == before)
    }

    @Test func aFileThatFailsHalfWayThroughAManyFileImportLeavesNoTraceAndTheOthersGoIn() throws {
        // Given a collection whose first portfolio is fine and whose second is not (so the
        // first is written before the file fails), and a file with the first portfolio alone
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        var generator = PortfolioGenerator(seed: 7)
        let first = generator.portfolio(index: 0).portfolio
        var second = generator.portfolio(index: 1).portfolio
        second.experiences[0].period = Period(start: try PartialDate("2024-05"), end: .date(try PartialDate("2024-01")))
        let mixed = try write(PortfolioXML.write(collection: [first, second], audience: .self), "mixed.xml", in: cli)
        let alone = try write(PortfolioXML.write(first, audience: .self), "alone.xml", in: cli)

        // When both are imported in one run
        let result = try cli.run(["import", mixed, alone])

        // Then nothing of the collection stays, the single file is in, and the history verifies
        #expect(result.status == 65)
        #expect(result.stdout.hasPrefix("\(alone): imported — person "))
        #expect(result.stdout.hasSuffix("1 of 2 files imported; failed: \(mixed)\n"))
        #expect(try CrashTests.experienceCounts(cli) == [first.person.id.rawValue: first.experiences.count])
        #expect(try Harness.verify(cli) == [])
    }

    @Test func commitEveryOneSavesEachFileAndRejectsZero() throws {
        // Given three single-person files, the middle one broken
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        var generator = PortfolioGenerator(seed: 11)
        let first = generator.portfolio(index: 0).portfolio
        var second = generator.portfolio(index: 1).portfolio
        second.experiences[0].period = Period(start: try PartialDate("2024-05"), end: .date(try PartialDate("2024-01")))
        let third = generator.portfolio(index: 2).portfolio
        let files = try [first, second, third].enumerated().map { index, portfolio in
            try write(PortfolioXML.write(portfolio, audience: .self), "p\(index).xml", in: cli)
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.store))

        // When the batch size is 0, nothing runs and the ledger is untouched
        let zero = try cli.run(["import", "--commit-every", "0"] + files)
        #expect(zero.status == 64)
        #expect(zero.stderr.contains("--commit-every must be at least 1"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.store)) == before)

        // When each file is committed on its own, the good ones go in and the broken one not
        let result = try cli.run(["import", "--commit-every", "1"] + files)
        #expect(result.status == 65)
        #expect(result.stdout.hasSuffix("2 of 3 files imported; failed: \(files[1])\n"))
        #expect(try CrashTests.experienceCounts(cli) == [first.person.id.rawValue: first.experiences.count,
                                                         third.person.id.rawValue: third.experiences.count])
        #expect(try Harness.verify(cli) == [])
    }

    @Test func planShowsEachExperienceAndWritesNothingAndReimportingChangesNothing() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        let file = examples.appendingPathComponent("korean-job-seeker.xml").path
        let before = try cli.ledgerBytes()
        let plan = try cli.succeed(["import", "--plan", file])
        #expect(plan.contains(": would import — person c3192ee9 (new)"))
        #expect(plan.contains("  experiences   6 new"))
        #expect(plan.contains("  new        experience "))
        #expect(try cli.ledgerBytes() == before)

        try cli.succeed(["import", file])
        let history = try cli.succeed(["verify"])
        #expect(history.hasPrefix("OK:"))
        let afterFirst = try cli.ledgerBytes()
        let again = try cli.succeed(["import", file])
        #expect(again.contains(": nothing changes — person c3192ee9 (unchanged)"))
        #expect(again.contains("  experiences   6 unchanged"))
        #expect(try cli.ledgerBytes() == afterFirst)

        let json = try cli.json(["import", "--plan", file]) as! [[String: Any]]
        let steps = ((json.first?["plans"] as? [[String: Any]])?.first?["steps"] as? [[String: Any]]) ?? []
        #expect(steps.filter { $0["entity"] as? String == "experience" }.allSatisfy { $0["action"] as? String == "unchanged" })
    }

    @Test func aLocalEditSinceTheExportIsAConflictAndTheLocalCopyIsKept() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        let file = examples.appendingPathComponent("korean-job-seeker.xml").path
        try cli.succeed(["import", file])
        let list = try cli.json(["list"]) as! [[String: Any]]
        let job = try #require(list.first { $0["title"] as? String == "주니어 데이터 분석가" }?["id"] as? String)
        try cli.succeed(["edit", String(job.prefix(8)), "--summary", "바뀐 요약"])
        let result = try cli.succeed(["import", file])
        #expect(result.contains("  conflict   experience \(job.prefix(8))  주니어 데이터 분석가 (changed in the ledger since the file was made)"))
        #expect(try cli.succeed(["show", String(job.prefix(8))]).contains("바뀐 요약"))
    }

    @Test func theSameExperienceUnderAnotherIDIsFlaggedAsANearDuplicateAndKept() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        let file = examples.appendingPathComponent("korean-job-seeker.xml").path
        try cli.succeed(["import", file])
        let copy = try write(try read(file).replacingOccurrences(of: "7e975c30655cf775fb8c74203b5f7587", with: "education-copy-1"),
                             "copy.xml", in: cli)
        let result = try cli.succeed(["import", copy])
        #expect(result.contains("  experiences   1 new · 5 unchanged"))
        #expect(result.contains("  near-duplicate: experience educatio looks like 7e975c30 (same kind, organization, title and start); both are kept"))
        let list = try cli.json(["list"]) as! [[String: Any]]
        #expect(list.filter { $0["title"] as? String == "경영학 학사" }.count == 2)
    }

    @Test func hostileFilesChangeNothingAndSayWhy() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        let xxe = try write("""
            <?xml version="1.0"?>
            <!DOCTYPE portfolio [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <portfolio xmlns="urn:pathfolio:portfolio:1" version="1"><person id="p"><name visibility="public">&x;</name></person></portfolio>
            """, "xxe.xml", in: cli)
        let empty = try write("", "empty.xml", in: cli)
        let device = "/dev/null"
        let before = try cli.ledgerBytes()
        let result = try cli.run(["import", xxe, empty, device])
        #expect(result.status == 65)
        #expect(result.stderr.contains("xxe.xml:2: error: a document type declaration (<!DOCTYPE …>) is not allowed"))
        #expect(result.stderr.contains("empty.xml: error: the file is empty"))
        #expect(result.stderr.contains("\(device): error: not a regular file"), "\(result.stderr)")
        #expect(!result.stderr.contains("root:"))
        #expect(result.stdout.contains("0 of 3 files imported"))
        #expect(try cli.ledgerBytes() == before)
    }

    @Test func textXMLCannotCarryStopsTheExportNamingTheRecordAndField() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "Kim"])
        let json = try cli.json(["add", "job", "--title", "Bell", "--summary", "ring \u{7} ring"]) as! [String: Any]
        let id = try #require(json["id"] as? String)
        let out = cli.directory.appendingPathComponent("kim.xml").path
        let result = try cli.run(["export", "--format", "xml", "--audience", "self", "--out", out])
        #expect(result.status == 65)
        #expect(result.stderr == """
            experience \(id.prefix(8)), summary: error: the text holds the character U+0007, which XML 1.0 cannot carry
              hint: remove it from the experience's summary (e.g. with `pathfolio edit`) and export again

            """)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// Files are rendered on every core; the error is still the first a loop would meet.
    @Test func aCaseloadExportStopsAtTheFirstPersonWhoseTextXMLCannotCarry() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "Ahn"])
        for name in ["Baek", "Choi", "Do", "Eom"] { try cli.succeed(["person", "add", name]) }
        var ids: [String: String] = [:]
        for (name, summary) in [("Ahn", "fine"), ("Baek", "bell \u{7}"), ("Choi", "form \u{C} feed"), ("Do", "fine"), ("Eom", "fine")] {
            let json = try cli.json(["add", "job", "--person", name, "--title", "Role", "--summary", summary]) as! [String: Any]
            ids[name] = try #require(json["id"] as? String)
        }
        let out = cli.directory.appendingPathComponent("caseload").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for _ in 0..<3 {
            let result = try cli.run(["export", "--all", "--format", "xml", "--audience", "self", "--out", out])
            #expect(result.status == 65)
            #expect(result.stderr.hasPrefix("experience \(ids["Baek"]!.prefix(8)), summary: error: the text holds the character U+0007"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
        }
    }

    /// A new ledger holding `people` generated people (imported as a user would), and their
    /// portfolios as the library reads the whole caseload at once.
    private func caseload(in cli: CLI, people: Int, seed: UInt64) throws -> [Portfolio] {
        try cli.succeed(["init"])
        var generator = PortfolioGenerator(seed: seed)
        let generated = (0..<people).map { generator.portfolio(index: $0).portfolio }
        let file = cli.directory.appendingPathComponent("people.xml")
        try Data(PortfolioXML.write(collection: generated, audience: .self).utf8).write(to: file)
        #expect(try cli.run(["import", file.path]).status == 0)
        let whole = try Ledger.open(at: cli.store).read { try $0.portfolios() }
        #expect(whole.count == people)
        return whole
    }

    /// People whose IDs share their first eight characters (IDs from another system) each
    /// get their own file in every format's folder: the whole ID names them.
    @Test func peopleWhoseShortIDsAreTheSameGetAFileEach() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        var generator = PortfolioGenerator(seed: 5)
        let people = (1...3).map { index in
            var portfolio = generator.portfolio(index: index).portfolio
            portfolio.person.id = PersonID(rawValue: "aaaaaaaa" + String(repeating: "0", count: 23) + String(index))
            return portfolio
        }
        let file = cli.directory.appendingPathComponent("same.xml")
        try Data(PortfolioXML.write(collection: people, audience: .self).utf8).write(to: file)
        try cli.succeed(["import", file.path])
        // `person list` shows them whole too, and the whole ID names each.
        let listed = try cli.succeed(["person", "list"])
        for person in people {
            #expect(listed.contains(person.person.id.rawValue), "\(listed)")
            #expect(try cli.succeed(["person", "show", person.person.id.rawValue]).contains(person.person.name))
        }
        // The command that undoes a delete names the person by what names them alone, and works.
        let deleted = try cli.succeed(["delete", people[1].person.id.rawValue])
        #expect(deleted.hasSuffix("Undo with: pathfolio restore \(people[1].person.id.rawValue)\n"), "\(deleted)")
        try cli.succeed(["restore", people[1].person.id.rawValue])
        let used = try cli.succeed(["person", "use", people[2].person.id.rawValue])
        #expect(used.hasSuffix(" \(people[2].person.id.rawValue)\n"), "\(used)")
        for (format, suffix) in [("json-resume", ".resume.json"), ("leap2a", ".leap2a.xml"), ("xml", ".xml"), ("markdown", ".md")] {
            let folder = cli.directory.appendingPathComponent("out-\(format)").path + "/"
            try cli.succeed(["export", "--all", "--format", format, "--audience", "self", "--out", folder])
            let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(suffix) && $0 != "index.md" }
            #expect(names.count == 3, "\(format): \(names)")
            for person in people { #expect(names.contains { $0.contains(person.person.id.rawValue) }, "\(format): \(names)") }
        }
    }

    /// Experiences whose IDs share their first eight characters (IDs from another system:
    /// `2024exp-…`) are shown by their whole ID wherever a listing names them (`list`, `path`,
    /// `show`'s links, `due`), so that what the user copies from a line names that line's
    /// experience; the others keep their short form.
    @Test func experiencesWhoseShortIDsAreTheSameAreShownWhole() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        let ids = ["2024exp-training", "2024exp-placement", "2024exp-job"].map { ExperienceID(rawValue: $0) }
        let other = ExperienceID(rawValue: "5d1f0c3a9e7b4f21a8c6d2e0b9f71a44")
        let portfolio = Portfolio(
            person: Person(id: PersonID(rawValue: "9c0e4b7f2a1d4e6b8f3c5a7d9e1b2c4f"), name: "정하늘"),
            experiences: [
                Experience(id: ids[0], kind: .training, title: "데이터 분석 실무",
                           period: Period(start: try PartialDate("2024-01"), end: .date(try PartialDate("2024-03")))),
                Experience(id: ids[1], kind: .workExperience, title: "청년 일경험",
                           period: Period(start: try PartialDate("2024-04"), end: .date(try PartialDate("2024-09")))),
                Experience(id: ids[2], kind: .job, status: .ongoing, title: "Data analyst",
                           period: Period(start: try PartialDate("2024-10"), end: .ongoing)),
                Experience(id: other, kind: .project, title: "Portfolio site",
                           period: Period(start: try PartialDate("2024-05"), end: .date(try PartialDate("2024-06")))),
            ],
            links: [Link(from: ids[0], to: ids[1], type: .ledTo), Link(from: ids[1], to: ids[2], type: .ledTo),
                    Link(from: other, to: ids[1], type: .supports)])
        let file = cli.directory.appendingPathComponent("same-prefix.xml")
        try Data(PortfolioXML.write(portfolio, audience: .self).utf8).write(to: file)
        // The plan names them whole too, and the one no other shares short.
        let plan = try cli.succeed(["import", "--plan", file.path])
        for id in ids { #expect(plan.contains("new        experience \(id.rawValue)  "), "\(plan)") }
        #expect(plan.contains("experience \(other.short)  ") && !plan.contains(other.rawValue), "\(plan)")
        try cli.succeed(["import", file.path])

        let listed = try cli.succeed(["list"])
        let path = try cli.succeed(["path"])
        let shown = try cli.succeed(["show", ids[1].rawValue])
        let due = try cli.succeed(["due"])
        for id in ids {
            #expect(listed.split(separator: "\n").contains { $0.hasPrefix(id.rawValue + " ") }, "\(listed)")
            #expect(path.contains(id.rawValue), "\(path)")
        }
        #expect(shown.contains(ids[0].rawValue) && shown.contains(ids[2].rawValue), "\(shown)")
        // The one ID no other shares stays short, here and in `show`.
        #expect(listed.contains("\(other.short)  ") && !listed.contains(other.rawValue), "\(listed)")
        #expect(shown.contains("\(other.short)  ") && !shown.contains(other.rawValue), "\(shown)")
        #expect(path.contains("↳ supports \(ids[1].rawValue)") && path.contains("  \(other.short)\n"), "\(path)")
        // Both ended steps are due, by whole ID, and the suggested command works.
        let dueLines = due.split(separator: "\n").map(String.init)
        #expect(dueLines.count == 3, "\(due)")
        #expect(dueLines.first { $0.hasPrefix(ids[0].rawValue + " ") }?.contains("ended 2024-03") == true, "\(due)")
        #expect(dueLines.first { $0.hasPrefix(ids[1].rawValue + " ") }?.contains("ended 2024-09") == true, "\(due)")
        #expect(due.hasSuffix("Write one with: pathfolio reflect \(ids[0].rawValue)\n"), "\(due)")
        try cli.succeed(["reflect", ids[0].rawValue, "--answer", "learned=SQL"])
        // What a line shows names that line's experience: a short prefix would name three.
        for id in ids {
            #expect(try cli.succeed(["show", id.rawValue]).contains(id.rawValue))
        }
        let ambiguous = try cli.run(["show", ids[0].short])
        #expect(ambiguous.status != 0 && ambiguous.stderr.contains("2024exp-"), "\(ambiguous.stderr)")
        // `edit`'s messages and hints name it whole as well; one no other shares stays short.
        let edited = try cli.succeed(["edit", ids[2].rawValue, "--role", "Analyst"])
        #expect(edited.hasPrefix("Updated \(ids[2].rawValue)  "), "\(edited)")
        #expect(try cli.succeed(["edit", ids[2].rawValue, "--role", "Analyst"]) == "Nothing changed for \(ids[2].rawValue).\n")
        let missing = try cli.run(["edit", ids[2].rawValue, "--remove-skill", "COBOL"])
        #expect(missing.stderr.contains("`pathfolio show \(ids[2].rawValue)` lists what is there"), "\(missing.stderr)")
        #expect(try cli.succeed(["edit", other.rawValue, "--role", "Maker"]).hasPrefix("Updated \(other.short)  "))
        // So does `history`, for the record and both ends of its links.
        let history = try cli.succeed(["history", ids[1].rawValue])
        #expect(history.contains("create experience \(ids[1].rawValue)\n"), "\(history)")
        #expect(history.contains("link \(ids[0].rawValue) ─ledTo→ \(ids[1].rawValue)\n"), "\(history)")
        #expect(history.contains("link \(other.short) ─supports→ \(ids[1].rawValue)\n"), "\(history)")
        // So do `delete`'s, `restore`'s and `purge`'s.
        #expect(try cli.succeed(["delete", ids[2].rawValue]) == "Deleted experience \(ids[2].rawValue). Undo with: pathfolio restore \(ids[2].rawValue)\n")
        #expect(try cli.succeed(["restore", ids[2].rawValue]) == "Restored experience \(ids[2].rawValue).\n")
        #expect(try cli.succeed(["delete", other.rawValue]) == "Deleted experience \(other.short). Undo with: pathfolio restore \(other.short)\n")
        #expect(try cli.succeed(["purge", ids[2].rawValue, "--yes"]) == "Purged experience \(ids[2].rawValue).\n")
    }

    /// A short form shared with an experience that a listing does not show (filtered out,
    /// another person's, deleted) names both when typed: the listing shows the whole ID.
    @Test func shortIDsSharedWithUnlistedExperiencesAreShownWhole() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        func person(_ id: String, _ name: String, _ experiences: [Experience]) -> Portfolio {
            Portfolio(person: Person(id: PersonID(rawValue: id), name: name), experiences: experiences)
        }
        let ended = Period(start: try PartialDate("2024-01"), end: .date(try PartialDate("2024-03")))
        let three = person("33333333333333333333333333333333", "Three", [
            Experience(id: "qqqqqqqq-a", kind: .training, title: "Training A", period: ended),
            Experience(id: "2024exp-job", kind: .job, status: .ongoing, title: "Job", period: Period(start: try PartialDate("2024-04"), end: .ongoing)),
            Experience(id: "2024exp-training", kind: .training, title: "Training B", period: ended),
            Experience(id: "delpairx-keep", kind: .project, title: "Keep me", period: ended),
            Experience(id: "delpairx-gone", kind: .project, title: "Gone", period: ended),
        ])
        let four = person("44444444444444444444444444444444", "Four", [
            Experience(id: "qqqqqqqq-b", kind: .project, title: "Project B", period: ended),
        ])
        let file = cli.directory.appendingPathComponent("two.xml")
        try Data(PortfolioXML.write(collection: [three, four], audience: .self).utf8).write(to: file)
        try cli.succeed(["import", file.path])
        try cli.succeed(["delete", "delpairx-gone"])

        let jobs = try cli.succeed(["list", "--person", "Three", "--kind", "job"])
        #expect(jobs.hasPrefix("2024exp-job "), "\(jobs)")
        let listed = try cli.succeed(["list", "--person", "Three"])
        #expect(listed.contains("qqqqqqqq-a ") && listed.contains("delpairx-keep "), "\(listed)")
        let path = try cli.succeed(["path", "--person", "Three"])
        #expect(path.contains("qqqqqqqq-a") && path.contains("delpairx-keep"), "\(path)")
        try cli.succeed(["reflect", "2024exp-training", "--answer", "learned=SQL"])
        // Only Training A is due: its short form is Project B's (another person's) too.
        let due = try cli.succeed(["due", "--person", "Three"])
        #expect(due.hasPrefix("qqqqqqqq-a ") && due.hasSuffix("Write one with: pathfolio reflect qqqqqqqq-a\n"), "\(due)")
        let shown = try cli.succeed(["show", "2024exp-job"])
        #expect(shown.hasSuffix("pathfolio history 2024exp-job\n"), "\(shown)")
        // What is shown names that line's experience alone; the short form names two.
        #expect(try cli.succeed(["show", "qqqqqqqq-a"]).contains("Training A"))
        #expect(try cli.run(["show", "qqqqqqqq"]).status == 65)
        // The messages of `link` and `end` name them whole too.
        let linked = try cli.succeed(["link", "2024exp-training", "2024exp-job"])
        #expect(linked.hasPrefix("Linked 2024exp-training ") && linked.contains("→ 2024exp-job "), "\(linked)")
        let ended2 = try cli.succeed(["end", "2024exp-job", "--date", "2025-01", "--no-reflect"])
        #expect(ended2.hasPrefix("Ended 2024exp-job "), "\(ended2)")
    }

    /// An export of a caseload reads, renders and writes a group of people at a time
    /// (`Export.groupSize`): for more people than a group, the collection and the files are
    /// what the whole caseload rendered at once gives, and a text XML cannot carry in a later
    /// group still leaves no file behind.
    @Test func aCaseloadOfSeveralGroupsExportsAsIfReadAtOnce() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let expected = try caseload(in: cli, people: Pathfolio.Export.groupSize + 45, seed: 91)

        let one = cli.directory.appendingPathComponent("all.xml").path
        try cli.succeed(["export", "--all", "--format", "xml", "--audience", "counselor", "--out", one])
        let whole = try PortfolioXML.write(collection: expected, audience: .counselor)
        #expect(try String(contentsOfFile: one, encoding: .utf8) == whole)
        #expect(try cli.succeed(["export", "--all", "--format", "xml", "--audience", "counselor"]) == whole)

        let folder = cli.directory.appendingPathComponent("each").path + "/"
        #expect(try cli.succeed(["export", "--all", "--format", "xml", "--audience", "self", "--out", folder])
            == "Wrote \(expected.count) XML files to \(folder)\n")
        for portfolio in expected {
            let written = try String(contentsOfFile: folder + "\(portfolio.person.id.rawValue).xml", encoding: .utf8)
            #expect(written == (try PortfolioXML.write(portfolio, audience: .self)))
        }

        // The last person by name gets a bell in a summary: the export stops, no file changes.
        let last = try #require(expected.last)
        try cli.succeed(["edit", last.experiences[0].id.rawValue, "--person", last.person.id.rawValue, "--summary", "bell \u{7}"])
        let fresh = cli.directory.appendingPathComponent("fresh").path + "/"
        let refused = try cli.run(["export", "--all", "--format", "xml", "--audience", "self", "--out", fresh])
        #expect(refused.status == 65)
        // The folder it was to make is not made, and nothing is left beside it.
        #expect(!FileManager.default.fileExists(atPath: fresh))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).allSatisfy { !$0.hasPrefix(".fresh") })
        let again = try cli.run(["export", "--all", "--format", "xml", "--audience", "self", "--out", one])
        #expect(again.status == 65)
        #expect(try String(contentsOfFile: one, encoding: .utf8) == whole)
    }

    /// The Markdown export of a caseload goes by the same groups: each person's file and the
    /// index are what the writer makes of the whole caseload read at once, in both locales.
    @Test func aCaseloadOfSeveralGroupsExportsAsMarkdownAsIfReadAtOnce() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let whole = try caseload(in: cli, people: Pathfolio.Export.groupSize + 30, seed: 92)
        for (locale, blind) in [("en", false), ("ko", true)] {
            let folder = cli.directory.appendingPathComponent("md-\(locale)").path
            var arguments = ["export", "--all", "--format", "markdown", "--audience", "counselor", "--locale", locale, "--out", folder]
            if blind { arguments.append("--blind") }
            #expect(try cli.succeed(arguments) == "Wrote \(whole.count) portfolios and index.md to \(folder)\n")
            let writer = MarkdownPortfolioWriter(locale: DocumentLocale(rawValue: locale)!, audience: .counselor, blind: blind)
            let shown = whole.map { blind ? $0.visible(to: .counselor).blinded() : $0.visible(to: .counselor) }
            let names = writer.fileNames(for: shown)
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder)) == Set(names.values).union(["index.md"]))
            for portfolio in shown {
                #expect(try String(contentsOfFile: folder + "/" + names[portfolio.person.id]!, encoding: .utf8) == writer.render(portfolio))
            }
            // A blind caseload goes in ID order (by name it would tell the names).
            let ordered = blind ? shown.sorted { $0.person.id.rawValue < $1.person.id.rawValue } : shown
            #expect(try String(contentsOfFile: folder + "/index.md", encoding: .utf8)
                == writer.renderIndex(ordered, today: try PartialDate("2026-11-23")))
        }
    }

    /// Files are read a few portfolios ahead of the writing. A portfolio the ledger refuses in
    /// the middle of a long collection still rolls the whole file back, the reading of the rest
    /// of it stops, and the next file is imported as if nothing happened.
    @Test func aPortfolioTheLedgerRefusesMidCollectionRollsTheFileBackAndTheNextFileImports() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        var generator = PortfolioGenerator(seed: 77)
        let people = (0..<40).map { generator.portfolio(index: $0).portfolio }
        // A person already in the ledger owns the ID of the 30th person's first experience.
        var owner = generator.portfolio(index: 40).portfolio
        let replaced = owner.experiences[0].id
        owner.experiences[0].id = people[29].experiences[0].id
        owner.links = owner.links.filter { $0.from != replaced && $0.to != replaced }
        owner.reflections = owner.reflections.filter { $0.experienceID != replaced }
        let first = cli.directory.appendingPathComponent("owner.xml")
        try Data(PortfolioXML.write(owner, audience: .self).utf8).write(to: first)
        let owned = try cli.run(["import", first.path])
        #expect(owned.status == 0, "\(owned.stderr)")
        let collection = cli.directory.appendingPathComponent("caseload.xml")
        try Data(PortfolioXML.write(collection: people, audience: .self).utf8).write(to: collection)
        let next = cli.directory.appendingPathComponent("next.xml")
        try Data(PortfolioXML.write(generator.portfolio(index: 41).portfolio, audience: .self).utf8).write(to: next)

        for (round, commitEvery) in ["1", "500"].enumerated() {
            let result = try cli.run(["import", "--commit-every", commitEvery, collection.path, next.path, collection.path])
            #expect(result.status == 65)
            let refused = "experience \(people[29].experiences[0].id.short), id: error: the experience ID '\(people[29].experiences[0].id.rawValue)' belongs to another person in this ledger"
            #expect(result.stderr.components(separatedBy: refused).count == 3, "\(result.stderr)")
            #expect(result.stdout.contains("\(next.path): \(round == 0 ? "imported" : "nothing changes") — person"))
            #expect(result.stdout.contains("1 of 3 files imported; failed: \(collection.path), \(collection.path)"))
            let listed = try cli.json(["person", "list"]) as! [[String: Any]]
            #expect(listed.count == 2)  // the owner and the next file's person, none of the collection's
        }
    }
}

