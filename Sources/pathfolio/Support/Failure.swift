import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioStore

/// A command's failure: diagnostics for stderr and the exit code that says what kind it was.
struct Failure: Error {
    /// The exit codes, from BSD's sysexits.
    enum Code: Int32 {
        case usage = 64
        case dataError = 65
        case notFound = 66
        case software = 70
        case io = 74
    }

    var diagnostics: [Diagnostic]
    var code: Code

    init(diagnostics: [Diagnostic], code: Code) {
        self.diagnostics = diagnostics
        self.code = code
    }

    init(_ code: Code, _ message: String, hint: String? = nil, errorCode: String = "error", at location: Diagnostic.Location? = nil) {
        self.init(diagnostics: [.error(errorCode, message, hint: hint, at: location)], code: code)
    }

    init(_ error: LedgerError) {
        let code: Code = switch error.category {
        case .data: .dataError
        case .notFound: .notFound
        case .io: .io
        }
        self.init(diagnostics: error.diagnostics, code: code)
    }

    /// A value given on the command line that breaks a rule of the data, e.g. an impossible date.
    static func badValue(_ option: String, _ message: String, hint: String?, code: String = "value.invalid") -> Failure {
        Failure(.dataError, message, hint: hint, errorCode: code, at: Diagnostic.Location(field: option))
    }

    /// A command line that asks for something impossible, found only once the ledger was read.
    static func usage(_ message: String, hint: String) -> Failure {
        Failure(.usage, message, hint: hint, errorCode: "usage")
    }

    /// A missing file.
    static func missingFile(_ path: String) -> Failure {
        Failure(.notFound, "\(path): no such file", hint: "check the path", errorCode: "file.missing")
    }

    func report() -> Never {
        var stderr = StandardError()
        for diagnostic in diagnostics {
            print(diagnostic.description, to: &stderr)
        }
        Foundation.exit(code.rawValue)
    }
}

/// Writes to standard error. A write that fails (standard error closed or on a full disk)
/// is dropped: `FileHandle.write` stopped the program instead, so an error could not end
/// with its own exit code.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        Self.write(Array(TerminalText.clean(string).utf8))
    }

    static func write(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Output.writeAll($0, to: STDERR_FILENO) }
    }
}
