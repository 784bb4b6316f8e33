import PathfolioCore

/// A Markdown document being written: blocks separated by a blank line, their text appended
/// as bytes to one buffer.
///
/// What the writers used to do with arrays of strings joined at each level (a table's cells
/// into rows, rows into a table, blocks into the document): each join copied and checked
/// the bytes again, and each `a + b` made a string to throw away. That was about half of a
/// Markdown export's rendering.
struct MarkdownDocument {
    private var bytes: [UInt8] = []
    private var started = false

    init(capacity: Int = 8192) {
        bytes.reserveCapacity(capacity)
    }

    /// Begins a block: a blank line after the block before (an empty block counts too).
    mutating func block() {
        if started { bytes.append(0x0A); bytes.append(0x0A) }
        started = true
    }

    /// Begins a block and writes `text` in it.
    mutating func block(_ text: String) {
        block()
        self += text
    }

    /// A heading of `level` (1–6) whose text is already Markdown.
    mutating func heading(_ level: Int, _ text: String) {
        block()
        for _ in 0..<level { bytes.append(UInt8(ascii: "#")) }
        bytes.append(UInt8(ascii: " "))
        self += text
    }

    /// Begins an item of a list that has a bold label of its own above it: the label and a
    /// new block before the first item (`first` is then cleared), a line break before the rest.
    mutating func item(under label: String, first: inout Bool) {
        guard first else {
            bytes.append(0x0A)
            return
        }
        block("**")
        self += label
        self += "**"
        block()
        first = false
    }

    static func += (document: inout MarkdownDocument, text: String) {
        document.bytes.append(contentsOf: text.utf8)
    }

    /// `pieces` with `separator` between them.
    mutating func append(_ pieces: [String], separator: String) {
        for index in pieces.indices {
            if index != pieces.startIndex { self += separator }
            self += pieces[index]
        }
    }

    /// A GFM table in a block of its own; every cell is already Markdown (see
    /// ``MarkdownText/table(header:rows:)``, whose bytes these are).
    mutating func table(header: [String], rows: [[String]]) {
        block()
        self += "| "
        append(header, separator: " | ")
        self += " |\n|"
        for index in header.indices {
            if index != header.startIndex { self += "|" }
            self += " --- "
        }
        self += "|"
        for row in rows {
            self += "\n| "
            append(row, separator: " | ")
            self += " |"
        }
    }

    /// Appends bytes that are UTF-8 already (a slice of a string's).
    mutating func append<Bytes: Sequence<UInt8>>(utf8 bytes: Bytes) {
        self.bytes.append(contentsOf: bytes)
    }

    /// The document, ending in a newline.
    consuming func text() -> String {
        String(decoding: utf8(), as: UTF8.self)
    }

    /// The document's bytes, ending in a newline: what a file gets, without making a string
    /// of them first (and checking them again).
    consuming func utf8() -> [UInt8] {
        bytes.append(0x0A)
        return bytes
    }

    /// What was written, as it is (no final newline).
    consuming func written() -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
