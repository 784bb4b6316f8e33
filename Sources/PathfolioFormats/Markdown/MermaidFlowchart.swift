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
            lines.append("    class \(planned.joined(separator: ",")) planned")
        }
        return lines.joined(separator: "\n")
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
