import Foundation
import PathfolioCore
import PathfolioFormats
import Testing

/// Several `pathfolio` processes writing to one ledger at once (a counselor's office, a
/// script and a person at the same time) with `add`, `edit`, `reflect` and `import`: every
/// write is saved, none fails, and no "database is locked" reaches the user.
///
/// CI runs 8 writers × 15 writes; `Scripts/stress-test.sh` runs 8 × 100
/// (`PATHFOLIO_STRESS_WRITERS`, `PATHFOLIO_STRESS_WRITES`).
@Suite(.serialized) struct ConcurrencyTests {
    enum Operation { case add, edit, reflect, importFile }

    /// What a writer's `index`th write is: adds, edits, reflections and imports, interleaved.
    static func operation(_ index: Int) -> Operation {
        switch index % 5 {
        case 2: .edit
        case 3: .reflect
        case 4: .importFile
        default: .add
        }
    }

    /// A one-experience portfolio file for a new person.
    static func portfolioFile(person: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <portfolio xmlns="urn:pathfolio:portfolio:1" version="1">
          <person id="\(person)"><name visibility="public">\(person)</name></person>
          <experiences>
            <experience id="\(person)-e1" kind="job" status="completed" visibility="public"><title>Imported \(person)</title></experience>
          </experiences>
        </portfolio>
        """
    }

    @Test func processesWritingAtOnceAllSucceed() throws {
        let writers = Harness.count("PATHFOLIO_STRESS_WRITERS", default: 8)
        let writes = Harness.count("PATHFOLIO_STRESS_WRITES", default: 15)
        var cli = try CLI()
        defer { cli.cleanUp() }
        cli.environment["PATHFOLIO_ID_SEED"] = ""
        try cli.succeed(["init", "--name", "김하늘"])
        let anchors = try (0..<writers).map { writer in
            try cli.succeed(["add", "job", "--title", "anchor \(writer)", "--start", "2024-01", "--ongoing", "-q"])
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }

        let writing = cli
        let started = Date()
        let failures = LockedCounter()
        let lastEdits = LockedCounter()
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            var lastEdit = "none"
            for index in 0..<writes {
                let arguments: [String]
                switch Self.operation(index) {
                case .edit:
                    lastEdit = "writer \(writer) edit \(index)"
                    arguments = ["edit", anchors[writer], "--summary", lastEdit, "--skill", "skill \(index)"]
                case .reflect:
                    arguments = ["reflect", anchors[writer], "--kind", "free", "--answer", "note=writer \(writer) reflection \(index)"]
                case .importFile:
                    let file = writing.directory.appendingPathComponent("w\(writer)-\(index).xml")
                    try? Data(Self.portfolioFile(person: "w\(writer)i\(index)").utf8).write(to: file)
                    arguments = ["import", file.path]
                case .add:
                    arguments = ["add", "project", "--title", "writer \(writer) add \(index)", "--org", "Org \(index % 3)", "-q"]
                }
                do {
                    let result = try writing.run(arguments)
                    if result.status != 0 || !result.stderr.isEmpty {
                        failures.add("pathfolio \(arguments.joined(separator: " ")) → \(result.status): \(result.stderr)")
                    }
                } catch {
                    failures.add("\(error)")
                }
            }
            lastEdits.add("\(writer)\t\(lastEdit)")
        }
        let seconds = Date().timeIntervalSince(started)
        print("stress: \(writers) writers × \(writes) writes in \(String(format: "%.1f", seconds)) s")

        #expect(failures.messages == [])
        #expect(!failures.messages.contains { $0.contains("locked") || $0.contains("busy") })
        let experiences = try Harness.experiences(cli)
        let people = Set((try cli.json(["person", "list"]) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        for writer in 0..<writers {
            for index in 0..<writes {
                switch Self.operation(index) {
                case .add:
                    #expect(experiences["writer \(writer) add \(index)"] != nil, "writer \(writer) add \(index) is missing")
                case .importFile:
                    #expect(people.contains("w\(writer)i\(index)"), "writer \(writer) import \(index) is missing")
                case .edit, .reflect:
                    break
                }
            }
            let shown = try cli.json(["show", anchors[writer]]) as? [String: Any]
            let reflections = (shown?["reflections"] as? [[String: Any]] ?? []).count
            #expect(reflections == (0..<writes).filter { Self.operation($0) == .reflect }.count, "writer \(writer)'s reflections")
        }
        for line in lastEdits.messages {
            let parts = line.split(separator: "\t").map(String.init)
            guard parts[1] != "none" else { continue }
            #expect(experiences["anchor \(parts[0])"]?["summary"] as? String == parts[1])
        }
        let adds = (0..<writes).filter { Self.operation($0) == .add }.count
        #expect(experiences.count == writers + writers * adds)
        #expect(try Harness.verify(cli) == [])
        #expect(try Harness.integrityCheck(cli.store) == "ok")
    }

    /// Two exports of a caseload into one folder at once, for two audiences: the folder ends
    /// with one export's files, never some of each (a counselor's files among the public's).
    @Test func twoExportsIntoOneFolderDoNotMix() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        var generator = PortfolioGenerator(seed: 11)
        var people = (1...120).map { generator.portfolio(index: $0).portfolio }
        for index in people.indices { people[index].person.nameVisibility = .public }  // one file name in both
        let file = cli.directory.appendingPathComponent("caseload.xml")
        try Data(PortfolioXML.write(collection: people, audience: .self).utf8).write(to: file)
        try cli.succeed(["import", file.path])
        var expected: [String: [String: Data]] = [:]
        for audience in ["counselor", "public"] {
            let folder = cli.directory.appendingPathComponent("reference-\(audience)").path
            try cli.succeed(["export", "--all", "--format", "markdown", "--audience", audience, "--out", folder])
            expected[audience] = try Self.contents(of: folder)
        }
        let differing = expected["counselor"]!.keys.filter { expected["counselor"]![$0] != expected["public"]![$0] }
        try #require(differing.count > 10)
        for round in 0..<3 {
            let folder = cli.directory.appendingPathComponent("shared-\(round)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
            let exporting = cli
            let failures = LockedCounter()
            DispatchQueue.concurrentPerform(iterations: 2) { lane in
                let audience = lane == 0 ? "counselor" : "public"
                do {
                    let result = try exporting.run(["export", "--all", "--format", "markdown", "--audience", audience, "--out", folder])
                    if result.status != 0 { failures.add("\(audience): \(result.status) \(result.stderr)") }
                } catch {
                    failures.add("\(error)")
                }
            }
            #expect(failures.messages == [])
            let written = try Self.contents(of: folder)
            let sources = Set(differing.map { name in
                written[name] == expected["counselor"]![name] ? "counselor" : written[name] == expected["public"]![name] ? "public" : "neither"
            })
            #expect(sources.count == 1 && !sources.contains("neither"), "round \(round): \(sources)")
        }
    }

    /// What keeps two exports from mixing, shown without relying on timing: an export into a
    /// folder that another holds (`flock`, as a running export does while it renames) writes
    /// its temporary files but puts none in place until the folder is let go.
    @Test func anExportWaitsForTheFolderItsRenamesGoInto() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "김하늘"])
        try cli.succeed(["add", "job", "--title", "데이터 분석가", "--start", "2024-03"])
        let folder = cli.directory.appendingPathComponent("held").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let held = open(folder, O_RDONLY | O_DIRECTORY)
        try #require(held >= 0 && flock(held, LOCK_EX) == 0)
        let exporting = cli
        let done = DispatchSemaphore(value: 0)
        let result = LockedCounter()
        DispatchQueue.global().async {
            let run = try? exporting.run(["export", "--all", "--format", "markdown", "--out", folder])
            result.add("\(run?.status ?? -1)")
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 1.5) == .timedOut, "the export finished while the folder was held")
        let visible = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }
        #expect(visible == [], "\(visible)")
        close(held)
        #expect(done.wait(timeout: .now() + 60) == .success)
        #expect(result.messages == ["0"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") }.count == 2)
    }

    private static func contents(of folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".md") {
            files[name] = FileManager.default.contents(atPath: folder + "/" + name)
        }
        return files
    }
}
