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
        // (A name already hidden keeps its label: a caseload's may show the whole ID.)
        if !person.nameVisibility.isVisible(to: audience), !Portfolio.isAnonymousName(person.name, of: person.id) {
            copy.person.name = Portfolio.anonymousName(for: person.id)
        }
        copy.person.details = person.details.filter { $0.visibility.isVisible(to: audience) }
        if audience == .public { copy.person.tags = [] }
        copy.experiences.keepOnly { $0.visibility.isVisible(to: audience) }
        copy.keepOnlyWhatExperiencesReach()
        copy.reflections.keepOnly { $0.visibility.isVisible(to: audience) }
        return copy
    }

    /// A blind-hiring profile (블라인드 채용): no name (the short ID instead), no birth date,
    /// contact details, address, photo, nationality or gender, no caseload tags, no school
    /// names on education entries, and no mentor or mentee (a mentoring's counterpart).
    ///
    /// `wholeID` labels the person with their whole ID, for a caseload in which another
    /// person's ID begins with the same 8 characters (two `Candidate client-2` would be
    /// one person as far as a reader can tell). A name already hidden keeps its label.
    public func blinded(wholeID: Bool = false) -> Portfolio {
        var copy = self
        if !Portfolio.isAnonymousName(person.name, of: person.id) {
            copy.person.name = Portfolio.anonymousName(for: person.id, whole: wholeID)
        }
        copy.person.details = person.details.filter { !$0.kind.isIdentifying }
        copy.person.tags = []
        for index in copy.experiences.indices where copy.experiences[index].kind == .education {
            copy.experiences[index].organizationID = nil
            copy.experiences[index].location = nil
        }
        // A mentor or mentee is someone else, often named: who they are can point to the person.
        for index in copy.experiences.indices where copy.experiences[index].mentoring?.counterpart != nil {
            copy.experiences[index].mentoring?.counterpart = nil
        }
        copy.keepOnlyWhatExperiencesReach()
        return copy
    }

    /// The name shown where the real one may not be: `Candidate 3f9a1c2e`, or with the whole
    /// ID (`whole`) where the short one names someone else too.
    public static func anonymousName(for id: PersonID, whole: Bool = false) -> String {
        "Candidate " + (whole ? id.rawValue : id.short)
    }

    /// Whether `name` is a label ``anonymousName(for:whole:)`` gives the person.
    public static func isAnonymousName(_ name: String, of id: PersonID) -> Bool {
        name == anonymousName(for: id) || name == anonymousName(for: id, whole: true)
    }

    /// Drops organizations, links and reflections no kept experience reaches.
    ///
    /// A list is rebuilt only where something goes (``Swift/Array/keepOnly(_:)``: an export
    /// of a caseload asks this of every portfolio, most of which keep everything), and a few
    /// experiences are searched in place rather than hashed.
    mutating func keepOnlyWhatExperiencesReach() {
        let experiences = self.experiences
        let kept: (ExperienceID) -> Bool
        let used: (OrganizationID) -> Bool
        if experiences.count <= 16 {
            kept = { id in experiences.contains { $0.id == id } }
            used = { id in experiences.contains { $0.organizationID == id } }
        } else {
            let ids = Set(experiences.map(\.id)), organizationIDs = Set(experiences.compactMap(\.organizationID))
            kept = { ids.contains($0) }
            used = { organizationIDs.contains($0) }
        }
        organizations.keepOnly { used($0.id) }
        links.keepOnly { kept($0.from) && kept($0.to) }
        reflections.keepOnly { kept($0.experienceID) }
    }
}

extension Portfolio {
    /// The same portfolio with only the experiences `keep` accepts, and only the
    /// organizations, links and reflections those experiences reach.
    public func keepingExperiences(_ keep: (Experience) -> Bool) -> Portfolio {
        var copy = self
        copy.experiences.keepOnly(keep)
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

extension Array {
    /// Keeps the elements `keep` accepts, in order. The list is copied only where one goes
    /// (`filter` made a new one every time, retaining each element: most portfolios shown to
    /// an audience or filtered by an export keep everything).
    mutating func keepOnly(_ keep: (Element) throws -> Bool) rethrows {
        guard try contains(where: { try !keep($0) }) else { return }
        try removeAll { try !keep($0) }
    }
}
