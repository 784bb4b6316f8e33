import PathfolioCore

/// A picture of the path as a Mermaid `flowchart`: one node per experience, grouped by the
/// year it started (a `subgraph` per year), and one edge per link.
///
/// GitHub, GitLab and most Markdown viewers draw a fenced ```` ```mermaid ```` block. Node
/// IDs are generated (`n1`, `n2`, … in path order), never taken from user data, and every
/// label is quoted and entity-encoded (see ``label(_:)``), so any title renders.
package struct MermaidFlowchart {
    let portfolio: Portfolio
    let vocabulary: Vocabulary

    /// The flowchart source, without the code fence.
    func source() -> String {
        var document = MarkdownDocument(capacity: 1024)
        write(into: &document)
        return document.written()
    }

    /// Appends the flowchart source (no code fence) to `document`, in the block begun there.
    func write(into document: inout MarkdownDocument) {
        let experiences = portfolio.experiences
        // Node names by position; a link finds its ends' positions through the IDs.
        let position = Dictionary(experiences.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        func node(_ index: Int) -> String { "n" + String(index + 1) }
        var groups: [(key: String, title: String, members: [Int])] = []
        for (index, experience) in experiences.enumerated() {
            let year = experience.period.start?.year ?? experience.period.end?.date?.year
            let key = year.map { "y" + String($0) } ?? "undated"
            if groups.last?.key == key {
                groups[groups.count - 1].members.append(index)
            } else if let group = groups.firstIndex(where: { $0.key == key }) {
                groups[group].members.append(index)
            } else {
                groups.append((key, year.map(String.init) ?? vocabulary.undated, [index]))
            }
        }
        // Appended in place (interpolating each line, then joining the lines, cost a fifth
        // of a Markdown export's rendering).
        document += "flowchart LR"
        for group in groups {
            document += "\n    subgraph "
            document += group.key
            document += "["
            Self.label(group.title, into: &document)
            document += "]"
            for index in group.members {
                document += "\n        "
                document += node(index)
                document += "["
                nodeText(experiences[index], into: &document)
                document += "]"
            }
            document += "\n    end"
        }
        for link in portfolio.links {
            guard let from = position[link.from], let to = position[link.to] else { continue }
            document += "\n    "
            document += node(from)
            document += link.type == .ledTo ? " -->|" : " -.->|"
            Self.label(vocabulary.link(link.type), into: &document)
            document += "| "
            document += node(to)
        }
        let planned = experiences.indices.filter { experiences[$0].status == .planned }.map(node)
        if !planned.isEmpty {
            document += "\n    classDef planned stroke-dasharray: 5 5\n    class "
            document.append(planned, separator: ",")
            document += " planned"
        }
    }

    /// The label of an experience's node: title, then kind and start on a second line.
    private func nodeText(_ experience: Experience, into document: inout MarkdownDocument) {
        var second = vocabulary.kind(experience.kind)
        if let start = experience.period.start { second += " · " + vocabulary.locale.date(start) }
        if experience.status == .planned { second += " · " + vocabulary.status(.planned) }
        // A title needing nothing escaped but its line breaks is copied as it is; the two
        // lines are one label (`<br/>` between them) either way.
        if Self.isPlainLabel(experience.title), Self.isPlainLabel(second) {
            document += "\""
            Self.appendBreakingLines(experience.title, to: &document)
            document += "<br/>"
            Self.appendBreakingLines(second, to: &document)
            document += "\""
        } else {
            Self.label(experience.title + "\n" + second, into: &document)
        }
    }

    /// A quoted Mermaid label that shows `text` as written.
    ///
    /// Inside `"…"` Mermaid reads `#name;` and `#123;` as entity codes, so `"`, `#`, `<`,
    /// `>`, `&`, `` ` `` and `%` are written as decimal codes (`#34;`, `#35;`, …); a line break
    /// becomes `<br/>`. Brackets, parentheses and non-ASCII text (Korean) need no escaping
    /// inside quotes.
    ///
    /// ```
    /// label("Say \"hi\" #1")   // "\"Say #34;hi#34; #35;1\""
    /// ```
    package static func label(_ text: String) -> String {
        var document = MarkdownDocument(capacity: text.utf8.count + 16)
        label(text, into: &document)
        return document.written()
    }

    /// Appends ``label(_:)`` of `text`.
    static func label(_ text: String, into document: inout MarkdownDocument) {
        guard isPlainLabel(text) else {
            document += carefulLabel(text)
            return
        }
        document += "\""
        appendBreakingLines(text, to: &document)
        document += "\""
    }

    /// Whether a label needs nothing escaped but its `\n`: one byte scan. Another byte below
    /// 0x20 (other line breaks, tab), one of the escaped characters, or the bytes of NEL,
    /// U+2028 or U+2029 (line breaks too) takes the careful way.
    static func isPlainLabel(_ text: String) -> Bool {
        var last: UInt8 = 0, beforeLast: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case 0x00..<0x0A, 0x0B..<0x20, UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "<"), UInt8(ascii: ">"),
                 UInt8(ascii: "&"), UInt8(ascii: "`"), UInt8(ascii: "%"), UInt8(ascii: ";"), UInt8(ascii: "\\"):
                return false
            case 0x85 where last == 0xC2:  // NEL
                return false
            case 0xA8...0xA9 where last == 0x80 && beforeLast == 0xE2:  // U+2028, U+2029
                return false
            default:
                (beforeLast, last) = (last, byte)
            }
        }
        return true
    }

    /// `text` with each `\n` as `<br/>`. A `\n` always stands alone as a character (a CR
    /// before it takes the careful way), so it can be replaced as a byte.
    private static func appendBreakingLines(_ text: String, to document: inout MarkdownDocument) {
        let utf8 = text.utf8
        var start = utf8.startIndex
        while let newline = utf8[start...].firstIndex(of: 0x0A) {
            document.append(utf8: utf8[start..<newline])
            document += "<br/>"
            start = utf8.index(after: newline)
        }
        document.append(utf8: utf8[start...])
    }

    /// ``label(_:)`` a character at a time (what its shortcut must agree with; tested).
    package static func carefulLabel(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"", "#", "<", ">", "&", "`", "%", ";", "\\":
                result += "#\(character.unicodeScalars.first!.value);"
            case _ where character.isNewline:
                result += "<br/>"
            case "\t":
                result += " "
            default:
                result.append(character)
            }
        }
        return result + "\""
    }
}
