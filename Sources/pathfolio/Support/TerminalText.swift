/// Text on its way to a terminal, some of it written by others (a name or a title in an
/// imported file): a control character in it could clear the screen, set the window's
/// title or rewrite the line before it, and a bidirectional override could make a line read
/// otherwise than it is. Each such character is shown as U+FFFD instead; the styling
/// `Output` adds (bold, dim, yellow, reset) passes, and so do line breaks and tabs. The
/// ledger keeps the text as it was (an XML export names such a character at its record).
enum TerminalText {
    /// The escape sequences `Output` styles text with.
    private static let styles: [[UInt8]] = ["\u{1B}[0m", "\u{1B}[1m", "\u{1B}[2m", "\u{1B}[33m"].map { Array($0.utf8) }

    /// The invisible characters that reorder or hide what a line shows: the bidirectional
    /// marks, embeddings, overrides and isolates, and zero-width no-break space.
    private static let misleading: Set<UInt32> = Set([0x061C, 0x200E, 0x200F, 0xFEFF])
        .union(0x202A...0x202E).union(0x2066...0x2069)

    static func clean(_ text: String) -> String {
        // Most text holds none of these: a scan of its bytes for C0 controls but tab and line
        // break, DEL, and the lead bytes of C1 controls and the characters above.
        let suspect = text.withUTF8Bytes { bytes in
            bytes.contains { byte in
                (byte < 0x20 && byte != 0x0A && byte != 0x09) || byte == 0x7F || byte == 0xC2 || byte == 0xD8
                    || byte == 0xE2 || byte == 0xEF
            }
        }
        guard suspect else { return text }
        var cleaned = String.UnicodeScalarView()
        let bytes = Array(text.utf8)
        var offset = 0  // of the current scalar in `bytes`
        var skip = 0  // scalars of a style sequence still to copy
        for scalar in text.unicodeScalars {
            defer { offset += UTF8.width(scalar) }
            if skip > 0 {
                skip -= 1
                cleaned.append(scalar)
                continue
            }
            let value = scalar.value
            if value == 0x1B, let style = styles.first(where: { bytes[offset...].starts(with: $0) }) {
                skip = style.count - 1  // all ASCII
                cleaned.append(scalar)
            } else if (value < 0x20 && value != 0x0A && value != 0x09) || (0x7F...0x9F).contains(value) || misleading.contains(value) {
                cleaned.append("\u{FFFD}")
            } else {
                cleaned.append(scalar)
            }
        }
        return String(cleaned)
    }
}

/// `print` for people in this module: what it writes goes through ``TerminalText/clean(_:)``.
/// (Machine output, JSON and exported documents, is written as bytes, not through here.)
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(TerminalText.clean(items.map { "\($0)" }.joined(separator: separator)), terminator: terminator)
}
