import Foundation
import Testing

/// A ledger this user may read but not write (on read-only media, a copy a colleague may
/// only read, a folder that is not theirs): every command that only reads works, one that
/// writes says so before it does anything, and the file stays byte for byte as it was.
struct ReadOnlyLedgerTests {
    @Test func aLedgerThatMayOnlyBeReadIsReadAndNotWritten() throws {
        var cli = try CLI()
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: cli.directory.path)
            cli.cleanUp()
        }
        try cli.succeed(["init", "--name", "김하늘"])
        let id = try cli.succeed(["add", "training", "--title", "데이터 분석 실무", "--start", "2024-03", "--end", "2024-08", "--quiet"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.succeed(["add", "job", "--title", "주니어 데이터 분석가", "--start", "2025-01"])
        // Readable by others, in a folder only its owner may write (closed cleanly: no log beside it).
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: cli.store)
        let launcher = try HostileInputTests.otherUser(cli)
        let binary = try HostileInputTests.binary(for: launcher)
        defer { HostileInputTests.removeCopy(binary) }
        cli.environment["PATHFOLIO_STORE"] = cli.store
        let before = try cli.ledgerBytes()
        func run(_ arguments: [String]) throws -> CLI.Result {
            try cli.run(arguments, launcher: launcher, binary: binary)
        }
        for arguments in [["list"], ["show", id], ["path"], ["person", "list"], ["history", id], ["verify"], ["due"],
                          ["export", "--format", "markdown", "--locale", "ko"], ["export", "--format", "xml"]] {
            let result = try run(arguments)
            #expect(result.status == 0, "pathfolio \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        #expect(try run(["list"]).stdout.contains("주니어 데이터 분석가"))
        #expect(try run(["export", "--format", "markdown", "--locale", "ko"]).stdout.contains("데이터 분석 실무"))
        let refusal = """
            error: cannot write \(cli.store): it can only be read here (this process may not write it or its folder)
              hint: get write access to the file and its folder, or work on a copy: pathfolio backup --out COPY.sqlite, then --store COPY.sqlite
            """
        for arguments in [["add", "job", "--title", "Analyst"], ["end", id], ["edit", id, "--title", "x"],
                          ["reflect", id, "--answer", "learned=SQL"], ["delete", id]] {
            let result = try run(arguments)
            #expect(result.status == 74, "pathfolio \(arguments.joined(separator: " ")): \(result.stderr)")
            #expect(result.stderr.hasPrefix(refusal), "pathfolio \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        // The editor is not opened on a reflection that could not be saved.
        let editor = try run(["reflect", id, "--edit"])
        #expect(editor.status == 74 && editor.stderr.hasPrefix(refusal), "\(editor.stderr)")
        #expect(try cli.ledgerBytes() == before, "reading changed the ledger")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.hasPrefix("ledger.sqlite-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// An empty file this user may not write, given to `init`: the refusal says why writing
    /// was needed (it is not an older ledger), and the file stays empty.
    @Test func anEmptyFileThatMayNotBeWrittenIsRefusedForWhatItIs() throws {
        let cli = try CLI()
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: cli.directory.path)
            cli.cleanUp()
        }
        FileManager.default.createFile(atPath: cli.store, contents: Data(), attributes: [.posixPermissions: 0o644])
        let launcher = try HostileInputTests.otherUser(cli)
        let binary = try HostileInputTests.binary(for: launcher)
        defer { HostileInputTests.removeCopy(binary) }
        let result = try cli.run(["init"], launcher: launcher, binary: binary)
        #expect(result.status == 74)
        #expect(result.stderr.hasPrefix("error: cannot write \(cli.store): it can only be read here (this process may not write it or its folder); "
                                        + "it is empty, and `init` would write a new ledger into it"), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.store)).isEmpty)
    }

    /// A file this user may not write in a folder they may: SQLite would open it for writing
    /// all the same and fail only at the first write, after leaving its log and index files
    /// (theirs, not the owner's) in the folder.
    @Test func aFileThatMayNotBeWrittenInAFolderThatMayIsReadAndLeftAlone() throws {
        var cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "Alex Morgan"])
        let id = try cli.succeed(["add", "job", "--title", "Teacher", "--start", "2015", "--end", "2023", "--quiet"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var launcher: [String] = []
        if getuid() == 0 {
            // `nobody` may write the folder but not the file.
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: cli.store)
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: cli.directory.path)
            launcher = HostileInputTests.nobody
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: cli.store)
        }
        let binary = try HostileInputTests.binary(for: launcher)
        defer { HostileInputTests.removeCopy(binary) }
        cli.environment["PATHFOLIO_STORE"] = cli.store
        let before = try cli.ledgerBytes()
        let shown = try cli.run(["show", id], launcher: launcher, binary: binary)
        #expect(shown.status == 0 && shown.stdout.contains("Teacher"), "\(shown.stderr)")
        let added = try cli.run(["add", "job", "--title", "Analyst"], launcher: launcher, binary: binary)
        #expect(added.status == 74 && added.stderr.contains("it can only be read here"), "\(added.stderr)")
        // `init` of the ledger that is there opens it as the others do: nothing left behind.
        let again = try cli.run(["init"], launcher: launcher, binary: binary)
        #expect(again.status == 0, "\(again.stderr)")
        let purge = try cli.run(["purge", id], launcher: launcher, binary: binary)
        #expect(purge.status == 74 && purge.stderr.contains("it can only be read here") && !purge.stderr.contains("confirm"),
                "refused before asking to confirm: \(purge.stderr)")
        #expect(try cli.ledgerBytes() == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.hasPrefix("ledger.sqlite-") }
        #expect(leftovers.isEmpty, "no log or index left beside it: \(leftovers)")
    }
}
