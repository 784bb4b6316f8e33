import Foundation
import Testing

/// The release binary (`Scripts/build-release.sh`) loads libxml2 when a command first reads
/// XML, not when it starts: `list` and `show` do not pay for it, and a machine without it
/// still runs every command that reads no XML, while those that do say what is missing.
///
/// A debug build links libxml2 at start (SwiftPM links what `pkg-config` names; only the
/// release script can leave the link out), so these tests run against a binary that does
/// not need it at start: `PATHFOLIO_BINARY=.build/release/pathfolio swift test --filter LazyLibXML2`.
@Suite(.enabled(if: BinaryUnderTest.loadsLibXML2Lazily,
                "the binary under test links libxml2 at start (a debug build); give PATHFOLIO_BINARY a release build"))
struct LazyLibXML2Tests {
    /// The libraries the dynamic loader opened for a command (`LD_DEBUG=files`).
    func librariesOpened(by arguments: [String], in cli: CLI) throws -> String {
        try cli.run(arguments, environment: ["LD_DEBUG": "files"]).stderr
            .split(separator: "\n").filter { $0.contains("file=") }.joined(separator: "\n")
    }

    @Test func onlyCommandsThatReadXMLLoadLibXML2() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "김하늘"])
        let id = try cli.succeed(["add", "job", "--title", "데이터 분석가", "--start", "2025-01", "--quiet"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let file = cli.directory.appendingPathComponent("portfolio.xml").path
        try cli.succeed(["export", "--format", "xml", "--audience", "self", "--out", file])
        for arguments in [["list"], ["show", id], ["path"], ["export", "--format", "xml", "--audience", "self"]] {
            let opened = try librariesOpened(by: arguments, in: cli)
            #expect(opened.contains("libsqlite3"), "LD_DEBUG shows what was opened: \(opened)")
            #expect(!opened.contains("libxml2"), "pathfolio \(arguments.joined(separator: " ")) loaded libxml2: \(opened)")
        }
        for arguments in [["validate", file], ["import", file, "--plan"]] {
            #expect(try librariesOpened(by: arguments, in: cli).contains("libxml2"))
        }
    }

    /// libxml2 that cannot be loaded (here a broken copy found first on the library path):
    /// the commands that read no XML work, and one that does fails with what to install,
    /// at the file, the ledger untouched.
    @Test func withoutLibXML2OnlyReadingXMLFailsAndSaysWhatToInstall() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "Alex Morgan"])
        try cli.succeed(["add", "job", "--title", "Teacher", "--start", "2015", "--end", "2023"])
        let file = cli.directory.appendingPathComponent("alex.xml").path
        try cli.succeed(["export", "--format", "xml", "--audience", "self", "--out", file])
        let libraries = cli.directory.appendingPathComponent("lib")
        try FileManager.default.createDirectory(at: libraries, withIntermediateDirectories: true)
        try Data("not a library".utf8).write(to: libraries.appendingPathComponent("libxml2.so.2"))
        let broken = ["LD_LIBRARY_PATH": libraries.path]
        #expect(try cli.succeed(["list"], environment: broken).contains("Teacher"))
        // A JSON Resume needs no libxml2, whatever else the import or check could read.
        let resume = cli.directory.appendingPathComponent("resume.json").path
        try Data(#"{ "basics": { "name": "Ana Lima" }, "work": [ { "name": "Loja", "position": "Caixa", "startDate": "2024" } ] }"#.utf8)
            .write(to: URL(fileURLWithPath: resume))
        #expect(try cli.succeed(["validate", resume], environment: broken).contains("valid"))
        let before = try cli.ledgerBytes()
        for arguments in [["import", file], ["validate", file]] {
            let failed = try cli.run(arguments, environment: broken)
            #expect(failed.status != 0)
            #expect(failed.stderr.contains("\(file): error: cannot read XML: libxml2 could not be loaded ("), "\(failed.stderr)")
            #expect(!failed.stderr.contains(".xsd"), "the schema is not at fault: \(failed.stderr)")
            #expect(failed.stderr.contains("hint: install libxml2 (Debian and Ubuntu: apt-get install libxml2)"), "\(failed.stderr)")
        }
        #expect(try cli.ledgerBytes() == before)
    }
}

/// What the binary under test is.
enum BinaryUnderTest {
    /// Whether the binary under test does not ask for libxml2 when it starts.
    static let loadsLibXML2Lazily: Bool = {
        guard let dynamic = try? output(of: "/usr/bin/readelf", ["-d", CLI.binary]), dynamic.contains("(NEEDED)") else {
            return false
        }
        return !dynamic.contains("libxml2")
    }()

    static func output(of tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
