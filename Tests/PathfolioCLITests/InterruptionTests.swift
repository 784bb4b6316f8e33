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
        // `kill -BUS` from another process (no fault: the ledger is fine) ends a caseload
        // export as any other signal does, on whichever thread it lands, one that renames
        // files under a lock among them (a new user's export hung there).
        (["export", "--all", "--format", "xml", "--audience", "self", "--out", "out/"], SIGBUS),
        (["export", "--all", "--format", "markdown", "--audience", "self", "--out", "out/new/"], SIGBUS),
        (["export", "--all", "--format", "markdown", "--audience", "self", "--out", "out/caseload.md"], SIGBUS),
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
        sigaddset(&signals, SIGBUS)
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
            if signal == SIGBUS {
                // Started with SIGTERM ignored (`trap '' TERM` in a parent): the cleanup must
                // not depend on it (a first version signalled itself with SIGTERM).
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", "trap '' TERM; exec \"$0\" \"$@\"", CLI.binary] + arguments + ["--store", cli.store]
            } else {
                process.executableURL = URL(fileURLWithPath: CLI.binary)
                process.arguments = arguments + ["--store", cli.store]
            }
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

    /// A page of the ledger that cannot be read while an export of the caseload maps it into
    /// memory (the file cut short by another program, a failing disk) is a SIGBUS where a
    /// read would have returned an error: the export ends as an I/O error (74) naming the
    /// ledger, not as a crash ("Bus error"). The export writes the collection to a pipe this
    /// test does not read until it is full, so the export waits with some groups of people
    /// read and others not; the ledger is then cut to nothing, and the pipe read.
    @Test(arguments: [false, true])
    func aLedgerCutShortUnderAnExportIsAnIOErrorNotACrash(ignoringTERM: Bool) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        // Six groups of 256 people, small ones (one experience each), so the import is quick.
        let people = try (0..<1_500).map { index in
            Portfolio(person: Person(id: PersonID(rawValue: "person\(index)"), name: index.isMultiple(of: 2) ? "김하늘 \(index)" : "Alex Morgan \(index)"),
                      experiences: [Experience(id: ExperienceID(rawValue: "step\(index)"), kind: .training, title: "데이터 분석 실무 \(index)",
                                               period: Period(start: try PartialDate("2024-01"), end: .date(try PartialDate("2024-03"))))])
        }
        let file = cli.directory.appendingPathComponent("caseload.xml")
        try Data(PortfolioXML.write(collection: people, audience: .self).utf8).write(to: file)
        try cli.succeed(["import", file.path])
        let process = Process()
        let arguments = ["export", "--all", "--format", "xml", "--audience", "self", "--store", cli.store]
        if ignoringTERM {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "trap '' TERM; exec \"$0\" \"$@\"", CLI.binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = arguments
        }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Full when what waits in it stops growing (the export blocked in a write).
        var waiting: Int32 = 0, last: Int32 = -1
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline, waiting < 16_384 || waiting != last {
            last = waiting
            usleep(100_000)
            _ = withUnsafeMutablePointer(to: &waiting) { ioctl(output.fileHandleForReading.fileDescriptor, UInt(FIONREAD), $0) }
        }
        #expect(process.isRunning, "the export ended before its output was read")
        #expect(truncate(cli.store, 0) == 0)
        let written = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit, "\(message)")
        #expect(process.terminationStatus == 74, "\(message)")
        #expect(message.contains("\(cli.store): error: the ledger file could not be read"), "\(message)")
        #expect(message.contains("anything already written to standard output is incomplete"), "\(message)")
        #expect(!written.isEmpty && !String(decoding: written, as: UTF8.self).hasSuffix("</portfolios>\n"))
    }

    /// A caseload ledger cut short before the export began is reported as damaged, as it
    /// was before exports mapped the file: SQLite sees the file's size when it maps it.
    @Test func aLedgerCutShortIsReportedAsDamagedByAnExportThatMapsIt() throws {
        let cli = try Self.caseload()
        defer { cli.cleanUp() }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: cli.store)[.size] as? Int)
        #expect(truncate(cli.store, off_t(size / 2)) == 0)
        let result = try cli.run(["export", "--all", "--format", "markdown", "--audience", "self", "--out", "out/"])
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.contains("it is damaged"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("out").path))
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
