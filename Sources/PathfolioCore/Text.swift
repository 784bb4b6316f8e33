import Foundation

/// Text normalization applied to everything a user writes, on the way in.
///
/// Text is stored in Unicode NFC: Korean typed on macOS arrives decomposed (ᄒ + ᅡ + ᆫ),
/// and without normalization the same word would be stored, searched and exported as
/// different bytes.
extension String {
    /// This text in Unicode Normalization Form C.
    public var nfc: String {
        // Pure ASCII is already NFC; skip Foundation for the common case.
        if utf8.allSatisfy({ $0 < 0x80 }) { return self }
        // So is text of scalars below the combining marks (U+0300) and precomposed Hangul
        // syllables: nothing there decomposes, reorders or composes with a neighbour.
        // Most Korean text is only these.
        if unicodeScalars.allSatisfy({ $0.value < 0x300 || (0xAC00...0xD7A3).contains($0.value) }) { return self }
        return precomposedStringWithCanonicalMapping
    }

    /// A one-line field: NFC, surrounding whitespace removed, inner line breaks and tabs
    /// turned into single spaces.
    public var normalizedLine: String {
        let text = nfc
        guard text.unicodeScalars.contains(where: { $0.properties.isWhitespace && $0 != " " }) else {
            return text.trimmingWhitespace
        }
        return text.split(whereSeparator: { $0.isNewline || $0 == "\t" })
            .map { $0.trimmingWhitespace }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    /// A multi-line field: NFC, line endings as `\n`, trailing whitespace removed from each
    /// line, and blank lines at the start and end dropped.
    public var normalizedText: String {
        var text = nfc
        // Foundation's replacing is slow; most text has no carriage return to replace.
        if text.utf8.contains(13) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        var lines = text
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line -> String in
                var line = Substring(line)
                while let last = line.last, last.isWhitespace { line = line.dropLast() }
                return String(line)
            }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// `nil` when the text is empty.
    public var nilIfEmpty: String? { isEmpty ? nil : self }

    /// The text without leading and trailing white space and line breaks.
    public var trimmingWhitespace: String { Substring(self).trimmingWhitespace }
}

extension Substring {
    /// The text without leading and trailing white space and line breaks.
    public var trimmingWhitespace: String {
        var slice = self
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}

extension Character {
    /// `0` through `9` only (not other scripts' digits).
    public var isASCIIDigit: Bool { ("0"..."9").contains(self) && unicodeScalars.count == 1 }
}

extension Array where Element == String {
    /// Each element as a one-line field, without empties and without repeats
    /// (first occurrence kept, compared after normalization).
    public var normalizedUniqueLines: [String] {
        var seen = Set<String>()
        var result: [String] = []
        for item in self {
            let line = item.normalizedLine
            if !line.isEmpty, seen.insert(line).inserted { result.append(line) }
        }
        return result
    }
}
