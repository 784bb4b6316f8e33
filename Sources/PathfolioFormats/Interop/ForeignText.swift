import Crypto
import Foundation
import PathfolioCore

/// Stable identifiers for records read from files that have none of ours.
///
/// The same record in the same file always gets the same ID, so importing a file twice
/// meets itself again instead of duplicating the path.
enum StableID {
    /// 32 lowercase hex digits of the SHA-256 of the parts.
    static func make<Entity>(_ parts: String...) -> Identifier<Entity> {
        Identifier(rawValue: hex(parts.joined(separator: "\u{1F}")))
    }

    static func hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).prefix(16).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// The SHA-256 of bytes as 64 lowercase hex digits.
    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}

/// Dates as other systems write them.
enum ForeignDate {
    /// A W3C date-time (`2019`, `2019-03`, `2019-03-14`, `2019-03-14T10:00:00Z`) at its own
    /// precision; a time of day is dropped. `nil` when the text is not one.
    static func w3c(_ text: String) -> PartialDate? {
        var text = text.trimmingWhitespace
        if let t = text.firstIndex(of: "T"), text.distance(from: text.startIndex, to: t) == 10 {
            text = String(text[..<t])
        }
        return try? PartialDate(text)
    }

    /// A date written for people ("March 2019", "2019년 3월", "14.3.2019", "Summer 1999"),
    /// read only when it can mean one thing. Slashed dates (`1/2/2003`) are ambiguous between
    /// day-first and month-first and are never read.
    static func label(_ text: String) -> PartialDate? {
        let text = text.trimmingWhitespace
        if let date = w3c(text) { return date }
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        // 14.3.2019 or 3.2019 (day first: the only order written with dots)
        let dotted = text.split(separator: ".", omittingEmptySubsequences: false)
        if (2...3).contains(dotted.count), dotted.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCIIDigit) }),
           dotted.last!.count == 4, let year = Int(dotted.last!) {
            let numbers = dotted.dropLast().map { Int($0)! }
            return numbers.count == 2 ? try? PartialDate(year: year, month: numbers[1], day: numbers[0])
                                      : try? PartialDate(year: year, month: numbers[0])
        }
        // 2019년 3월 (14일)
        if text.contains("년") {
            let numbers = text.split(whereSeparator: { !$0.isASCIIDigit }).compactMap { Int($0) }
            let units = text.filter { "년월일".contains($0) }
            if (1...3).contains(numbers.count), units.count == numbers.count, numbers[0] >= 1000 {
                return try? PartialDate(year: numbers[0], month: numbers.count > 1 ? numbers[1] : nil,
                                        day: numbers.count > 2 ? numbers[2] : nil)
            }
            return nil
        }
        // March 2019, 14 March 2019, March 14 2019, Summer 2019
        let seasons = ["spring", "summer", "autumn", "fall"]
        guard (2...3).contains(words.count), let last = words.last, last.count == 4, let year = Int(last) else { return nil }
        let rest = words.dropLast()
        if rest.count == 1, seasons.contains(rest[0]) { return try? PartialDate(year: year) }
        var month: Int?, day: Int?
        for word in rest {
            let word = word.trimmingCharacters(in: CharacterSet(charactersIn: "."))
            if word.first?.isASCIIDigit == true, day == nil, let number = Int(word.filter(\.isASCIIDigit)) {
                day = number
            } else if month == nil, word.count >= 3, let index = monthNames.firstIndex(where: { $0.hasPrefix(word) }) {
                month = index + 1
            } else {
                return nil
            }
        }
        guard let month else { return nil }
        return try? PartialDate(year: year, month: month, day: day)
    }

    private static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august",
                                     "september", "october", "november", "december"]
}

/// HTML and XHTML content turned into plain text.
enum HTMLText {
    /// The text of an HTML fragment: tags removed, block ends and `<br>` as line breaks,
    /// entities decoded.
    static func plain(_ html: String) -> String {
        var output = ""
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<", let close = html[index...].firstIndex(of: ">") {
                let tag = html[html.index(after: index)..<close].lowercased()
                let name = tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber })
                if ["br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "ul", "ol", "table"].contains(String(name)) {
                    if name == "li", !tag.hasPrefix("/") { output += "\n• " } else if !output.hasSuffix("\n") { output += "\n" }
                }
                index = html.index(after: close)
            } else if character == "&", let semicolon = html[index...].prefix(12).firstIndex(of: ";") {
                let entity = String(html[html.index(after: index)..<semicolon])
                if let decoded = decode(entity) {
                    output += decoded
                    index = html.index(after: semicolon)
                } else {
                    output.append(character)
                    index = html.index(after: index)
                }
            } else {
                output.append(character)
                index = html.index(after: index)
            }
        }
        return output.lines
            .map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ") }
            .joined(separator: "\n").normalizedText
            .replacingOccurrences(of: "\n\n\n", with: "\n\n")
    }

    private static func decode(_ entity: String) -> String? {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        default:
            if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let value = UInt32(entity.dropFirst(2), radix: 16),
               let scalar = Unicode.Scalar(value) { return String(Character(scalar)) }
            if entity.hasPrefix("#"), let value = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(value) {
                return String(Character(scalar))
            }
            return nil
        }
    }
}

/// SHA-256 over data that arrives in chunks.
struct StreamingSHA256 {
    private var hash = SHA256()

    mutating func update(_ data: Data) { hash.update(data: data) }

    func finalize() -> String {
        hash.finalize().map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}
