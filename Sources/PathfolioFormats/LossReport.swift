import PathfolioCore

/// What a conversion to or from a lossy format dropped or approximated, field by field.
///
/// Every reader and writer of a foreign format (JSON Resume, LEAP2A, Europass) returns one
/// beside its result, so nothing is lost silently. Entries name records and fields, never
/// their values: a loss report may be printed or logged, and reflection text or contact
/// details must not leak through it.
///
/// ```
/// experience e4 "주니어 데이터 분석가", job.employmentType: dropped (JSON Resume has no employment type)
/// ```
public struct LossReport: Sendable, Hashable, Codable {
    /// What happened to one field.
    public enum Action: String, Sendable, Hashable, Codable {
        /// Not written (export) or not kept (import).
        case dropped
        /// Kept in a nearby field or a coarser form (a date label dropped, HTML turned into text).
        case approximated
        /// Written only in Pathfolio's extension namespace: our own reader restores it,
        /// other systems ignore it.
        case extensionOnly
    }

    /// One field of one record.
    public struct Entry: Sendable, Hashable, Codable, CustomStringConvertible {
        /// `person`, `organization`, `experience`, `reflection`, `link`, or a section of the
        /// foreign file (`awards`, `entry`).
        public var entity: String
        /// The record's ID (ours on export, the file's on import), when it has one.
        public var id: String?
        /// The record's title or name, to help people find it.
        public var title: String?
        /// The field, as a path (`job.employmentType`, `period.start.label`).
        public var field: String
        public var action: Action
        /// Why, and where it went when it went somewhere.
        public var detail: String

        public init(entity: String, id: String? = nil, title: String? = nil, field: String,
                    action: Action, detail: String) {
            self.entity = entity
            self.id = id
            self.title = title
            self.field = field
            self.action = action
            self.detail = detail
        }

        /// `experience e4 "title", field: action (detail)`.
        public var description: String {
            var text = entity
            if let id { text += " " + (Self.isGenerated(id) ? String(id.prefix(8)) : id) }
            if let title, !title.isEmpty { text += " \"\(title)\"" }
            let action = switch self.action {
            case .dropped: "dropped"
            case .approximated: "approximated"
            case .extensionOnly: "kept in the Pathfolio extension only"
            }
            return text + ", \(field): \(action) (\(detail))"
        }

        /// Whether an ID is one of the 32-hex-digit IDs people see short.
        static func isGenerated(_ id: String) -> Bool {
            id.utf8.count == 32 && id.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
        }
    }

    /// The format the conversion was to or from (`json-resume`, `leap2a`, `europass`).
    public var format: String
    /// `import` or `export`.
    public var direction: String
    /// The file read, for an import.
    public var source: String?
    public private(set) var entries: [Entry]

    public init(format: String, direction: String, entries: [Entry] = []) {
        self.format = format
        self.direction = direction
        self.entries = entries
    }

    /// Whether nothing was dropped or approximated.
    public var isEmpty: Bool { entries.isEmpty }

    /// Records one field's fate.
    public mutating func add(_ entity: String, _ id: String?, title: String? = nil, field: String,
                             _ action: Action, _ detail: String) {
        entries.append(Entry(entity: entity, id: id, title: title, field: field, action: action, detail: detail))
    }

    /// Records a loss on an experience.
    mutating func add(_ experience: Experience, field: String, _ action: Action, _ detail: String) {
        add("experience", experience.id.rawValue, title: experience.title, field: field, action, detail)
    }

    /// Appends another report's entries.
    public mutating func append(contentsOf other: LossReport) {
        entries += other.entries
    }

    /// How many entries of each action: `3 dropped, 2 approximated`.
    public var summary: String {
        let counts = [(Action.dropped, "dropped"), (.approximated, "approximated"), (.extensionOnly, "in the extension only")]
            .compactMap { action, word -> String? in
                let n = entries.filter { $0.action == action }.count
                return n == 0 ? nil : "\(n) \(word)"
            }
        return counts.isEmpty ? "nothing lost" : counts.joined(separator: ", ")
    }

    /// `mina.zip: leap2a import` or `leap2a export`.
    public var heading: String {
        (source.map { $0 + ": " } ?? "") + "\(format) \(direction)"
    }

    /// One line per entry, under a heading: `leap2a export: 2 dropped, 1 approximated`.
    public var text: String {
        ([ "\(heading): \(summary)" ] + entries.map { "  " + $0.description }).joined(separator: "\n")
    }
}
