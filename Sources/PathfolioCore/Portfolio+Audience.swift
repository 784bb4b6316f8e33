extension Portfolio {
    /// The part of this portfolio an audience may see.
    ///
    /// Experiences, reflections and personal details are kept only when their visibility
    /// allows it; links only when both ends are kept; organizations only when a kept
    /// experience names them. A name the audience may not see is replaced by the person's
    /// short ID. Caseload tags are for the person and their counselor only.
    public func visible(to audience: Audience) -> Portfolio {
        guard audience != .self else { return self }
        var copy = self
        if !person.nameVisibility.isVisible(to: audience) {
            copy.person.name = Portfolio.anonymousName(for: person.id)
        }
        copy.person.details = person.details.filter { $0.visibility.isVisible(to: audience) }
        if audience == .public { copy.person.tags = [] }
        copy.experiences = experiences.filter { $0.visibility.isVisible(to: audience) }
        copy.keepOnlyWhatExperiencesReach()
        copy.reflections = copy.reflections.filter { $0.visibility.isVisible(to: audience) }
        return copy
    }

    /// A blind-hiring profile (블라인드 채용): no name (the short ID instead), no birth date,
    /// contact details, address, photo, nationality or gender, no caseload tags, and no
    /// school names on education entries.
    public func blinded() -> Portfolio {
        var copy = self
        copy.person.name = Portfolio.anonymousName(for: person.id)
        copy.person.details = person.details.filter { !$0.kind.isIdentifying }
        copy.person.tags = []
        for index in copy.experiences.indices where copy.experiences[index].kind == .education {
            copy.experiences[index].organizationID = nil
            copy.experiences[index].location = nil
        }
        copy.keepOnlyWhatExperiencesReach()
        return copy
    }

    /// The name shown where the real one may not be: `Candidate 3f9a1c2e`.
    public static func anonymousName(for id: PersonID) -> String { "Candidate \(id.short)" }

    /// Drops organizations, links and reflections no kept experience reaches.
    mutating func keepOnlyWhatExperiencesReach() {
        let kept = Set(experiences.map(\.id))
        let usedOrganizations = Set(experiences.compactMap(\.organizationID))
        organizations = organizations.filter { usedOrganizations.contains($0.id) }
        links = links.filter { kept.contains($0.from) && kept.contains($0.to) }
        reflections = reflections.filter { kept.contains($0.experienceID) }
    }
}

extension Portfolio {
    /// The same portfolio with only the experiences `keep` accepts, and only the
    /// organizations, links and reflections those experiences reach.
    public func keepingExperiences(_ keep: (Experience) -> Bool) -> Portfolio {
        var copy = self
        copy.experiences = experiences.filter(keep)
        copy.keepOnlyWhatExperiencesReach()
        return copy
    }
}

extension Experience {
    /// Whether the experience was still going on at or after a date: it has no end (and has
    /// begun or is ongoing), or it ends no earlier than `date` at the precision both know.
    public func isGoingOn(atOrAfter date: PartialDate) -> Bool {
        switch period.end {
        case .ongoing?: return true
        case .date(let end)?: return end.compare(atCommonPrecision: date).map { $0 != .before } ?? true
        case nil: return period.start != nil || status == .ongoing || status == .planned
        }
    }
}
