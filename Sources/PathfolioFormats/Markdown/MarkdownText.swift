import PathfolioCore

/// Turning user text into CommonMark that shows the text exactly as written.
///
/// Everything a person typed is data, never markup: a title such as `*C# & <Rust>*` must
/// not become emphasis, an HTML tag or a heading, and an answer that starts with `# ` must
/// not add a heading to the document.
package enum MarkdownText {
    /// One line of user text as inline CommonMark: ASCII punctuation that can start markup
    /// anywhere in a line (CommonMark and GFM: emphasis, code, links and images through `[`,
    /// raw HTML, entities, tables, strikethrough, headings) backslash-escaped, line breaks and
    /// tabs turned into single spaces.
    package static func inline(_ text: String) -> String {
        // Most text has nothing to escape or fold: one pass over its bytes, and it is
        // returned as it is instead of being rebuilt a scalar at a time.
        if !needsInlineRewrite(text) { return text }
        return inlineEscapingEachScalar(text)
    }

    /// ``inline(_:)`` without its shortcut: every scalar looked at.
    package static func inlineEscapingEachScalar(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~", "&":
                result.append("\\")
                result.append(scalar)
            case "\n", "\r", "\t", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                if result.last != " " { result.append(" ") }
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Whether ``inline(_:)`` would change the text: one of its ASCII special characters, a
    /// control character (line breaks and tabs among them), or U+0085, U+2028 or U+2029.
    private static func needsInlineRewrite(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            // The special ASCII bytes as two 64-bit masks, read once (a table lookup per byte,
            // through a global, was most of the cost).
            let low = inlineSpecialLow, high = inlineSpecialHigh
            var previous: UInt8 = 0, beforePrevious: UInt8 = 0
            for byte in bytes {
                if byte < 0x40 {
                    if byte < 0x20 || low & (1 << UInt64(byte)) != 0 { return true }
                } else if byte < 0x80 {
                    if high & (1 << UInt64(byte - 0x40)) != 0 { return true }
                } else {
                    if previous == 0xC2, byte == 0x85 { return true }                                          // U+0085
                    if beforePrevious == 0xE2, previous == 0x80, byte == 0xA8 || byte == 0xA9 { return true }  // U+2028, U+2029
                }
                beforePrevious = previous
                previous = byte
            }
            return false
        }
    }

    /// The ASCII characters ``inline(_:)`` escapes: bytes below 0x40, then bytes 0x40–0x7F.
    private static let inlineSpecialLow = "\\`*_[]<>#|~&".utf8.reduce(UInt64(0)) { $1 < 0x40 ? $0 | 1 << UInt64($1) : $0 }
    private static let inlineSpecialHigh = "\\`*_[]<>#|~&".utf8.reduce(UInt64(0)) { $1 >= 0x40 ? $0 | 1 << UInt64($1 - 0x40) : $0 }

    /// Multi-line user text as paragraphs: blank lines separate paragraphs, single line
    /// breaks stay line breaks, and nothing at the start of a line can become a list,
    /// heading, quote, rule or code block.
    package static func block(_ text: String) -> String {
        var paragraphs: [[String]] = [[]]
        for line in text.lines {
            let trimmed = line.trimmingWhitespace
            if trimmed.isEmpty {
                if !(paragraphs.last?.isEmpty ?? true) { paragraphs.append([]) }
                continue
            }
            paragraphs[paragraphs.count - 1].append(escapingLineStart(inline(trimmed)))
        }
        return paragraphs.filter { !$0.isEmpty }
            .map { $0.utf8Joined(separator: "\\\n") }
            .utf8Joined(separator: "\n\n")
    }

    /// Escapes what would make a line a list item (`- `, `+ `, `1. `, `1) `) or a setext
    /// underline / thematic break (`=`, `-`).
    package static func escapingLineStart(_ line: String) -> String {
        // Only a line whose first byte is one of these can begin with such a character; the
        // rest (nearly every line) are known by that byte alone.
        guard let byte = line.utf8.first,
              byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "=")
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return line }
        guard let first = line.first else { return line }
        if first == "-" || first == "+" || first == "=" { return "\\" + line }
        let digits = line.prefix { $0.isASCIIDigit }
        if !digits.isEmpty, let next = line.dropFirst(digits.count).first, next == "." || next == ")" {
            return digits + "\\" + line.dropFirst(digits.count)
        }
        return line
    }

    /// A bullet list item of user text: inline text that cannot open a nested list.
    package static func item(_ text: String) -> String {
        "- " + escapingLineStart(inline(text))
    }

    /// A table cell: inline text (whose `|` is already escaped).
    package static func cell(_ text: String) -> String {
        let escaped = inline(text)
        return escaped.isEmpty ? " " : escaped
    }

    /// A GFM table; every cell is already Markdown.
    package static func table(header: [String], rows: [[String]]) -> String {
        var lines = ["| " + header.utf8Joined(separator: " | ") + " |",
                     "|" + header.map { _ in " --- " }.utf8Joined(separator: "|") + "|"]
        for row in rows { lines.append("| " + row.utf8Joined(separator: " | ") + " |") }
        return lines.utf8Joined(separator: "\n")
    }

    /// A link to a web address when the URI is `http`, `https` or `mailto` (other schemes,
    /// such as `javascript:`, and file paths are shown as text).
    package static func link(_ title: String, to uri: String) -> String {
        let linkable = ["https://", "http://", "mailto:"].contains { uri.utf8.hasASCIIPrefixIgnoringCase($0) }
        guard linkable, !mayEndLinkDestination(uri) else {
            return inline(title) + " (" + inline(uri) + ")"
        }
        return "[" + inline(title) + "](<" + uri + ">)"
    }

    /// Whether `uri` holds a character that cannot stand in a `<…>` link destination: `<`,
    /// `>`, a space or a line break. Looked for by bytes first (each of those characters has
    /// one of the bytes below), by characters only when one of the bytes is there.
    private static func mayEndLinkDestination(_ uri: String) -> Bool {
        let suspect = uri.utf8.contains { byte in
            byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: " ")
                || (0x0A...0x0D).contains(byte) || byte == 0x85 || byte == 0xA8 || byte == 0xA9  // NEL, U+2028, U+2029
        }
        return suspect && uri.contains { $0 == "<" || $0 == ">" || $0.isNewline || $0 == " " }
    }
}

extension String.UTF8View {
    /// Whether the text begins with `prefix` (ASCII), ignoring the case of ASCII letters.
    func hasASCIIPrefixIgnoringCase(_ prefix: StaticString) -> Bool {
        let wanted = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        guard count >= wanted.count else { return false }
        return zip(self, wanted).allSatisfy { byte, letter in
            byte == letter || ((0x41...0x5A).contains(byte) && byte | 0x20 == letter)
        }
    }
}
