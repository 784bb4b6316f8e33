/// One person's whole path: the value at the centre of Pathfolio.
///
/// The ledger loads and saves portfolios, and every format converts them to and from
/// bytes. A portfolio is plain data: ``diagnostics()`` checks its rules,
/// ``visible(to:)`` filters it for an audience, ``blinded()`` removes what identifies the
/// person.
public struct Portfolio: Sendable, Hashable, Codable {
    public var person: Person
    public var organizations: [Organization]
    public var experiences: [Experience]
    public var links: [Link]
    public var reflections: [Reflection]

    public init(person: Person, organizations: [Organization] = [], experiences: [Experience] = [],
                links: [Link] = [], reflections: [Reflection] = []) {
        self.person = person
        self.organizations = organizations
        self.experiences = experiences
        self.links = links
        self.reflections = reflections
    }

    private enum CodingKeys: String, CodingKey { case person, organizations, experiences, links, reflections }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        person = try c.decode(Person.self, forKey: .person)
        organizations = try c.decodeIfPresent([Organization].self, forKey: .organizations) ?? []
        experiences = try c.decodeIfPresent([Experience].self, forKey: .experiences) ?? []
        links = try c.decodeIfPresent([Link].self, forKey: .links) ?? []
        reflections = try c.decodeIfPresent([Reflection].self, forKey: .reflections) ?? []
    }

    /// The experience with an ID, if present.
    public func experience(_ id: ExperienceID) -> Experience? { experiences.first { $0.id == id } }

    /// The organization with an ID, if present.
    public func organization(_ id: OrganizationID?) -> Organization? {
        guard let id else { return nil }
        return organizations.first { $0.id == id }
    }

    /// The reflections on one experience, oldest first.
    public func reflections(on id: ExperienceID) -> [Reflection] {
        reflections.filter { $0.experienceID == id }.sorted { ($0.written, $0.id) < ($1.written, $1.id) }
    }

    /// The same portfolio with all text normalized (see ``Experience/normalized()``) and in
    /// canonical order.
    public func normalized() -> Portfolio {
        Portfolio(person: person.normalized(),
                  organizations: organizations.map { $0.normalized() },
                  experiences: experiences.map { $0.normalized() },
                  links: links.map { $0.normalized() },
                  reflections: reflections.map { $0.normalized() })
            .canonicallyOrdered()
    }

    /// The same portfolio in the order every writer uses, so that the same data always gives
    /// the same bytes: organizations by name, experiences by start date (then end, title,
    /// ID), links by their ends and type, reflections by experience order, then date.
    public func canonicallyOrdered() -> Portfolio {
        var copy = self
        let organizationOrder = { (a: Organization, b: Organization) in (a.name, a.id) < (b.name, b.id) }
        if !copy.organizations.isSorted(by: organizationOrder) { copy.organizations.sort(by: organizationOrder) }
        // The order of ``Experience/chronological(_:_:)``, with each date's key made once, not
        // at every comparison, and positions sorted rather than records (exports order
        // thousands of portfolios, most of them already in order).
        let dates = experiences.map { (start: $0.period.start?.sortKey ?? "~~", end: $0.period.end?.sortKeyForOrdering ?? "~~") }
        copy.experiences = Self.ordered(experiences) { i, j in
            if dates[i].start != dates[j].start { return dates[i].start < dates[j].start }
            if dates[i].end != dates[j].end { return dates[i].end < dates[j].end }
            let a = experiences[i], b = experiences[j]
            if a.title != b.title { return a.title < b.title }
            return a.id < b.id
        }
        let position = Dictionary(copy.experiences.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let linkKeys = links.map { (position[$0.from] ?? .max, $0.type.rawValue, position[$0.to] ?? .max) }
        copy.links = Self.ordered(links) { i, j in linkKeys[i] != linkKeys[j] ? linkKeys[i] < linkKeys[j] : links[i].key < links[j].key }
        let reflectionKeys = reflections.map { (position: position[$0.experienceID] ?? .max, written: $0.written.sortKey) }
        copy.reflections = Self.ordered(reflections) { i, j in
            let a = reflectionKeys[i], b = reflectionKeys[j]
            if a.position != b.position { return a.position < b.position }
            if a.written != b.written { return a.written < b.written }
            let labelA = reflections[i].written.label ?? "", labelB = reflections[j].written.label ?? ""
            if labelA != labelB { return labelA < labelB }
            return reflections[i].id < reflections[j].id
        }
        return copy
    }

    /// `records` in the order `less` gives on their positions: the same array when already
    /// in order (no copy), otherwise each record copied once into its place.
    private static func ordered<Record>(_ records: [Record], by less: (Int, Int) -> Bool) -> [Record] {
        var positions = Array(records.indices)
        if positions.isSorted(by: less) { return records }
        positions.sort(by: less)
        return positions.map { records[$0] }
    }
}

extension Sequence {
    /// Whether each element is in order with the next (the order `sort(by:)` would give).
    fileprivate func isSorted(by less: (Element, Element) -> Bool) -> Bool {
        var iterator = makeIterator()
        guard var previous = iterator.next() else { return true }
        while let next = iterator.next() {
            if less(next, previous) { return false }
            previous = next
        }
        return true
    }
}

extension Experience {
    /// Start date, then end date (ongoing last), then title, then ID; undated experiences last.
    public static func chronological(_ a: Experience, _ b: Experience) -> Bool {
        let startA = a.period.start?.sortKey ?? "~~", startB = b.period.start?.sortKey ?? "~~"
        if startA != startB { return startA < startB }
        let endA = a.period.end?.sortKeyForOrdering ?? "~~", endB = b.period.end?.sortKeyForOrdering ?? "~~"
        if endA != endB { return endA < endB }
        if a.title != b.title { return a.title < b.title }
        return a.id < b.id
    }
}

extension Period.End {
    var sortKeyForOrdering: String {
        switch self {
        case .ongoing: "~"
        case .date(let date): date.sortKey
        }
    }
}
