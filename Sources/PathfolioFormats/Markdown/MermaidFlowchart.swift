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
        let experiences = portfolio.experiences
        let node = Dictionary(experiences.enumerated().map { ($1.id, "n\($0 + 1)") }, uniquingKeysWith: { a, _ in a })
        var lines = ["flowchart LR"]
        var groups: [(key: String, title: String, members: [Experience])] = []
        for experience in experiences {
            let year = experience.period.start?.year ?? experience.period.end?.date?.year
            let key = year.map { "y\($0)" } ?? "undated"
            if groups.last?.key == key {
                groups[groups.count - 1].members.append(experience)
            } else if let index = groups.firstIndex(where: { $0.key == key }) {
                groups[index].members.append(experience)
            } else {
                groups.append((key, year.map(String.init) ?? vocabulary.undated, [experience]))
            }
        }
        for group in groups {
            lines.append("    subgraph \(group.key)[\(Self.label(group.title))]")
            for experience in group.members {
                lines.append("        \(node[experience.id]!)[\(Self.label(nodeText(experience)))]")
            }
            lines.append("    end")
        }
        for link in portfolio.links {
            guard let from = node[link.from], let to = node[link.to] else { continue }
            let arrow = link.type == .ledTo ? "-->" : "-.->"
            lines.append("    \(from) \(arrow)|\(Self.label(vocabulary.link(link.type)))| \(to)")
        }
        let planned = experiences.filter { $0.status == .planned }.compactMap { node[$0.id] }
        if !planned.isEmpty {
            lines.append("    classDef planned stroke-dasharray: 5 5")
            lines.append("    class \(planned.utf8Joined(separator: ",")) planned")
        }
        return lines.utf8Joined(separator: "\n")
    }

    /// Title, then kind and start on a second line.
    private func nodeText(_ experience: Experience) -> String {
        var second = vocabulary.kind(experience.kind)
        if let start = experience.period.start { second += " · " + vocabulary.locale.date(start) }
        if experience.status == .planned { second += " · " + vocabulary.status(.planned) }
        return experience.title + "\n" + second
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
        // Most labels need nothing escaped but their `\n`: one byte scan. Another byte below
        // 0x20 (other line breaks, tab), one of the escaped characters, or the bytes of NEL,
        // U+2028 or U+2029 (line breaks too) takes the careful way. A `\n` always stands alone
        // as a character, so it can be replaced as a byte.
        let utf8 = text.utf8
        var last: UInt8 = 0, beforeLast: UInt8 = 0
        for byte in utf8 {
            switch byte {
            case 0x00..<0x0A, 0x0B..<0x20, UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "<"), UInt8(ascii: ">"),
                 UInt8(ascii: "&"), UInt8(ascii: "`"), UInt8(ascii: "%"), UInt8(ascii: ";"), UInt8(ascii: "\\"):
                return carefulLabel(text)
            case 0x85 where last == 0xC2:  // NEL
                return carefulLabel(text)
            case 0xA8...0xA9 where last == 0x80 && beforeLast == 0xE2:  // U+2028, U+2029
                return carefulLabel(text)
            default:
                (beforeLast, last) = (last, byte)
            }
        }
        var result = "\""
        var start = utf8.startIndex
        while let newline = utf8[start...].firstIndex(of: 0x0A) {
            result += text[start..<newline]
            result += "<br/>"
            start = utf8.index(after: newline)
        }
        result += text[start...]
        return result + "\""
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
