extension Portfolio {
    /// The same problems as ``diagnostics()``, found in linear time when the links are
    /// sound: for bulk imports of tens of thousands of experiences, where checking each
    /// link for a cycle separately would take quadratic time. The detailed (slower) link
    /// check runs only when the quick one finds a problem.
    public func bulkDiagnostics() -> [Diagnostic] {
        var withoutLinks = self
        withoutLinks.links = []
        var found = withoutLinks.diagnostics()
        let ids = Set(experiences.map(\.id))
        if !LinkRules.areSound(links, experiences: ids) {
            found += LinkRules.diagnostics(for: links, experiences: ids)
        }
        return found
    }
}

extension LinkRules {
    /// Whether a set of links breaks no rule (both ends known, no self-links, no
    /// duplicates, `ledTo` and `partOf` acyclic), in linear time (Kahn's algorithm per type).
    public static func areSound(_ links: [Link], experiences: Set<ExperienceID>) -> Bool {
        var keys = Set<String>()
        var edges: [LinkType: [(ExperienceID, ExperienceID)]] = [:]
        for link in links {
            guard experiences.contains(link.from), experiences.contains(link.to), link.from != link.to,
                  keys.insert(link.key).inserted else { return false }
            if link.type.isAcyclic { edges[link.type, default: []].append((link.from, link.to)) }
        }
        for (_, pairs) in edges {
            var incoming: [ExperienceID: Int] = [:]
            var next: [ExperienceID: [ExperienceID]] = [:]
            for (from, to) in pairs {
                incoming[to, default: 0] += 1
                incoming[from, default: 0] += 0
                next[from, default: []].append(to)
            }
            var ready = incoming.filter { $0.value == 0 }.map(\.key)
            var visited = 0
            while let node = ready.popLast() {
                visited += 1
                for target in next[node, default: []] {
                    incoming[target]! -= 1
                    if incoming[target] == 0 { ready.append(target) }
                }
            }
            if visited != incoming.count { return false }
        }
        return true
    }
}
