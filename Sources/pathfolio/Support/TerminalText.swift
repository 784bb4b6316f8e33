import PathfolioCore

/// Text on its way to a terminal, some of it written by others (a name or a title in an
/// imported file): a control character in it could clear the screen, set the window's
/// title or rewrite the line before it, and a bidirectional override could make a line read
/// otherwise than it is. Each such character is shown as U+FFFD instead; the styling
/// `Output` adds (bold, dim, yellow, reset) passes, and so do line breaks and tabs. The
/// ledger keeps the text as it was (an XML export names such a character at its record).
enum TerminalText {
    /// The escape sequences `Output` styles text with.
    private static let styles: [[UInt8]] = ["\u{1B}[0m", "\u{1B}[1m", "\u{1B}[2m", "\u{1B}[33m"].map { Array($0.utf8) }

    static func clean(_ text: String) -> String {
        // Most text holds none of these (a table of 1,000 experiences is 5,000 cells): its
        // UTF-8 is scanned for them first, the characters above by their exact bytes.
        guard needsCleaning(text) else { return text }
        // Byte by byte, into bytes: on a terminal every line of `path` is styled, so comes
        // here, and appending it a scalar at a time was 54M of `path`'s 140M instructions.
        return text.withUTF8Bytes { bytes in
            var cleaned: [UInt8] = []
            cleaned.reserveCapacity(bytes.count + 16)
            var index = 0
            while index < bytes.count {
                if bytes[index] == 0x1B,
                   let style = styles.first(where: { UnsafeBufferPointer(rebasing: bytes[index...]).starts(with: $0) }) {
                    cleaned.append(contentsOf: style)
                    index += style.count
                } else if let length = replacedLength(bytes, at: index) {
                    cleaned.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD
                    index += length
                } else {
                    cleaned.append(bytes[index])
                    index += 1
                }
            }
            return String(decoding: cleaned, as: UTF8.self)
        }
    }
}

extension TerminalText {
    /// The length in bytes of the character that begins at `index` of the UTF-8 `bytes`, when
    /// ``clean(_:)`` replaces it: C0 controls but tab and line break, DEL, C1 controls (C2
    /// 80–9F), and the misleading formats: U+061C (D8 9C), U+200B (E2 80 8B), U+200E–F (E2 80
    /// 8E–8F), U+202A–E (E2 80 AA–AE), U+2066–9 (E2 81 A6–A9) and U+FEFF (EF BB BF); else
    /// `nil`. A continuation byte never begins one, so the bytes can be walked one by one.
    fileprivate static func replacedLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let byte = bytes[index]
        // Printable ASCII, and the bytes of most other characters, first and fast.
        if (0x20..<0x7F).contains(byte) || byte == 0x0A || byte == 0x09 { return nil }
        if byte >= 0x80, byte != 0xC2, byte != 0xD8, byte != 0xE2, byte != 0xEF { return nil }
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
        let third = index + 2 < bytes.count ? bytes[index + 2] : 0
        switch byte {
        case 0xC2: return (0x80...0x9F).contains(next) ? 2 : nil
        case 0xD8: return next == 0x9C ? 2 : nil
        case 0xE2:
            if next == 0x80, third == 0x8B || (0x8E...0x8F).contains(third) || (0xAA...0xAE).contains(third) { return 3 }
            return next == 0x81 && (0xA6...0xA9).contains(third) ? 3 : nil
        case 0xEF: return next == 0xBB && third == 0xBF ? 3 : nil
        default: return 1  // C0 controls but tab and line break, DEL
        }
    }

    /// Whether the UTF-8 `bytes` hold a character ``clean(_:)`` replaces, or an escape.
    fileprivate static func holdsAny(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.indices.contains { replacedLength(bytes, at: $0) != nil }
    }

    /// Whether ``clean(_:)`` would change `text`.
    static func needsCleaning(_ text: String) -> Bool {
        text.withUTF8Bytes(holdsAny)
    }
}

/// `print` for people in this module: what it writes goes through ``TerminalText/clean(_:)``.
/// (Machine output, JSON and exported documents, is written as bytes, not through here.)
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(TerminalText.clean(items.map { "\($0)" }.joined(separator: separator)), terminator: terminator)
}
