extension Portfolio {
    /// Every problem with this portfolio: each record's own rules, duplicate IDs,
    /// references that do not resolve, and link rules (no self-links, no duplicates,
    /// `ledTo` and `partOf` acyclic).
    public func diagnostics() -> [Diagnostic] {
        var found = person.diagnostics()
        found += duplicates(organizations.map(\.id.rawValue), entity: "organization")
        found += duplicates(experiences.map(\.id.rawValue), entity: "experience")
        found += duplicates(reflections.map(\.id.rawValue), entity: "reflection")
        for organization in organizations { found += organization.diagnostics() }

        let organizationIDs = Set(organizations.map(\.id))
        for experience in experiences {
            found += experience.diagnostics()
            if let org = experience.organizationID, !organizationIDs.contains(org) {
                found.append(.error("reference.unresolved", "organization '\(org)' does not exist",
                                    hint: "add the organization, or remove the reference",
                                    at: .record("experience", experience.id.rawValue, field: "organizationID")))
            }
        }
        let experienceIDs = Set(experiences.map(\.id))
        for reflection in reflections {
            found += reflection.diagnostics()
            if !experienceIDs.contains(reflection.experienceID) {
                found.append(.error("reference.unresolved", "experience '\(reflection.experienceID)' does not exist",
                                    hint: "attach the reflection to an experience of this portfolio",
                                    at: .record("reflection", reflection.id.rawValue, field: "experienceID")))
            }
        }
        found += LinkRules.diagnostics(for: links, experiences: experienceIDs)
        return found
    }

    private func duplicates(_ ids: [String], entity: String) -> [Diagnostic] {
        var seen = Set<String>(), reported = Set<String>()
        var found: [Diagnostic] = []
        for id in ids where !seen.insert(id).inserted && reported.insert(id).inserted {
            found.append(.error("id.duplicate", "the ID '\(id)' is used by more than one \(entity)",
                                hint: "give each \(entity) its own ID", at: .record(entity, id, field: "id")))
        }
        return found
    }
}

/// The rules links obey: no self-links, no duplicates, both ends known, and no cycles among
/// `ledTo` links or among `partOf` links.
public enum LinkRules {
    /// Every problem with a set of links.
    public static func diagnostics(for links: [Link], experiences: Set<ExperienceID>) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var seen = Set<String>()
        var accepted: [Link] = []
        for link in links {
            let location = Diagnostic.Location.record("link", link.key)
            var problems: [Diagnostic] = []
            for end in [link.from, link.to] where !experiences.contains(end) {
                problems.append(.error("reference.unresolved", "experience '\(end)' does not exist",
                                       hint: "link experiences of the same person, by ID", at: location))
            }
            if link.from == link.to {
                problems.append(selfLink(link, at: location))
            }
            if !seen.insert(link.key).inserted {
                problems.append(.error("link.duplicate", "the \(link.type.rawValue) link from '\(link.from)' to '\(link.to)' appears twice",
                                       hint: "keep one of them", at: location))
            }
            if problems.isEmpty, let cycle = cycle(adding: link, to: accepted) {
                problems.append(cycleDiagnostic(link, cycle: cycle, at: location))
            }
            found += problems
            if problems.isEmpty { accepted.append(link) }
        }
        return found
    }

    /// The problems with adding one link to an existing set.
    public static func diagnostics(adding link: Link, to existing: [Link]) -> [Diagnostic] {
        let location = Diagnostic.Location.record("link", link.key)
        if link.from == link.to { return [selfLink(link, at: location)] }
        if existing.contains(where: { $0.key == link.key }) {
            return [.error("link.duplicate", "\(link.from.short) already \(link.type.rawValue) \(link.to.short)",
                           hint: "the link exists; use `pathfolio unlink` first to change its note", at: location)]
        }
        if let cycle = cycle(adding: link, to: existing) {
            return [cycleDiagnostic(link, cycle: cycle, at: location)]
        }
        return []
    }

    /// The cycle that `link` would close, as the path from its target back to its source,
    /// or `nil` when the type may have cycles or none would form.
    public static func cycle(adding link: Link, to existing: [Link]) -> [ExperienceID]? {
        guard link.type.isAcyclic else { return nil }
        var next: [ExperienceID: [ExperienceID]] = [:]
        for edge in existing where edge.type == link.type { next[edge.from, default: []].append(edge.to) }
        // Breadth-first from the new link's target; reaching its source means a cycle.
        var parent: [ExperienceID: ExperienceID] = [link.to: link.to]
        var queue = [link.to]
        var index = 0
        while index < queue.count {
            let node = queue[index]
            index += 1
            if node == link.from {
                var path = [node]
                var current = node
                while current != link.to, let up = parent[current] { path.append(up); current = up }
                return path.reversed()
            }
            for target in next[node, default: []] where parent[target] == nil {
                parent[target] = node
                queue.append(target)
            }
        }
        return nil
    }

    private static func selfLink(_ link: Link, at location: Diagnostic.Location) -> Diagnostic {
        .error("link.self", "an experience cannot be linked to itself ('\(link.from)')",
               hint: "link two different experiences", at: location)
    }

    private static func cycleDiagnostic(_ link: Link, cycle: [ExperienceID], at location: Diagnostic.Location) -> Diagnostic {
        let loop = ([link.from] + cycle).map(\.short).joined(separator: " → ")
        return .error("link.cycle", "\(link.type.rawValue) links must not form a cycle: \(loop)",
                      hint: "\(link.type.rawValue) links point forward along the path; remove one link of the cycle or use relatedTo",
                      at: location)
    }
}
