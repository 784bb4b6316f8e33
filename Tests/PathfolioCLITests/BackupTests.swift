import Foundation
import Testing

/// `pathfolio backup` copies the ledger with SQLite's online backup: while another process
/// keeps writing, each copy opens on its own, verifies, and holds one consistent moment.
struct BackupTests {
    @Test func backupsTakenWhileAnotherProcessWritesAreConsistent() throws {
        var cli = try CLI()
        defer { cli.cleanUp() }
        cli.environment["PATHFOLIO_ID_SEED"] = ""
        try cli.succeed(["init", "--name", "김하늘"])
        let loop = WriterLoop(cli: cli) { index in
            index < 10_000 ? ["add", "training", "--title", "write \(index)", "--org", "Provider \(index % 5)",
                              "--start", "2024-03", "--end", "2024-08", "--skill", "SQL", "-q"] : nil
        }
        defer { loop.stop() }
        var copies: [(path: String, savedBefore: Int)] = []
        for number in 0..<3 {
            Thread.sleep(forTimeInterval: 0.3)
            let savedBefore = loop.results.acknowledged.count
            let copy = cli.directory.appendingPathComponent("backup-\(number).sqlite").path
            let output = try cli.succeed(["backup", "--out", copy])
            #expect(output == "Backed up \(cli.store) to \(copy)\n")
            copies.append((copy, savedBefore))
        }
        loop.stop()
        let (acknowledged, failures, _) = loop.results
        #expect(failures == [])
        #expect(acknowledged.count > copies.last!.savedBefore, "the writer kept writing during the backups")

        let final = try Harness.experiences(cli)
        var sizes: [Int] = []
        for (copy, savedBefore) in copies {
            #expect((try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int) == 0o600)
            #expect(try Harness.integrityCheck(copy) == "ok")
            #expect(try Harness.verify(cli, store: copy) == [], "\(copy) does not verify")
            let saved = try Harness.experiences(cli, store: copy)
            // Everything saved before the backup began is in it, and nothing that never was.
            for write in acknowledged.prefix(savedBefore) {
                #expect(saved[write.arguments[3]] != nil, "\(write.arguments[3]) was saved before the backup but is not in it")
            }
            #expect(Set(saved.keys).isSubset(of: Set(final.keys)))
            sizes.append(saved.count)
        }
        #expect(sizes == sizes.sorted())
        // No half-written copies are left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.contains("partial") }
        #expect(leftovers == [])
    }

    @Test func aBackupNeverOverwritesAndAFailedOneLeavesNothing() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "김하늘"])
        let existing = cli.directory.appendingPathComponent("existing.sqlite").path
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: existing))
        let refused = try cli.run(["backup", "--out", existing])
        #expect(refused.status == 65)
        #expect(refused.stderr == """
            \(existing): error: the file exists already, and a backup never overwrites one
              hint: choose a new file name

            """)
        #expect(try Data(contentsOf: URL(fileURLWithPath: existing)) == Data("keep me".utf8))
        let folder = try cli.run(["backup", "--out", cli.directory.path + "/"])
        #expect(folder.status == 65)
        #expect(folder.stderr.hasPrefix("\(cli.directory.path)/: error: this is a folder; a backup is one file\n"))
        #expect(folder.stderr.contains("--out \(cli.directory.path)/ledger-backup.sqlite"))

        // A missing folder is named as such (not as a full disk), and nothing is made.
        let nowhere = cli.directory.appendingPathComponent("no/such/folder/copy.sqlite").path
        let failed = try cli.run(["backup", "--out", nowhere])
        #expect(failed.status == 74)
        #expect(failed.stderr.hasPrefix("\(nowhere): error: the folder \(cli.directory.path)/no/such/folder does not exist\n"))
        #expect(failed.stderr.contains("hint: make it first (mkdir -p '\(cli.directory.path)/no/such/folder')"))
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("no").path))

        // A file where the folder would be is named as such; an empty name is a usage error.
        let blocked = try cli.run(["backup", "--out", existing + "/copy.sqlite"])
        #expect(blocked.status == 74)
        #expect(blocked.stderr.hasPrefix("\(existing)/copy.sqlite: error: a file stands where the folder \(existing) would be\n"))
        #expect(try cli.run(["backup", "--out", ""]).status == 64)

        // A bare one-character name (Foundation's path methods trap on it) is a backup beside us.
        let short = try cli.run(["backup", "--out", "b"])
        #expect(short.status == 0, "\(short.stderr)")
        #expect(try cli.run(["verify"], store: cli.directory.appendingPathComponent("b").path).status == 0)

    }
}
