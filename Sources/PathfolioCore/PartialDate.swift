/// A calendar date known to the year, the month or the day, with an optional label.
///
/// Career records are rarely known to the day: "2019", "March 2019" and "14 March 2019" are
/// all normal. A `PartialDate` keeps exactly the precision it was given: `2019-03` is never
/// padded to `2019-03-01` and never turned into an instant.
///
/// A date may also carry a free-text label ("summer 2019", "2학기"), and it may be *only* a
/// label when nothing more precise is known (an imported record that says "early 2000s").
///
/// ```swift
/// let start = try PartialDate("2024-03")          // month precision
/// start.precision                                 // .month
/// start.description                               // "2024-03"
/// try PartialDate("2023-02-30")                   // throws: February 2023 has 28 days
/// ```
public struct PartialDate: Sendable, Hashable {
    /// How precisely a date is known.
    public enum Precision: Int, Sendable, Comparable, CaseIterable {
        /// Only a free-text label is known.
        case label
        case year
        case month
        case day

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The year, 1000 through 9999; `nil` when only a label is known.
    public let year: Int?
    /// The month, 1 through 12, when known.
    public let month: Int?
    /// The day of the month, when known.
    public let day: Int?
    /// A free-text label shown in place of, or beside, the date ("summer 2019").
    public let label: String?

    /// Makes a date from its parts, checking that it exists on the calendar.
    ///
    /// - Throws: ``PartialDateError`` when a part is out of range (`month: 13`), a day is given
    ///   without a month, or the day does not exist in that month (`2023-02-30`).
    public init(year: Int, month: Int? = nil, day: Int? = nil, label: String? = nil) throws(PartialDateError) {
        func error(_ reason: PartialDateError.Reason) -> PartialDateError {
            PartialDateError(text: Self.format(year: year, month: month, day: day), reason: reason)
        }
        guard (1000...9999).contains(year) else { throw error(.yearOutOfRange) }
        if let month, !(1...12).contains(month) { throw error(.monthOutOfRange) }
        if let day {
            guard let month else { throw error(.dayWithoutMonth) }
            let last = Self.daysIn(month: month, year: year)
            guard (1...last).contains(day) else {
                throw error(.dayOutOfRange(month: month, year: year, daysInMonth: last))
            }
        }
        self.year = year
        self.month = month
        self.day = day
        self.label = label.flatMap { $0.normalizedLine.nilIfEmpty }
    }

    /// Makes a date known only by its label, such as "early 2000s".
    public init(label: String) throws(PartialDateError) {
        guard let label = label.normalizedLine.nilIfEmpty else {
            throw PartialDateError(text: label, reason: .malformed)
        }
        self.year = nil
        self.month = nil
        self.day = nil
        self.label = label
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (the XSD `gYear`, `gYearMonth` and `date`
    /// forms), with an optional label.
    ///
    /// - Throws: ``PartialDateError`` naming the text and the rule it breaks.
    public init(_ text: String, label: String? = nil) throws(PartialDateError) {
        if let (year, month, day) = Self.isoDigits(text) {  // the stored form, read without copies
            try self.init(year: year, month: month, day: day, label: label)
            return
        }
        let trimmed = text.trimmingWhitespace
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count),
              parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else {
            throw PartialDateError(text: trimmed, reason: .malformed)
        }
        let numbers = parts.map { Int($0)! }
        try self.init(
            year: numbers[0],
            month: numbers.count > 1 ? numbers[1] : nil,
            day: numbers.count > 2 ? numbers[2] : nil,
            label: label
        )
    }

    /// The numbers of exactly `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (ASCII digits, nothing around
    /// them), or `nil` for anything else.
    private static func isoDigits(_ text: String) -> (Int, Int?, Int?)? {
        // Read in place (walking `utf8` generically cost 800 instructions a date).
        if let digits = text.utf8.withContiguousStorageIfAvailable(isoDigits(_:)) { return digits }
        return Array(text.utf8).withUnsafeBufferPointer { bytes in isoDigits(bytes) }
    }

    private static func isoDigits(_ text: UnsafeBufferPointer<UInt8>) -> (Int, Int?, Int?)? {
        let count = text.count
        guard count == 4 || count == 7 || count == 10 else { return nil }
        var fields = (0, 0, 0)
        var field = 0
        for (offset, byte) in text.enumerated() {
            if offset == 4 || offset == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                field += 1
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            switch field {
            case 0: fields.0 = fields.0 * 10 + digit
            case 1: fields.1 = fields.1 * 10 + digit
            default: fields.2 = fields.2 * 10 + digit
            }
        }
        return (fields.0, count >= 7 ? fields.1 : nil, count == 10 ? fields.2 : nil)
    }

    /// How precisely this date is known.
    public var precision: Precision {
        if day != nil { return .day }
        if month != nil { return .month }
        if year != nil { return .year }
        return .label
    }

    /// The date in ISO 8601 form at its own precision (`2019`, `2019-03`, `2019-03-14`),
    /// or `nil` when only a label is known.
    public var isoString: String? {
        year.map { Self.format(year: $0, month: month, day: day) }
    }

    /// The same date without its label.
    public var withoutLabel: PartialDate {
        guard let year else { return self }
        return try! PartialDate(year: year, month: month, day: day)
    }

    /// Compares two dates at the precision both know.
    ///
    /// `2019` and `2019-03` are the same at year precision, so neither is before the other;
    /// `2019-03-14` is after `2019-03-10`. Returns `nil` when either date is only a label.
    public func compare(atCommonPrecision other: PartialDate) -> ComparisonResult? {
        guard let a = year, let b = other.year else { return nil }
        if a != b { return a < b ? .before : .after }
        guard let m1 = month, let m2 = other.month else { return .same }
        if m1 != m2 { return m1 < m2 ? .before : .after }
        guard let d1 = day, let d2 = other.day else { return .same }
        if d1 != d2 { return d1 < d2 ? .before : .after }
        return .same
    }

    /// The result of ``compare(atCommonPrecision:)``.
    public enum ComparisonResult: Sendable { case before, same, after }

    /// A key that sorts dates chronologically as plain text: a year sorts before the months
    /// of that year, which sort before their days; label-only dates sort last.
    public var sortKey: String { isoString ?? "~" }

    static func format(year: Int, month: Int?, day: Int?) -> String {
        if (0...9999).contains(year), month != nil || day == nil, (month ?? 1) >= 0, (month ?? 1) < 100, (day ?? 1) >= 0, (day ?? 1) < 100 {
            // Written as bytes: at most ten, a small string, no allocation. Every export and
            // every ordering of a portfolio makes these.
            return String(unsafeUninitializedCapacity: 10) { bytes in
                func digits(_ value: Int, _ count: Int, at start: Int) {
                    var value = value
                    for position in stride(from: start + count - 1, through: start, by: -1) {
                        bytes[position] = UInt8(ascii: "0") + UInt8(value % 10)
                        value /= 10
                    }
                }
                digits(year, 4, at: 0)
                guard let month else { return 4 }
                bytes[4] = UInt8(ascii: "-")
                digits(month, 2, at: 5)
                guard let day else { return 7 }
                bytes[7] = UInt8(ascii: "-")
                digits(day, 2, at: 8)
                return 10
            }
        }
        var text = String(year)
        while text.count < 4 { text = "0" + text }
        if let month { text += month < 10 ? "-0\(month)" : "-\(month)" }
        if let day { text += day < 10 ? "-0\(day)" : "-\(day)" }
        return text
    }

    /// The number of days in a month, leap years included.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension PartialDate: Comparable {
    /// Chronological order; at equal prefixes the less precise date sorts first, and
    /// label-only dates sort after every dated one (by label).
    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        if lhs.sortKey != rhs.sortKey { return lhs.sortKey < rhs.sortKey }
        return (lhs.label ?? "") < (rhs.label ?? "")
    }
}

extension PartialDate: CustomStringConvertible {
    /// The ISO form, followed by the label in parentheses when there is one.
    public var description: String {
        switch (isoString, label) {
        case let (iso?, label?): "\(iso) (\(label))"
        case let (iso?, nil): iso
        case let (nil, label?): label
        case (nil, nil): ""
        }
    }
}

extension PartialDate: Codable {
    private enum CodingKeys: String, CodingKey { case date, label }

    /// Decodes `"2019-03"` or `{"date": "2019-03", "label": "spring 2019"}` (either key may
    /// be missing, but not both).
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            self = try Self.decoding(date: text, label: nil, codingPath: decoder.codingPath)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let date = try container.decodeIfPresent(String.self, forKey: .date)
        let label = try container.decodeIfPresent(String.self, forKey: .label)
        self = try Self.decoding(date: date, label: label, codingPath: decoder.codingPath)
    }

    private static func decoding(date: String?, label: String?, codingPath: [any CodingKey]) throws -> PartialDate {
        do {
            if let date { return try PartialDate(date, label: label) }
            return try PartialDate(label: label ?? "")
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: error.description))
        }
    }

    /// Encodes a plain string when there is no label, an object otherwise.
    public func encode(to encoder: any Encoder) throws {
        if label == nil, let isoString {
            var single = encoder.singleValueContainer()
            try single.encode(isoString)
            return
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(isoString, forKey: .date)
        try container.encodeIfPresent(label, forKey: .label)
    }
}

/// Why a text is not a ``PartialDate``.
public struct PartialDateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rule a date breaks.
    public enum Reason: Sendable, Hashable {
        case malformed
        case yearOutOfRange
        case monthOutOfRange
        case dayWithoutMonth
        case dayOutOfRange(month: Int, year: Int, daysInMonth: Int)
    }

    /// The offending text, as given.
    public let text: String
    public let reason: Reason

    public var description: String {
        switch reason {
        case .malformed:
            "'\(text)' is not a date"
        case .yearOutOfRange:
            "'\(text)' has a year outside 1000–9999"
        case .monthOutOfRange:
            "'\(text)' has a month outside 01–12"
        case .dayWithoutMonth:
            "'\(text)' has a day but no month"
        case .dayOutOfRange(let month, let year, let days):
            "'\(text)' does not exist: \(Self.monthNames[month - 1]) \(year) has \(days) days"
        }
    }

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December"]

    /// How to write a date that is accepted.
    public var hint: String {
        switch reason {
        case .dayOutOfRange:
            "check the day, or give only the month (YYYY-MM) if the day is not known"
        default:
            "write a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024-03"
        }
    }
}
