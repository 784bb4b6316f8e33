public import PathfolioCore
import GRDB

extension Ledger.Transaction {
    /// A person's whole path as one value: the person, their organizations, live
    /// experiences, links between them and live reflections, in canonical order.
    public func portfolio(of person: PersonID) throws -> Portfolio {
        let person = try self.person(person)
        let experiences = try experiences(matching: ExperienceFilter(person: person.id)).map(\.experience)
        let used = Set(experiences.compactMap(\.organizationID))
        return Portfolio(
            person: person,
            organizations: try organizations(of: person.id).filter { used.contains($0.id) },
            experiences: experiences,
            links: try links(of: person.id),
            reflections: try reflections(of: person.id)
        ).canonicallyOrdered()
    }

    /// Every live person's portfolio, by name.
    public func portfolios() throws -> [Portfolio] {
        try people().map { try portfolio(of: $0.person.id) }
    }
}

extension Ledger {
    /// A person's whole path; see ``Transaction/portfolio(of:)``.
    public func portfolio(of person: PersonID) throws -> Portfolio {
        try read { try $0.portfolio(of: person) }
    }
}
