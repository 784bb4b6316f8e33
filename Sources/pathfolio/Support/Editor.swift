import Foundation
import PathfolioCore

/// A file for the person to edit: private (0600, in a 0700 folder of its own), removed
/// when done, kept when what they typed could not be saved.
struct ScratchFile {
    let folder: String
    let path: String

    /// Creates the folder under `$TMPDIR` (or /tmp) and writes `contents`.
    init(name: String, contents: String) throws {
        let base = NSTemporaryDirectory()
        var template = Array((base.hasSuffix("/") ? base : base + "/").utf8CString.dropLast()) + Array("pathfolio-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw Failure(.io, "cannot create a private folder in \(base): \(String(cString: strerror(errno)))",
                          hint: "set TMPDIR to a writable folder", errorCode: "editor.tempfile")
        }
        folder = String(cString: made)
        path = folder + "/" + name
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw Failure(.io, "cannot create \(path): \(String(cString: strerror(errno)))",
                          hint: "set TMPDIR to a writable folder", errorCode: "editor.tempfile")
        }
        fchmod(descriptor, 0o600)
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        handle.write(Data(contents.utf8))
        try handle.close()
    }

    /// The file's text as it is now (an editor may have replaced the file; empty if it removed it).
    func read() throws -> String {
        guard FileManager.default.fileExists(atPath: path) else { return "" }
        return String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// The person's text editor: `$VISUAL`, else `$EDITOR`, else `vi`.
enum Editor {
    /// The editor command line as configured.
    static var command: String {
        for name in ["VISUAL", "EDITOR"] {
            if let value = Environment.value(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        return "vi"
    }

    /// Runs the editor on `path` through `/bin/sh -c '<editor> "$1"'`, so that editor commands
    /// with flags (`code --wait`) work, on this process's terminal; returns its exit status and
    /// how long it ran. While the editor runs, Ctrl-C and Ctrl-\\ reach only the editor (as in
    /// git), so this process lives on to keep or remove the file.
    static func run(on path: String) throws -> (status: Int32, seconds: Double) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " \"$1\"", "sh", path]
        let started = Date()
        do {
            try process.run()
        } catch {
            throw Failure(.io, "cannot start the editor '\(command)'", hint: "set VISUAL or EDITOR to your editor, e.g. export VISUAL=nano",
                          errorCode: "editor.start")
        }
        let interrupt = signal(SIGINT, SIG_IGN), quit = signal(SIGQUIT, SIG_IGN)
        defer {
            signal(SIGINT, interrupt)
            signal(SIGQUIT, quit)
        }
        process.waitUntilExit()
        return (process.terminationStatus, Date().timeIntervalSince(started))
    }
}

/// Whether standard input and standard error are a terminal a person can answer in.
enum Terminal {
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1 }

    /// Asks a yes/no question on standard error and reads the answer from standard input;
    /// anything but yes (`y`, `yes`, `예`, `네`, `응`) is no.
    static func confirm(_ question: String) -> Bool {
        StandardError.write(Array("\(question) [y/N] ".utf8))
        guard let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        return ["y", "yes", "예", "네", "응", "ㅇ"].contains(answer)
    }
}
