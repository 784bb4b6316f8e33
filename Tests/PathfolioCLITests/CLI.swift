import Foundation
import Testing

/// Runs the built `pathfolio` binary against a private temporary ledger, the way a user
/// would: arguments in, exit code and the two output streams out.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A fresh folder for this test; removed by ``cleanUp()``.
    let directory: URL
    /// The ledger file the commands use (through `PATHFOLIO_STORE`).
    var store: String { directory.appendingPathComponent("ledger.sqlite").path }
    /// Extra environment for every command.
    var environment: [String: String] = [:]

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("pathfolio-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Fixed clock and IDs: output is the same on every run.
        environment = ["PATHFOLIO_NOW": "2026-11-23T09:00:00Z", "PATHFOLIO_ID_SEED": "7", "PATHFOLIO_ACTOR": "tester"]
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The binary under test: `$PATHFOLIO_BINARY`, else the package's `.build/debug/pathfolio`.
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["PATHFOLIO_BINARY"] { return path }
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { break }
            folder.deleteLastPathComponent()
        }
        // Next to the test bundle first (any scratch path), then the default build folder.
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pathfolio")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside.path }
        return folder.appendingPathComponent(".build/debug/pathfolio").path
    }()

    /// Runs `pathfolio ARGUMENTS` with the test's ledger, optional standard input and extra
    /// environment, and waits for it.
    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:],
             store: String? = nil, launcher: [String] = [], binary: String = CLI.binary) throws -> Result {
        let process = Process()
        // A launcher (`setpriv …`, `sh -c …`) runs the binary in another situation: as another
        // user, under a file-size limit.
        process.executableURL = URL(fileURLWithPath: launcher.first ?? binary)
        process.arguments = launcher.isEmpty ? arguments : Array(launcher.dropFirst()) + [binary] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PATHFOLIO_STORE"] = store ?? self.store
        environment["NO_COLOR"] = "1"
        environment.removeValue(forKey: "VISUAL")
        environment.removeValue(forKey: "EDITOR")
        for (key, value) in self.environment { environment[key] = value }
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.currentDirectoryURL = directory
        let output = Pipe(), errors = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting, so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = output.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        errData = errors.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a command that must succeed, and returns its standard output.
    @discardableResult
    func succeed(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:],
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments, stdin: stdin, environment: extra)
        #expect(result.status == 0, "pathfolio \(arguments.joined(separator: " ")) failed: \(result.stderr)",
                sourceLocation: sourceLocation)
        return result.stdout
    }

    /// Runs a command with `--json` and decodes its output.
    func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
        let output = try succeed(arguments + ["--json"], sourceLocation: sourceLocation)
        return try JSONSerialization.jsonObject(with: Data(output.utf8))
    }

    /// The bytes of the ledger file and its write-ahead log, to prove a failure wrote nothing.
    func ledgerBytes() throws -> Data {
        var data = try Data(contentsOf: URL(fileURLWithPath: store))
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: store + "-wal")) { data.append(wal) }
        return data
    }
}

extension CLI {
    /// The package's folder, found from this file's path.
    static let packageFolder: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/", !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder.deleteLastPathComponent()
        }
        return folder
    }()

    /// Runs one of the scripts in `Examples/` with the binary under test, the way the README
    /// tells a user to.
    @discardableResult
    func example(_ script: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [Self.packageFolder.appendingPathComponent("Examples/\(script)").path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PATHFOLIO"] = Self.binary
        environment["NO_COLOR"] = "1"
        for key in ["PATHFOLIO_STORE", "PATHFOLIO_NOW", "PATHFOLIO_ID_SEED", "PATHFOLIO_ACTOR"] { environment.removeValue(forKey: key) }
        process.environment = environment
        process.currentDirectoryURL = directory
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        group.enter()
        DispatchQueue.global().async { outData = output.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
