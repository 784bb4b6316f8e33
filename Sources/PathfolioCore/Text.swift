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
        // So is text made only of characters that never change under NFC and never combine
        // with a neighbour: Latin-1 and other letters below the combining marks, kana, CJK,
        // precomposed Hangul syllables, emoji. Typical Korean text needs no Foundation call.
        if unicodeScalars.allSatisfy(\.isStableUnderNFC) { return self }
        return precomposedStringWithCanonicalMapping
    }

    /// What names are put in order by: letter case, accents and width aside (ana, José,
    /// Ólafur, Zoë), the same on every machine (no locale's rules); compare the keys' bytes.
    public var nameOrderKey: String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return lowercased() }
        return folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// The text without U+0000, which SQLite's C strings (and so GRDB's reads and writes)
    /// end at: a stored text would be cut there on one path and not on another.
    var withoutNUL: String {
        utf8.contains(0) ? String(String.UnicodeScalarView(unicodeScalars.filter { $0 != "\u{0}" })) : self
    }

    /// A one-line field: NFC, U+0000 dropped, surrounding whitespace removed, inner line
    /// breaks and tabs turned into single spaces.
    public var normalizedLine: String {
        // Most lines have nothing to change: no white space but inner spaces, and only
        // characters NFC leaves alone (a line went through here once per record imported).
        if let first = unicodeScalars.first, let last = unicodeScalars.last, first != " ", last != " ",
           unicodeScalars.allSatisfy(\.isPlainLineCharacter) {
            return self
        }
        let text = nfc.withoutNUL
        guard text.unicodeScalars.contains(where: { $0.properties.isWhitespace && $0 != " " }) else {
            return text.trimmingWhitespace
        }
        return text.split(whereSeparator: { $0.isNewline || $0 == "\t" })
            .map { $0.trimmingWhitespace }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    /// A multi-line field: NFC, U+0000 dropped, line endings as `\n`, trailing whitespace
    /// removed from each line, and blank lines at the start and end dropped.
    public var normalizedText: String {
        // Most text has nothing to change: plain characters (see `normalizedLine`) and line
        // breaks, no line ending in a space, no blank line first or last.
        var previous: Unicode.Scalar?
        var plain = true
        for scalar in unicodeScalars {
            if scalar == "\n" {
                if previous == nil || previous == " " { plain = false; break }
            } else if !scalar.isPlainLineCharacter {
                plain = false
                break
            }
            previous = scalar
        }
        if plain, let previous, previous != " ", previous != "\n" { return self }
        var text = nfc.withoutNUL
        // Foundation's replacing is slow; most text has no carriage return to replace.
        if text.utf8.contains(13) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        var lines = text.lines
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

    /// The text without terminal control sequences (ESC `[` … final byte, ESC `]` … BEL or
    /// ESC `\`, ESC and one character), other control characters but tab and line breaks,
    /// and the invisible characters that can make a line read otherwise than it is (the
    /// bidirectional marks, embeddings, overrides and isolates, zero-width space, BOM).
    /// Zero-width joiners and non-joiners stay: emoji and Persian need them.
    package var withoutControlSequences: String {
        var kept = String.UnicodeScalarView()
        var scalars = unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\u{1B}" {
                switch scalars.popFirst() {
                case "["?:  // CSI: parameters and intermediates up to a final byte @…~
                    while let next = scalars.popFirst(), !(0x40...0x7E).contains(next.value) {}
                case "]"?:  // OSC: up to BEL or ST (ESC \)
                    while let next = scalars.popFirst() {
                        if next == "\u{7}" { break }
                        if next == "\u{1B}" { _ = scalars.popFirst(); break }
                    }
                default:
                    break
                }
                continue
            }
            let category = scalar.properties.generalCategory
            if category == .control, scalar != "\t", scalar != "\n", scalar != "\r" { continue }
            if scalar.isMisleadingFormat { continue }
            kept.append(scalar)
        }
        return String(kept)
    }

    /// The text's lines: what `split(separator: "\n", omittingEmptySubsequences: false)`
    /// gives, found by bytes rather than by characters (grapheme breaking cost a Markdown
    /// export tens of thousands of instructions a paragraph). A line feed is a character of
    /// its own, except right after a carriage return, where `"\r\n"` is one character and
    /// so not a line feed: that one does not split.
    package var lines: [Substring] {
        var lines: [Substring] = []
        var start = utf8.startIndex, index = utf8.startIndex
        var previous: UInt8 = 0
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") {
                lines.append(self[start..<index])
                start = utf8.index(after: index)
            }
            previous = byte
            index = utf8.index(after: index)
        }
        lines.append(self[start...])
        return lines
    }

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

extension Unicode.Scalar {
    /// A character `normalizedLine` and `normalizedText` leave as they are, inside a line: a
    /// space, or one that is stable under NFC, is not white space and never joins the character
    /// before it (the stable ranges less U+0000–U+0020 and U+007F–U+00A0, which hold the
    /// controls, U+0085 and U+00A0, and less the emoji skin tones U+1F3FB–U+1F3FF: after a
    /// space they make one character with it, which counts as white space and is trimmed).
    /// The invisible characters that can make a line read otherwise than it is: the
    /// bidirectional marks, embeddings, overrides and isolates, zero-width space and BOM.
    /// (Zero-width joiners and non-joiners are not among them: emoji and Persian need them.)
    package var isMisleadingFormat: Bool {
        switch value {
        case 0x061C, 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    var isPlainLineCharacter: Bool {
        switch value {
        case 0x20...0x7E, 0xA1..<0x300, 0x3040...0x3098, 0x309B...0x9FFF, 0xAC00...0xD7A3,
             0x1F000..<0x1F3FB, 0x1F400...0x1FAFF: true
        default: false
        }
    }

    /// Whether NFC leaves this character alone whatever surrounds it (a conservative subset).
    var isStableUnderNFC: Bool {
        switch value {
        case 0..<0x300, 0x3040...0x3098, 0x309B...0x9FFF, 0xAC00...0xD7A3, 0x1F000...0x1FAFF: true
        default: false
        }
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

extension Array where Element == String {
    /// `joined(separator:)`, made by copying bytes into one string sized up front: the
    /// standard library's grows as it goes (about ten instructions a byte, a quarter more
    /// than copying and checking the bytes once), and a Markdown export joins most of what
    /// it writes.
    package func utf8Joined(separator: String = "") -> String {
        guard count > 1 else { return first ?? "" }
        var separator = separator
        var total = separator.utf8.count * (count - 1)
        for piece in self { total += piece.utf8.count }
        return separator.withUTF8 { separatorBytes in
            String(unsafeUninitializedCapacity: total) { buffer in
                var offset = 0
                func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
                    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
                    (buffer.baseAddress! + offset).initialize(from: base, count: bytes.count)
                    offset += bytes.count
                }
                for index in indices {
                    if index > startIndex { copy(separatorBytes) }
                    var piece = self[index]
                    piece.withUTF8(copy)
                }
                return offset
            }
        }
    }
}

extension Sequence {
    /// The elements in the order of their names (``Swift/String/nameOrderKey``: case, accents
    /// and width aside), elements of one name in the order of `id`; each name folded once.
    public func sortedByName(_ name: (Element) -> String, id: (Element) -> String) -> [Element] {
        let elements = Array(self)
        let keys = elements.map { name($0).nameOrderKey }
        return elements.indices.sorted { a, b in
            keys[a] != keys[b] ? keys[a].utf8.lexicographicallyPrecedes(keys[b].utf8) : id(elements[a]) < id(elements[b])
        }.map { elements[$0] }
    }
}
