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
        // `nobody` may not be able to reach the build folder (a clone under /root): run a copy.
        var binary = CLI.binary
        if !launcher.isEmpty {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pathfolio-bin-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            binary = folder.appendingPathComponent("pathfolio").path
            try FileManager.default.copyItem(atPath: CLI.binary, toPath: binary)
        }
        defer { if binary != CLI.binary { try? FileManager.default.removeItem(atPath: (binary as NSString).deletingLastPathComponent) } }
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
            error: cannot use \(cli.store) as a ledger: it can only be read here (this process may not write it or its folder); \
            you need write access to the file and its folder (a ledger on read-only media can be copied somewhere writable)
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
}
