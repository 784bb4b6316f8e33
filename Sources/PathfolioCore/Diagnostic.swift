/// A problem a user can cause, said so that they can fix it.
///
/// Every diagnostic names *where* (a file position, or a record ID and field), *what* rule
/// was broken (a stable ``code`` for programs and a message for people, quoting the
/// offending value) and *how* to fix it (``hint``). Readers and validators collect all of
/// them first and fail once, before anything is written.
///
/// Messages never quote reflection text or contact details: they name IDs and fields.
///
/// ```
/// career.xml:12:5: error: unknown experience kind 'jobb' (use one of: job, training, …)
/// experience 3f9a1c2e, end: error: end 2023-01 is before start 2023-05
/// ```
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning, note
    }

    /// Where a problem is.
    public struct Location: Sendable, Hashable, Codable {
        public var file: String?
        public var line: Int?
        public var column: Int?
        /// The kind of record (`experience`, `link`, …) when the problem is in a record.
        public var entity: String?
        /// The record's ID.
        public var id: String?
        /// The field, as a path (`period.end`, `entries[2].answer`).
        public var field: String?

        public init(file: String? = nil, line: Int? = nil, column: Int? = nil,
                    entity: String? = nil, id: String? = nil, field: String? = nil) {
            self.file = file
            self.line = line
            self.column = column
            self.entity = entity
            self.id = id
            self.field = field
        }

        /// A record and field.
        public static func record(_ entity: String, _ id: String?, field: String? = nil) -> Location {
            Location(entity: entity, id: id, field: field)
        }

        /// A position in a file (lines and columns count from 1).
        public static func file(_ path: String, line: Int? = nil, column: Int? = nil) -> Location {
            Location(file: path, line: line, column: column)
        }

        /// The location as people read it: `file:line:column` or `experience 3f9a1c2e, end`.
        public var text: String {
            var parts: [String] = []
            if let file {
                var position = file
                if let line {
                    position += ":\(line)"
                    if let column { position += ":\(column)" }
                }
                parts.append(position)
            }
            if let entity {
                var record = entity
                // Long IDs are shown short; a link's key (`from:type:to`) keeps its type.
                if let id {
                    record += " " + id.split(separator: ":", omittingEmptySubsequences: false)
                        .map { $0.count > 12 ? String($0.prefix(8)) : String($0) }.joined(separator: ":")
                }
                if let field { record += ", \(field)" }
                parts.append(record)
            } else if let field {
                parts.append(field)
            }
            return parts.joined(separator: ": ")
        }
    }

    public var severity: Severity
    /// A stable dotted code for programs, such as `period.endBeforeStart`.
    public var code: String
    public var message: String
    public var hint: String?
    public var location: Location?

    public init(_ severity: Severity = .error, code: String, _ message: String,
                hint: String? = nil, at location: Location? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.hint = hint
        self.location = location
    }

    /// An error.
    public static func error(_ code: String, _ message: String, hint: String? = nil,
                             at location: Location? = nil) -> Diagnostic {
        Diagnostic(.error, code: code, message, hint: hint, at: location)
    }

    /// A warning: reported, but does not stop a write.
    public static func warning(_ code: String, _ message: String, hint: String? = nil,
                               at location: Location? = nil) -> Diagnostic {
        Diagnostic(.warning, code: code, message, hint: hint, at: location)
    }

    /// The same diagnostic at another location (for example with the file name filled in).
    public func located(_ update: (inout Location) -> Void) -> Diagnostic {
        var copy = self
        var location = copy.location ?? Location()
        update(&location)
        copy.location = location
        return copy
    }

    /// `where: severity: message (hint: …)`, compiler style.
    public var description: String {
        var text = ""
        if let location, !location.text.isEmpty { text += location.text + ": " }
        text += "\(severity.rawValue): \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

/// One or more diagnostics, at least one of them an error, raised together.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Array where Element == Diagnostic {
    /// Whether any element is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }

    /// Throws a ``DiagnosticError`` holding every diagnostic when any is an error.
    public func throwIfErrors() throws(DiagnosticError) {
        if containsErrors { throw DiagnosticError(self) }
    }
}
