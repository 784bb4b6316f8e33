import Foundation
import PathfolioCore
import PathfolioFormats
import Testing

/// `kill -9` at a random moment never costs a saved write and never leaves a half-written
/// record: after each kill SQLite's integrity check passes, `verify` passes (every record
/// matches its latest revision, so nothing is half there), every write the user was told
/// about is present, and the next command works.
///
/// CI runs a few trials; `Scripts/crash-test.sh` runs many (`PATHFOLIO_CRASH_TRIALS`).
@Suite(.serialized) struct CrashTests {
    @Test func killingWritesAtRandomMomentsLosesNothingSaved() throws {
        let trials = Harness.count("PATHFOLIO_CRASH_TRIALS", default: 3)
        var random = Harness.generator("crash")
        var outcomes: [String: Int] = [:]
        for trial in 0..<trials {
            let outcome = try runTrial(trial, delay: Double.random(in: 0.1...1.2, using: &random),
                                       seed: random.next() % 1_000_000)
            outcomes[outcome, default: 0] += 1
        }
        // Which part of its write the killed command was in, as seen afterwards.
        print("crash: \(trials) trials; killed write afterwards: \(outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
    }

    /// Kills `pathfolio import` of a collection of portfolio files at a random moment: every
    /// portfolio is then either entirely in the ledger or not at all (each file is a savepoint
    /// and files are committed in order, in batches of a random size here so that kills land
    /// between commits too), and importing again finishes the job.
    @Test func killingAnImportAtRandomMomentsLeavesEachPortfolioWholeOrAbsent() throws {
        let trials = Harness.count("PATHFOLIO_CRASH_TRIALS", default: 3)
        let files = Harness.count("PATHFOLIO_CRASH_FILES", default: 40)
        var random = Harness.generator("crash-import")
        var generator = PortfolioGenerator(seed: random.next())
        let portfolios = (0..<files).map { generator.portfolio(index: $0).portfolio }
        var imported: [Int] = []
        var duration: Double?
        for trial in 0..<trials {
            var cli = try CLI()
            defer { cli.cleanUp() }
            cli.environment["PATHFOLIO_ID_SEED"] = ""
            try cli.succeed(["init"])
            var paths: [String] = []
            for (index, portfolio) in portfolios.enumerated() {
                let path = cli.directory.appendingPathComponent(String(format: "portfolio-%03d.xml", index)).path
                try Data(PortfolioXML.write(portfolio, audience: .self).utf8).write(to: URL(fileURLWithPath: path))
                paths.append(path)
            }
            if duration == nil {
                // How long a whole import takes here, so that kills land anywhere in it.
                let scratch = cli.directory.appendingPathComponent("timing.sqlite").path
                try cli.succeed(["init", "--store", scratch])
                let started = Date()
                try cli.succeed(["import", "--store", scratch] + paths)
                duration = Date().timeIntervalSince(started)
            }
            let command = ["import", "--commit-every", String(Int.random(in: 1...4, using: &random))] + paths
            let loop = WriterLoop(cli: cli) { index in index == 0 ? command : nil }
            Thread.sleep(forTimeInterval: Double.random(in: 0...duration!, using: &random))
            loop.killNow()
            let context = "trial \(trial), killed: \(loop.results.killed != nil)"

            #expect(try Harness.integrityCheck(cli.store) == "ok", "\(context)")
            #expect(try Harness.verify(cli) == [], "\(context)")
            let present = try Self.experienceCounts(cli)
            for (index, portfolio) in portfolios.enumerated() {
                if let count = present[portfolio.person.id.rawValue] {
                    #expect(count == portfolio.experiences.count, "\(context): portfolio \(index) is half imported")
                }
            }
            let done = portfolios.indices.filter { present[portfolios[$0].person.id.rawValue] != nil }
            #expect(done == Array(0..<done.count), "\(context): the imported files are not the first ones")
            imported.append(done.count)

            // The next command works, and importing again brings in the rest.
            try cli.succeed(["import"] + paths)
            let after = try Self.experienceCounts(cli)
            #expect(portfolios.allSatisfy { after[$0.person.id.rawValue] == $0.experiences.count }, "\(context)")
            #expect(try Harness.verify(cli) == [], "\(context)")
        }
        print("crash-import: \(trials) trials of \(files) files (a whole import: \(String(format: "%.2f", duration ?? 0)) s); portfolios imported before the kill: \(imported)")
    }

    /// Each person's number of experiences, by person ID.
    static func experienceCounts(_ cli: CLI) throws -> [String: Int] {
        let people = try cli.json(["person", "list"]) as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: people.map { ($0["id"] as? String ?? "", $0["experienceCount"] as? Int ?? -1) })
    }

    /// One trial: a loop of `add` and `edit` killed after `delay` seconds. Returns whether the
    /// killed command's write ended up saved or not.
    private func runTrial(_ trial: Int, delay: Double, seed: UInt64) throws -> String {
        var cli = try CLI()
        defer { cli.cleanUp() }
        cli.environment["PATHFOLIO_ID_SEED"] = String(seed)
        try cli.succeed(["init", "--name", "김하늘"])
        let anchor = try cli.succeed(["add", "job", "--title", "anchor", "--start", "2024-01", "--ongoing", "-q"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let loop = WriterLoop(cli: cli, environment: ["PATHFOLIO_ID_SEED": ""]) { index in
            guard index < 500 else { return nil }
            if index % 3 == 2 {
                return ["edit", anchor, "--summary", "edit \(index)", "--skill", "skill \(index)"]
            }
            return ["add", "training", "--title", "write \(index)", "--org", "Provider \(index % 4)",
                    "--start", "2024-03", "--end", "2024-08", "--hours", "\(index + 1)", "--skill", "SQL", "-q"]
        }
        Thread.sleep(forTimeInterval: delay)
        loop.killNow()
        let (acknowledged, failures, killed) = loop.results
        let context = "trial \(trial) after \(acknowledged.count) writes, killed: \(killed?.joined(separator: " ") ?? "none")"
        #expect(failures.isEmpty, "\(context): \(failures)")

        // The file is sound, by SQLite's own check and by Pathfolio's.
        #expect(try Harness.integrityCheck(cli.store) == "ok", "\(context)")
        #expect(try Harness.verify(cli) == [], "\(context)")

        // Every write the user was told about is there.
        let experiences = try Harness.experiences(cli)
        for write in acknowledged where write.arguments[0] == "add" {
            #expect(experiences[write.arguments[3]] != nil, "\(context): \(write.arguments[3]) is missing")
        }
        let lastEdit = acknowledged.last { $0.arguments[0] == "edit" }.map { Int($0.arguments[3].dropFirst(5))! } ?? -1
        let summary = experiences["anchor"]?["summary"] as? String ?? "edit -1"
        #expect(Int(summary.dropFirst(5))! >= lastEdit, "\(context): the edit \(lastEdit) was lost (summary '\(summary)')")

        // The next command works.
        try cli.succeed(["add", "job", "--title", "after the crash", "--start", "2025-01"], environment: ["PATHFOLIO_ID_SEED": ""])
        #expect(try Harness.experiences(cli)["after the crash"] != nil)
        #expect(try Harness.verify(cli) == [], "\(context)")

        guard let killed else { return "no kill" }
        if killed[0] == "add" {
            return experiences[killed[3]] != nil ? "add saved" : "add not saved"
        }
        let index = Int(killed[3].dropFirst(5))!
        return summary == "edit \(index)" ? "edit saved" : "edit not saved"
    }
}
