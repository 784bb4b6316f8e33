import Foundation
import PathfolioCore
import PathfolioFormats
import Testing

/// An export or a backup interrupted by Ctrl-C (SIGINT) or `kill` (SIGTERM) leaves no
/// temporary file (`.NAME.PID.tmp`, `.NAME.partial-PID`) beside the user's files, and still
/// ends by that signal, as the shell expects (exit status 130 for Ctrl-C).
struct InterruptionTests {
    /// A caseload big enough that its export is still running when the signal comes.
    static func caseload() throws -> CLI {
        let cli = try CLI()
        try cli.succeed(["init"])
        var generator = PortfolioGenerator(seed: 11)
        let people = (0..<300).map { generator.portfolio(index: $0).portfolio }
        let file = cli.directory.appendingPathComponent("caseload.xml")
        try Data(PortfolioXML.write(collection: people, audience: .self).utf8).write(to: file)
        try cli.succeed(["import", file.path])
        return cli
    }

    @Test(arguments: [
        (["export", "--all", "--format", "xml", "--audience", "self", "--out", "out/"], SIGINT),
        (["export", "--all", "--format", "markdown", "--audience", "self", "--out", "out/"], SIGTERM),
        (["export", "--all", "--format", "xml", "--audience", "self", "--out", "out/caseload.xml"], SIGTERM),
        (["export", "--all", "--format", "markdown", "--audience", "self", "--out", "out/caseload.md"], SIGINT),
        (["backup", "--out", "out/copy.sqlite"], SIGINT),
        // A folder not there yet is made in a hidden folder beside it, renamed into place whole.
        (["export", "--all", "--format", "xml", "--audience", "self", "--out", "out/new/"], SIGTERM),
        (["export", "--all", "--format", "markdown", "--audience", "self", "--out", "out/new"], SIGINT),
    ] as [([String], Int32)])
    func anInterruptedCommandLeavesNoTemporaryFile(arguments: [String], signal: Int32) throws {
        let cli = try Self.caseload()
        defer { cli.cleanUp() }
        let folder = cli.directory.appendingPathComponent("out")
        // The test runner's threads may block these signals, and a child inherits the mask
        // of the thread that starts it: a user's shell starts the command with none blocked.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        var blocked = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &signals, &blocked)
        defer { pthread_sigmask(SIG_SETMASK, &blocked, nil) }
        var interrupted = 0
        // The signal must land while the export runs: an export that ended first is tried
        // again (it must have left nothing behind either).
        for _ in 0..<5 where interrupted == 0 {
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = arguments + ["--store", cli.store]
            process.currentDirectoryURL = cli.directory
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Signalled once its first temporary file exists.
            let deadline = Date().addingTimeInterval(30)
            while process.isRunning, Date() < deadline, try Self.temporaryFiles(in: folder).isEmpty {
                usleep(1_000)
            }
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal {
                #expect(process.terminationStatus == signal)
                interrupted += 1
            } else {
                #expect(process.terminationStatus == 0)
            }
            #expect(try Self.temporaryFiles(in: folder) == [])
            // A new folder is there whole (the signal came during its rename) or not at all.
            let new = folder.appendingPathComponent("new").path
            if let made = try? FileManager.default.contentsOfDirectory(atPath: new) {
                #expect(made.filter { $0.hasSuffix(".xml") || $0.hasSuffix(".md") }.count == (arguments.contains("markdown") ? 301 : 300))
            }
        }
        #expect(interrupted == 1, "the command always ended before the signal came")
    }

    /// A file-size limit reached (`ulimit -f`) is an I/O error (74) that removes the
    /// temporary file, not a signal (SIGXFSZ) that kills the command and leaves it.
    @Test(arguments: [
        ["export", "--all", "--format", "xml", "--audience", "self", "--out", "out/caseload.xml"],
        ["export", "--all", "--format", "markdown", "--audience", "self", "--out", "out/"],
        ["backup", "--out", "out/copy.sqlite"],
        ["export", "--all", "--format", "markdown", "--audience", "self", "--out", "out/new/"],
    ])
    func aFileSizeLimitIsAnErrorThatLeavesNoTemporaryFile(arguments: [String]) throws {
        let cli = try Self.caseload()
        defer { cli.cleanUp() }
        let folder = cli.directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let result = try cli.run(arguments, launcher: ["/bin/sh", "-c", "ulimit -f 64; exec \"$0\" \"$@\""])
        #expect(result.status == 74, "\(result.stderr)")
        #expect(try Self.temporaryFiles(in: folder) == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") } == [])
    }

    static func temporaryFiles(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") || $0.contains(".partial-") }
    }
}
