import Foundation
import Testing

/// Several `pathfolio` processes writing to one ledger at once (a counselor's office, a
/// script and a person at the same time): every write is saved, none fails, and no
/// "database is locked" reaches the user.
///
/// CI runs 8 writers × 15 writes; `Scripts/stress-test.sh` runs 8 × 100
/// (`PATHFOLIO_STRESS_WRITERS`, `PATHFOLIO_STRESS_WRITES`).
@Suite(.serialized) struct ConcurrencyTests {
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
                if index % 3 == 2 {
                    lastEdit = "writer \(writer) edit \(index)"
                    arguments = ["edit", anchors[writer], "--summary", lastEdit, "--skill", "skill \(index)"]
                } else {
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
        for writer in 0..<writers {
            for index in 0..<writes where index % 3 != 2 {
                #expect(experiences["writer \(writer) add \(index)"] != nil, "writer \(writer) add \(index) is missing")
            }
        }
        for line in lastEdits.messages {
            let parts = line.split(separator: "\t").map(String.init)
            guard parts[1] != "none" else { continue }
            #expect(experiences["anchor \(parts[0])"]?["summary"] as? String == parts[1])
        }
        #expect(experiences.count == writers + writers * (writes - writes / 3))
        #expect(try Harness.verify(cli) == [])
        #expect(try Harness.integrityCheck(cli.store) == "ok")
    }
}
