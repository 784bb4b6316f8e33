import Foundation
import Testing

/// Helpers for the reliability tests: trial counts from the environment, processes that are
/// killed on purpose, and the checks every trial ends with.
enum Harness {
    /// A count from the environment (`Scripts/crash-test.sh` and `Scripts/stress-test.sh` raise
    /// them), else the small default that keeps CI fast.
    static func count(_ variable: String, default value: Int) -> Int {
        ProcessInfo.processInfo.environment[variable].flatMap { Int($0) }.map { max(1, $0) } ?? value
    }

    /// A generator seeded from `PATHFOLIO_TEST_SEED` (printed by each test, so a failing
    /// trial can be replayed), else from the clock.
    static func generator(_ label: String) -> SeededGenerator {
        let seed = ProcessInfo.processInfo.environment["PATHFOLIO_TEST_SEED"].flatMap { UInt64($0) }
            ?? UInt64(Date().timeIntervalSince1970 * 1000)
        print("\(label): PATHFOLIO_TEST_SEED=\(seed)")
        return SeededGenerator(seed: seed)
    }

    /// `pathfolio verify --json` on the ledger: SQLite's integrity check, the hash chains and
    /// every record against its latest revision. Returns the problems (empty when intact).
    static func verify(_ cli: CLI, store: String? = nil) throws -> [String] {
        let result = try cli.run(["verify", "--json"], store: store)
        guard let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            return ["verify printed no report (exit \(result.status)): \(result.stderr)"]
        }
        let problems = (object["problems"] as? [[String: Any]] ?? []).map { "\($0["code"] ?? "?"): \($0["message"] ?? "?")" }
        if result.status != 0 && problems.isEmpty { return ["verify exited \(result.status): \(result.stderr)"] }
        return problems
    }

    /// `PRAGMA integrity_check` straight from SQLite's own shell, not through Pathfolio.
    static func integrityCheck(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, "PRAGMA integrity_check"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The experiences of the ledger's people as `[title: JSON object]`.
    static func experiences(_ cli: CLI, person: String? = nil, store: String? = nil) throws -> [String: [String: Any]] {
        var arguments = ["list", "--json"]
        if let person { arguments += ["--person", person] }
        let result = try cli.run(arguments, store: store)
        guard result.status == 0,
              let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] else {
            throw HarnessError("list failed (\(result.status)): \(result.stderr)")
        }
        var byTitle: [String: [String: Any]] = [:]
        for item in list { byTitle[item["title"] as? String ?? ""] = item }
        return byTitle
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// SplitMix64: small, fast and repeatable.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Runs `pathfolio` commands one after another on a background thread until told to stop,
/// and can SIGKILL the one that is running at any moment: a user's script interrupted by a
/// crash, a power cut of the process, or `kill -9`.
final class WriterLoop: @unchecked Sendable {
    /// A command that finished with exit code 0: the user was told it was saved.
    struct Acknowledged { var arguments: [String]; var stdout: String }

    private let lock = NSLock()
    private var current: Process?
    private var stopping = false
    private var acknowledged: [Acknowledged] = []
    private var failures: [String] = []
    private var killedCommand: [String]?
    private var finished = false
    private let done = DispatchSemaphore(value: 0)

    /// Starts running `next(i)` for i = 0, 1, … (the loop ends when it returns nil).
    init(cli: CLI, environment: [String: String] = [:], next: @escaping @Sendable (Int) -> [String]?) {
        DispatchQueue.global().async { [self] in
            var index = 0
            while let arguments = next(index) {
                index += 1
                let process = Process()
                process.executableURL = URL(fileURLWithPath: CLI.binary)
                process.arguments = arguments
                var env = ProcessInfo.processInfo.environment
                env["PATHFOLIO_STORE"] = cli.store
                for (key, value) in cli.environment { env[key] = value }
                for (key, value) in environment { env[key] = value }
                process.environment = env
                let output = Pipe(), errors = Pipe()
                process.standardOutput = output
                process.standardError = errors
                process.standardInput = FileHandle.nullDevice
                lock.lock()
                if stopping { lock.unlock(); break }
                do { try process.run() } catch { lock.unlock(); record(failure: "\(error)"); break }
                current = process
                lock.unlock()
                let errData = Data.drainInBackground(errors)
                let outData = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                lock.lock()
                current = nil
                lock.unlock()
                if process.terminationReason == .uncaughtSignal {
                    lock.lock(); killedCommand = arguments; lock.unlock()
                    break
                }
                if process.terminationStatus == 0 {
                    lock.lock()
                    acknowledged.append(Acknowledged(arguments: arguments, stdout: String(decoding: outData, as: UTF8.self)))
                    lock.unlock()
                } else {
                    record(failure: "pathfolio \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(String(decoding: errData(), as: UTF8.self))")
                }
            }
            lock.lock(); finished = true; lock.unlock()
            done.signal()
        }
    }

    private func record(failure: String) {
        lock.lock(); failures.append(failure); lock.unlock()
    }

    /// Kills the running command with SIGKILL (or, between two commands, the next one as soon
    /// as it starts) and waits for the loop to end.
    func killNow() {
        while true {
            lock.lock()
            if finished { lock.unlock(); break }
            if let process = current {
                kill(process.processIdentifier, SIGKILL)
                stopping = true
                lock.unlock()
                break
            }
            lock.unlock()
            usleep(200)
        }
        join()
    }

    /// Lets the running command finish, starts no other, and waits for the loop to end.
    func stop() {
        lock.lock(); stopping = true; lock.unlock()
        join()
    }

    /// Waits for the loop to run out of commands.
    func wait() { join() }

    private var joined = false
    private func join() {
        lock.lock()
        let first = !joined
        joined = true
        lock.unlock()
        if first { done.wait() }
    }

    var results: (acknowledged: [Acknowledged], failures: [String], killed: [String]?) {
        lock.lock(); defer { lock.unlock() }
        return (acknowledged, failures, killedCommand)
    }
}

extension Data {
    /// Reads a pipe to its end on another thread; call the result to get the bytes.
    static func drainInBackground(_ pipe: Pipe) -> () -> Data {
        let group = DispatchGroup()
        nonisolated(unsafe) var data = Data()
        group.enter()
        DispatchQueue.global().async { data = pipe.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        return { group.wait(); return data }
    }
}
