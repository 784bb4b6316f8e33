import Foundation
import Synchronization
import PathfolioCore
import PathfolioStore

/// Printing for people (aligned columns that count Hangul as two cells, optional colour)
/// and for programs (`--json`).
enum Output {
    /// "1 person", "2 people", "1 revision", "3 revisions".
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
    }

    /// Whether standard output is a terminal that takes colour (`NO_COLOR` turns it off).
    static let styled: Bool = {
        isatty(STDOUT_FILENO) == 1 && Environment.value("NO_COLOR") == nil && Environment.value("TERM") != "dumb"
    }()

    static func bold(_ text: String) -> String { styled ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    static func dim(_ text: String) -> String { styled ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    static func id(_ text: String) -> String { styled ? "\u{1B}[33m\(text)\u{1B}[0m" : text }

    /// Prints a value as pretty JSON with sorted keys: what `JSONEncoder` with
    /// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` and `.iso8601` dates writes,
    /// byte for byte, without its cost (half of `path --json` on a long walk).
    static func json<T: Encodable>(_ value: T) throws {
        var bytes = try jsonEncoder.encode(value)
        bytes.append(UInt8(ascii: "\n"))
        try jsonWritten(bytes.withUnsafeBytes { writeAll($0, to: STDOUT_FILENO) })
    }

    /// ``json(_:)`` of a value that writes itself (a walk's steps): written out a mebibyte
    /// at a time as it is made, with no value tree and never the whole text in memory.
    static func json<T: JSONStreamable>(_ value: T) throws {
        var failure: Int32?
        try jsonEncoder.write(value) { bytes in
            guard failure == nil else { return }
            failure = writeAll(bytes, to: STDOUT_FILENO)
        }
        if failure == nil { failure = [UInt8(ascii: "\n")].withUnsafeBytes { writeAll($0, to: STDOUT_FILENO) } }
        try jsonWritten(failure)
    }

    /// JSON that could not all be written: a closed pipe ends the output quietly (the
    /// reader took what it wanted), anything else (a full disk) is an I/O error (exit 74),
    /// so that a program reading the JSON does not take a cut text for the whole.
    private static func jsonWritten(_ failure: Int32?) throws {
        guard let failure, failure != EPIPE else { return }
        throw Failure(.io, "the JSON could not be written to standard output (\(String(cString: strerror(failure))))",
                      hint: "check the disk, or the program the output goes to")
    }

    /// Writes bytes to standard output after what `print` wrote before. A failed write (a
    /// full disk) is remembered and reported by ``finishStandardOutput()`` when the command
    /// is done, as one of `print`'s is; `FileHandle.write` would stop the program.
    static func writeStandardOutput(_ bytes: [UInt8]) {
        if let code = bytes.withUnsafeBytes({ writeAll($0, to: STDOUT_FILENO) }) {
            failedWrite.withLock { $0 = $0 ?? code }
        }
    }

    /// C's `stdout`, which `print` writes through; Swift 6 refuses a reference to the C global
    /// itself (shared mutable state), so it is looked up by name. `nil` flushes every stream.
    private static var standardOutputStream: UnsafeMutablePointer<FILE>? {
        dlsym(dlopen(nil, RTLD_NOW), "stdout")?.assumingMemoryBound(to: UnsafeMutablePointer<FILE>?.self).pointee
    }

    /// Ends a command that has printed all it prints, as `main` would after it returned
    /// (standard output flushed, a failed write still exit 74), with the ledger closed, and
    /// nothing it read taken apart: the process ends with 0 while `values` and the ledger's
    /// objects are still held. Taking them apart is work for nothing in a process about to
    /// end (as `clang -disable-free` skips it): for `list` of 1,000 experiences, 3.0M of its
    /// 54M instructions, a million of them GRDB's queue unregistering from a notification
    /// centre it never registered with (BENCHMARKS.md, sixteenth round).
    static func finish(closing ledger: Ledger, keeping values: Any...) throws -> Never {
        try finishStandardOutput()
        try ledger.close()
        withExtendedLifetime((ledger, values)) { exit(0) }
    }

    /// The `errno` of the first write to standard output that failed.
    private static let failedWrite = Mutex<Int32?>(nil)

    /// Sends out what `print` holds and fails (exit 74) when any of the command's output could
    /// not be written (`> /dev/full`, a full disk): a listing cut short must not end with 0.
    static func finishStandardOutput() throws {
        let stream = standardOutputStream
        let flushing: Int32? = fflush(stream) == 0 ? nil : errno
        let earlier = failedWrite.withLock { $0 }
        guard flushing != nil || earlier != nil || stream.map({ ferror($0) != 0 }) == true else { return }
        let code = [earlier, flushing].compactMap { $0 }.first { $0 != 0 }
        throw Failure(.io, "the output could not be written to standard output\(code.map { " (\(String(cString: strerror($0))))" } ?? "")",
                      hint: "check the disk, or the program the output goes to")
    }

    /// Writes an export to standard output. A write that fails is an I/O error (exit 74)
    /// that says why: the export is incomplete, and FileHandle's own error named neither.
    static func exportToStandardOutput(_ data: Data) throws {
        if let code = data.withUnsafeBytes({ writeAll($0, to: STDOUT_FILENO) }) {
            throw Failure(.io, "the export could not be written to standard output (\(String(cString: strerror(code))))",
                          hint: "check the disk, or the program the output goes to")
        }
    }

    /// Writes all of `buffer` to a file descriptor after what `print` wrote before; `errno`
    /// of a write that failed, `nil` when all was written.
    static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        fflush(nil)  // what `print` wrote before goes out first
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else {
                return written < 0 ? errno : EIO
            }
        }
        return nil
    }

    /// A record as people read it, `experience 3f9a1c2e`: its ID as the user can type it back
    /// (``Ledger/Transaction/typedID(_:)``: whole in `experience 2024exp-training` beside
    /// `2024exp-placement`).
    static func record(_ record: RecordReference, in tx: Ledger.Transaction) -> String {
        "\(record.entity.rawValue) \(tx.typedID(record.id))"
    }

    /// What every `--json` (and `--loss-report json`) is written with.
    static let jsonEncoder = FastJSONEncoder(prettyPrinted: true, dates: .iso8601)

    /// Rows as columns padded to the widest cell, the last column unpadded.
    /// Prints warnings on standard error, each as `where: warning: what` and its hint: said
    /// after the command's own line, and kept off standard output (`--json`, `--quiet`).
    static func warn(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        var stderr = StandardError()
        for diagnostic in diagnostics { print(diagnostic.description, to: &stderr) }
    }

    static func table(_ rows: [[String]], gap: String = "  ") -> String {
        String(decoding: tableBytes(rows, gap: gap), as: UTF8.self)
    }

    /// Prints ``table(_:gap:)`` and a new line: the bytes go out as made (`list` prints
    /// thousands of lines; making a `String` of them checks them all again).
    static func printTable(_ rows: [[String]], gap: String = "  ") {
        var bytes = tableBytes(rows, gap: gap)
        bytes.append(UInt8(ascii: "\n"))
        writeStandardOutput(bytes)
    }

    private static func tableBytes(_ rows: [[String]], gap: String) -> [UInt8] {
        var count = 0
        for row in rows { count = max(count, row.count) }
        guard count > 0 else { return [] }
        var rows = rows
        for row in rows.indices {  // cells hold others' text; the few that need it are cleaned
            for cell in rows[row].indices where TerminalText.needsCleaning(rows[row][cell]) {
                rows[row][cell] = TerminalText.clean(rows[row][cell])
            }
        }
        // The widths of the cells of every column but the table's last, which is never
        // padded (in `list`, the titles: the longest cells), row after row in one array
        // (an array a row cost an allocation each), each cell's measured once (it walks the text).
        var cellWidths: [Int] = []
        cellWidths.reserveCapacity(rows.count * (count - 1))
        var widths = Array(repeating: 0, count: count - 1)
        var size = 0
        for row in rows {
            for index in row.indices {
                size += row[index].utf8.count
                guard index < count - 1 else { continue }
                let width = row[index].visibleWidth
                cellWidths.append(width)
                widths[index] = max(widths[index], width)
            }
        }
        // Written as bytes: `list` prints a line for each of thousands of experiences.
        var text: [UInt8] = []
        text.reserveCapacity(size + rows.count * (widths.reduce(0, +) + gap.utf8.count * (count - 1) + 1))
        let gap = Array(gap.utf8)
        var measured = 0  // the first of this row's widths in `cellWidths`
        for (number, row) in rows.enumerated() {
            if number > 0 { text.append(UInt8(ascii: "\n")) }
            let start = text.count
            for index in row.indices {
                if index > 0 { text.append(contentsOf: gap) }
                row[index].withUTF8Bytes { text.append(contentsOf: $0) }
                if index < row.count - 1 {
                    text.append(contentsOf: repeatElement(UInt8(ascii: " "), count: widths[index] - cellWidths[measured + index]))
                }
            }
            measured += min(row.count, count - 1)
            // No trailing spaces; the rare line that ends in one is trimmed character by character.
            if text.count > start, text.last == UInt8(ascii: " ") {
                let line = String(decoding: text[start...], as: UTF8.self).trimmingTrailingSpaces
                text.removeSubrange(start...)
                text.append(contentsOf: line.utf8)
            }
        }
        return text
    }
}

extension String {
    /// Terminal cells the text takes: East Asian wide characters (Hangul, CJK, most emoji)
    /// take two, combining marks none.
    var displayWidth: Int {
        withUTF8Bytes(Self.commonWidth) ?? displayWidthByCharacter
    }

    /// The cells of text of common characters only, from its UTF-8 `bytes`; `nil` for any
    /// other text, which ``displayWidthByCharacter`` counts.
    ///
    /// The common characters: printable ASCII, Latin, Hangul syllables and the dashes, arrows
    /// and bullets `list` prints. None of them joins another into one character, so they are
    /// counted one by one from the bytes, without breaking the text into characters (walking
    /// `utf8` or `unicodeScalars` generically cost 650–900 instructions a cell of `list`).
    private static func commonWidth(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var width = 0
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let value: UInt32
            // A string's UTF-8 is always well formed: a lead byte has its continuation bytes.
            switch lead {
            case 0..<0x80:
                value = UInt32(lead)
                index += 1
            case 0xC0..<0xE0:
                value = UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                index += 2
            case 0xE0..<0xF0:
                value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                index += 3
            default:
                return nil
            }
            switch value {
            case 0x20..<0x300, 0x2010...0x2027, 0x2190...0x21FF, 0x2500...0x25FF: width += 1
            case 0xAC00...0xD7A3: width += 2
            default: return nil
            }
        }
        return width
    }

    /// Calls `body` with the text's UTF-8 bytes, in place when the string has them in one
    /// piece (native strings do), else copied.
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }

    /// `displayWidth` character by character: any text.
    var displayWidthByCharacter: Int {
        var width = 0
        for character in self {
            guard let scalar = character.unicodeScalars.first else { continue }
            if character.unicodeScalars.count > 1, character.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation }) {
                width += 2
                continue
            }
            width += scalar.cellWidth
        }
        return width
    }

    /// Terminal cells the text takes once styling escapes are left out.
    var visibleWidth: Int {
        // In one pass for nearly all text: a styling escape is not a common character.
        if let width = withUTF8Bytes(Self.commonWidth) { return width }
        guard withUTF8Bytes({ $0.contains(0x1B) }) else { return displayWidthByCharacter }
        return withoutStyling.displayWidth
    }

    /// The text without its styling escapes (`ESC [`, digits and semicolons, `m`: what the
    /// regular expression `\u{1B}\[[0-9;]*m` matches), found byte by byte. On a terminal every
    /// coloured cell of `list` came here, and Foundation's regular expression (ICU's, made
    /// anew each time) was 57M of `list`'s 103M instructions (BENCHMARKS.md, twenty-first
    /// round). An escape of another kind stays, as it did.
    var withoutStyling: String {
        withUTF8Bytes { bytes in
            var kept: [UInt8] = []
            kept.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                if bytes[index] == 0x1B, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "[") {
                    var end = index + 2
                    while end < bytes.count, bytes[end] == UInt8(ascii: ";") || (0x30...0x39).contains(bytes[end]) { end += 1 }
                    if end < bytes.count, bytes[end] == UInt8(ascii: "m") {
                        index = end + 1
                        continue
                    }
                }
                kept.append(bytes[index])
                index += 1
            }
            return String(decoding: kept, as: UTF8.self)
        }
    }

    /// The text followed by spaces up to `width` cells (styling escapes take no cells).
    func padded(to width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - visibleWidth))
    }

    /// The text cut to at most `width` cells, ending in `…` when cut.
    func truncated(to width: Int) -> String {
        guard displayWidth > width, width > 1 else { return self }
        var result = ""
        var used = 0
        for character in self {
            let cells = String(character).displayWidth
            if used + cells > width - 1 { break }
            result.append(character)
            used += cells
        }
        return result + "…"
    }

    var trimmingTrailingSpaces: String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}

extension Unicode.Scalar {
    var cellWidth: Int {
        let v = value
        // Below the combining marks nothing is zero-width or wide; Hangul syllables are wide.
        // Both are answered without looking up the general category.
        if v < 0x300 { return 1 }
        if (0xAC00...0xD7A3).contains(v) { return 2 }
        if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark
            || (0x1160...0x11FF).contains(v) || v == 0x200B || v == 0x200D || (0xFE00...0xFE0F).contains(v) {
            return 0
        }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }
}

/// How experiences read in the terminal.
enum Describe {
    /// `2024-03 – 2024-08`, `2024-03 – present`, `2024-03`, or `—`.
    static func period(_ period: Period) -> String {
        let start = period.start.map(date)
        let end: String? = switch period.end {
        case .ongoing?: "present"
        case .date(let value)?: date(value)
        case nil: nil
        }
        switch (start, end) {
        case let (start?, end?): return start == end ? start : "\(start) – \(end)"
        case let (start?, nil): return start
        case let (nil, end?): return "– \(end)"
        case (nil, nil): return "—"
        }
    }

    static func date(_ date: PartialDate) -> String {
        date.isoString ?? date.label ?? "?"
    }

    /// Whether `person` carries one of `tags` (any letter case); everyone when there are none.
    static func isTagged(_ person: Person, anyOf tags: [String]) -> Bool {
        tags.isEmpty || person.tags.contains { tag in tags.contains { $0.normalizedLine.lowercased() == tag.lowercased() } }
    }

    /// People's names as a column shows them: a name two people share (김민준 is common) with
    /// each one's short ID after it, `김민준 (64ead747)`, so that their rows can be told apart.
    static func distinctNames(_ names: [PersonID: String]) -> [PersonID: String] {
        var counts: [String: Int] = [:]
        for name in names.values { counts[name.lowercased(), default: 0] += 1 }
        guard counts.values.contains(where: { $0 > 1 }) else { return names }
        return names.reduce(into: [:]) { shown, entry in
            shown[entry.key] = counts[entry.value.lowercased()]! > 1 ? "\(entry.value) (\(entry.key.short))" : entry.value
        }
    }

    /// The title with the organization: `Data analyst · Acme`.
    static func titled(_ stored: StoredExperience) -> String {
        titled(stored.experience.title, organization: stored.organization?.name)
    }

    static func titled(_ heading: ExperienceHeading) -> String {
        titled(heading.title, organization: heading.organization)
    }

    private static func titled(_ title: String, organization: String?) -> String {
        guard let organization else { return title }
        return "\(title) · \(organization)"
    }

    /// The width of the terminal, or `nil` when output is not a terminal.
    static var terminalWidth: Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        if let columns = Environment.value("COLUMNS").flatMap(Int.init), columns > 20 { return columns }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return nil
    }
}
