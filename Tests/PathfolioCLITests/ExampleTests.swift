import Foundation
import Testing

/// The two example paths in `Examples/` build, verify, and come out the same on every run.
@Suite struct ExampleTests {
    @Test func bothExamplesBuildOneLedgerThatVerifies() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        for script in ["korean-job-seeker.sh", "career-changer.sh"] {
            let result = try cli.example(script, [cli.store])
            #expect(result.status == 0, "\(script): \(result.stderr)")
        }
        let people = try cli.succeed(["person", "list"])
        #expect(people.contains("김하늘") && people.contains("Alex Morgan"))
        #expect(try cli.succeed(["verify"]).hasPrefix("OK:"))

        // The Korean path is a chain: training → 일경험 (with mentoring inside it) → job → planned step.
        let path = try cli.succeed(["path", "--person", "하늘"])
        let order = ["빅데이터 분석 실무 과정", "청년 일경험", "현직자 멘토링", "주니어 데이터 분석가", "빅데이터분석기사 자격 취득"]
        let positions = order.compactMap { path.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted(), "\(path)")

        // Two roles at one organization share its record.
        let alex = try cli.json(["list", "--person", "alex", "--json"]) as! [[String: Any]]
        let northwind = alex.filter { ($0["organization"] as? [String: Any])?["name"] as? String == "Northwind Software" }
        #expect(northwind.count == 3)
        #expect(Set(northwind.compactMap { ($0["organization"] as? [String: Any])?["id"] as? String }).count == 1)
    }

    @Test func theExamplesAreReproducible() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let second = cli.directory.appendingPathComponent("again.sqlite").path
        for ledger in [cli.store, second] {
            #expect(try cli.example("korean-job-seeker.sh", [ledger]).status == 0)
        }
        let first = try cli.succeed(["list", "--json"])
        let again = try cli.run(["list", "--json"], store: second).stdout
        #expect(first == again)
        #expect(first.contains("주니어 데이터 분석가"))
    }

    @Test func theExampleScriptsExplainTheirUsage() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.example("career-changer.sh", [])
        #expect(result.status != 0)
        #expect(result.stderr.contains("usage:"))
    }
}

extension ExampleTests {
    /// README's tour is real output: each command in it, run in order on a fresh ledger with
    /// the clock, IDs and actor it was made with, prints what the README shows.
    @Test func theReadmeTourPrintsWhatTheReadmeShows() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let readme = try String(contentsOf: CLI.packageFolder.appendingPathComponent("README.md"), encoding: .utf8)
        let tour = try #require(readme.components(separatedBy: "## A tour\n").dropFirst().first)
        let block = try #require(tour.components(separatedBy: "```console\n").dropFirst().first?.components(separatedBy: "\n```").first)
        // Commands (`$ pathfolio …`, continued with a backslash) and the lines they print.
        var steps: [(command: String, output: [String])] = []
        var continuing = false
        for line in block.components(separatedBy: "\n") {
            if line.hasPrefix("$ pathfolio ") {
                steps.append((String(line.dropFirst("$ pathfolio ".count)), []))
                continuing = line.hasSuffix("\\")
            } else if continuing {
                steps[steps.count - 1].command += "\n" + line
                continuing = line.hasSuffix("\\")
            } else if !steps.isEmpty {
                steps[steps.count - 1].output.append(line)
            }
        }
        #expect(steps.count > 10)
        for (command, shown) in steps {
            let result = try cli.run([], environment: ["PATHFOLIO_ID_SEED": "5", "PATHFOLIO_ACTOR": "haneul"],
                                     launcher: ["/bin/sh", "-c", "exec \"$0\" \(command) 2>&1"])
            var printed = result.stdout.components(separatedBy: "\n")
            var expected = shown
            while expected.last == "" { expected.removeLast() }
            while printed.last == "" { printed.removeLast() }
            // The ledger's place is the reader's own.
            expected = expected.map { $0.hasPrefix("Created ledger at ") ? "Created ledger at \(cli.store)" : $0 }
            #expect(printed == expected, "pathfolio \(command)")
        }
    }
}
