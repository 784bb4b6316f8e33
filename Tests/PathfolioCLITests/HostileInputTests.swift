import Foundation
import Testing

/// One bad situation a user can put `pathfolio` in: a file that is broken, hostile, or not
/// there, a folder where a file belongs, a full disk, a file they may not read.
///
/// Each case must end with an error that says where and how to fix it, a non-zero exit
/// code that says what kind of failure it was, and a ledger byte-identical to before.
struct HostileCase: Sendable, CustomTestStringConvertible {
    /// What makes the situation.
    enum Launcher: Sendable {
        /// The user who owns the ledger.
        case owner
        /// Someone else, who may not write the ledger or its folder, nor read a private file.
        case otherUser
        /// `nobody` when the tests run as root (the case sets the permissions), else the owner.
        case nobodyIfRoot
        /// Under a file-size limit of this many 512-byte blocks (`ulimit -f`): a full disk.
        case fileSizeLimit(Int)
    }

    var name: String
    var launcher: Launcher = .owner
    /// Makes the situation in the test's folder and returns the command line.
    var prepare: @Sendable (CLI) throws -> [String]
    var status: Int32
    /// The whole of standard error, with `{dir}` standing for the test's folder and
    /// `{store}` for the ledger.
    var stderr: String

    var testDescription: String { name }
}

/// The catalogue: every case in ``HostileCase`` is its own test argument.
struct HostileInputTests {
    static let ledgerCases: [HostileCase] = [
        HostileCase(name: "an empty file as the ledger", prepare: { cli in
            try Data().write(to: URL(fileURLWithPath: cli.store))
            return ["list"]
        }, status: 74, stderr: """
            error: cannot use {store} as a ledger: it is an empty file, not a ledger (`pathfolio init` makes one)
              hint: point --store (or PATHFOLIO_STORE) at a ledger file

            """),
        HostileCase(name: "a ledger cut off after its first two pages", prepare: { cli in
            let whole = try cli.ledgerBytes()
            try whole.prefix(8192).write(to: URL(fileURLWithPath: cli.store))
            return ["list"]
        }, status: 74, stderr: """
            error: cannot use {store} as a ledger: it is damaged (database disk image is malformed); restore it from a backup
              hint: point --store (or PATHFOLIO_STORE) at a ledger file

            """),
        HostileCase(name: "a ledger cut off inside its header", prepare: { cli in
            let whole = try cli.ledgerBytes()
            try whole.prefix(100).write(to: URL(fileURLWithPath: cli.store))
            return ["add", "job", "--title", "Analyst"]
        }, status: 74, stderr: """
            error: cannot use {store} as a ledger: it is damaged (database disk image is malformed); restore it from a backup
              hint: point --store (or PATHFOLIO_STORE) at a ledger file

            """),
        HostileCase(name: "random bytes as the ledger", prepare: { cli in
            var random = SeededGenerator(seed: 42)
            try Data((0..<40_000).map { _ in UInt8.random(in: 0...255, using: &random) }).write(to: URL(fileURLWithPath: cli.store))
            return ["list"]
        }, status: 74, stderr: """
            error: cannot use {store} as a ledger: it is not a Pathfolio ledger (not an SQLite file)
              hint: point --store (or PATHFOLIO_STORE) at a ledger file

            """),
        HostileCase(name: "a ledger someone else may not read", launcher: .otherUser, prepare: { _ in ["list"] },
                    status: 74, stderr: """
            error: cannot use {store} as a ledger: it cannot be read (check its permissions)
              hint: point --store (or PATHFOLIO_STORE) at a ledger file

            """),
        HostileCase(name: "a ledger someone else may read but not write", launcher: .otherUser, prepare: { cli in
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: cli.store)
            return ["add", "job", "--title", "Analyst"]
        }, status: 74, stderr: """
            error: cannot write {store}: it can only be read here (this process may not write it or its folder)
              hint: get write access to the file and its folder, or work on a copy: pathfolio backup --out COPY.sqlite, then --store COPY.sqlite

            """),
        HostileCase(name: "a new ledger in a folder someone else may not write", launcher: .otherUser, prepare: { cli in
            ["init", "--store", cli.directory.appendingPathComponent("theirs.sqlite").path]
        }, status: 74, stderr: """
            error: {dir}/theirs.sqlite: the file cannot be created: Permission denied
              hint: check that the disk has free space, that no file-size limit (`ulimit -f`) applies, and that you may write to the file and its folder

            """),
        HostileCase(name: "a full disk during a large add", launcher: .fileSizeLimit(100), prepare: { _ in
            ["add", "job", "--title", "Analyst", "--summary", String(repeating: "데이터 ", count: 8_000)]
        }, status: 74, stderr: """
            error: {store}: disk I/O error; nothing was written
              hint: check that the disk has free space, that no file-size limit (`ulimit -f`) applies, and that you may write to the file and its folder

            """),
        HostileCase(name: "a full disk during an edit", launcher: .fileSizeLimit(100), prepare: { cli in
            let id = try cli.succeed(["add", "job", "--title", "Analyst", "-q"]).trimmingCharacters(in: .newlines)
            return ["edit", id, "--summary", String(repeating: "x", count: 70_000)]
        }, status: 74, stderr: """
            error: {store}: disk I/O error; nothing was written
              hint: check that the disk has free space, that no file-size limit (`ulimit -f`) applies, and that you may write to the file and its folder

            """),
        HostileCase(name: "a full disk during a backup", launcher: .fileSizeLimit(100), prepare: { cli in
            for index in 0..<40 {
                try cli.succeed(["add", "job", "--title", "Job \(index)", "--summary", String(repeating: "요약 ", count: 200), "-q"])
            }
            return ["backup", "--out", cli.directory.appendingPathComponent("copy.sqlite").path]
        }, status: 74, stderr: """
            error: {dir}/copy.sqlite: the copy could not be written (the disk is full, a file-size limit applies, or the disk failed); no backup was made
              hint: check that the disk has free space, that no file-size limit (`ulimit -f`) applies, and that you may write to the file and its folder

            """),
    ]

    @Test(arguments: ledgerCases)
    func aBrokenLedgerIsRefusedAndLeftAsItWas(_ hostile: HostileCase) throws {
        try check(hostile) { cli, _, _ in
            // Nothing half-written is left behind (a backup's partial copy, say).
            let left = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
                .filter { !$0.hasPrefix("ledger.sqlite") }
            #expect(left == [], "\(hostile.name) left \(left)")
        }
    }

    /// Runs one case on a fresh ledger with a person and an experience in it.
    func check(_ hostile: HostileCase, sourceLocation: SourceLocation = #_sourceLocation,
               also: (CLI, [String], CLI.Result) throws -> Void = { _, _, _ in }) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "김하늘"])
        try cli.succeed(["add", "training", "--title", "데이터 분석 실무", "--start", "2024-03", "--end", "2024-08"])
        let arguments = try hostile.prepare(cli)
        let before = try cli.ledgerBytes()
        let launcher: [String]
        switch hostile.launcher {
        case .owner:
            launcher = []
        case .otherUser:
            launcher = try Self.otherUser(cli)
        case .nobodyIfRoot:
            launcher = getuid() == 0 ? Self.nobody : []
        case .fileSizeLimit(let blocks):
            launcher = ["/bin/sh", "-c", "trap '' XFSZ; ulimit -f \(blocks); exec \"$0\" \"$@\""]
        }
        defer {
            // Give back what ``otherUser(_:)`` took away, so the folder can be removed.
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: cli.directory.path)
        }
        let binary = try Self.binary(for: launcher)
        defer { Self.removeCopy(binary) }
        let result = try cli.run(arguments, launcher: launcher, binary: binary)
        // DUMP_HOSTILE=1 prints what each case said, to review the messages.
        if ProcessInfo.processInfo.environment["DUMP_HOSTILE"] != nil {
            print("=== \(hostile.name) [\(result.status)]\n\(result.stderr.replacingOccurrences(of: cli.directory.path, with: "{dir}"))---\n\(result.stdout)")
        }
        let expected = hostile.stderr.replacingOccurrences(of: "{store}", with: cli.store)
            .replacingOccurrences(of: "{dir}", with: cli.directory.path)
        #expect(result.status == hostile.status, "\(hostile.name): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr == expected, sourceLocation: sourceLocation)
        #expect(result.stdout == "", sourceLocation: sourceLocation)
        #expect(try cli.ledgerBytes() == before, "\(hostile.name) changed the ledger", sourceLocation: sourceLocation)
        try also(cli, arguments, result)
    }

    static let nobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

    /// The binary to run with `launcher`: `nobody` may not be able to reach the build folder
    /// (a clone under /root), so a copy in a folder anyone may enter; ``removeCopy(_:)`` after.
    static func binary(for launcher: [String]) throws -> String {
        guard launcher.first == nobody.first else { return CLI.binary }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pathfolio-bin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let binary = folder.appendingPathComponent("pathfolio").path
        try FileManager.default.copyItem(atPath: CLI.binary, toPath: binary)
        return binary
    }

    /// Removes the copy ``binary(for:)`` made, if it made one.
    static func removeCopy(_ binary: String) {
        if binary != CLI.binary { try? FileManager.default.removeItem(atPath: (binary as NSString).deletingLastPathComponent) }
    }

    /// Runs the binary as `nobody` when the tests run as root (root may read anything);
    /// otherwise takes the owner's permissions away, which has the same effect.
    static func otherUser(_ cli: CLI) throws -> [String] {
        if getuid() == 0 { return nobody }
        let manager = FileManager.default
        let mode = (try manager.attributesOfItem(atPath: cli.store)[.posixPermissions] as? Int) ?? 0o600
        // 0600 → unreadable; 0644 → read-only.
        try manager.setAttributes([.posixPermissions: mode == 0o600 ? 0o000 : 0o444], ofItemAtPath: cli.store)
        try manager.setAttributes([.posixPermissions: 0o555], ofItemAtPath: cli.directory.path)
        return []
    }
}
