public import PathfolioCore
import GRDB

extension Ledger.Transaction {
    /// A person's whole path as one value: the person, their organizations, live
    /// experiences, links between them and live reflections, in canonical order.
    public func portfolio(of person: PersonID) throws -> Portfolio {
        let person = try self.person(person)
        return Self.portfolio(
            of: person,
            organizations: try organizations(of: person.id),
            experiences: try experiences(matching: ExperienceFilter(person: person.id)).map(\.experience),
            links: try links(of: person.id),
            reflections: try reflections(of: person.id))
    }

    /// Every live person's portfolio, by name: the same values as ``portfolio(of:)`` for
    /// each, read with one query a table (an export of a caseload reads thousands).
    public func portfolios() throws -> [Portfolio] {
        try portfolios(of: livePeople(), restricted: false, ordered: true)
    }

    /// Every live person's portfolio, by name, handed to `body` `groupSize` people at a time,
    /// each group read with one query a table: what ``portfolios()`` returns, in pieces, so
    /// that memory does not grow with the caseload.
    ///
    /// With `canonicallyOrdered: false` each portfolio's records come in the order they are
    /// stored, for a caller that orders them itself, elsewhere: every writer of
    /// `PathfolioFormats` puts a portfolio in canonical order before writing it, and an
    /// export does that on the threads that render, not on the one that reads.
    public func portfolios(inGroupsOf groupSize: Int, canonicallyOrdered: Bool = true,
                           _ body: ([Portfolio]) throws -> Void) throws {
        try portfolios(of: livePeople(), inGroupsOf: groupSize, canonicallyOrdered: canonicallyOrdered, body)
    }

    /// The portfolios of `people` (as ``livePeople()`` gives them), in their
    /// order, `groupSize` at a time; see ``portfolios(inGroupsOf:canonicallyOrdered:_:)``.
    public func portfolios(of people: [Person], inGroupsOf groupSize: Int, canonicallyOrdered: Bool = true,
                           _ body: ([Portfolio]) throws -> Void) throws {
        precondition(groupSize > 0, "a group holds at least one person")
        for start in stride(from: 0, to: people.count, by: groupSize) {
            try body(portfolios(of: Array(people[start..<min(start + groupSize, people.count)]), restricted: true,
                                ordered: canonicallyOrdered))
        }
    }

    /// The portfolios of `people`, in their order: when `restricted`, rows of these people
    /// only (found through each table's person index); otherwise every row is read.
    ///
    /// Rows come in no particular order: when `ordered`, each portfolio is put in canonical
    /// order, a total order, at the end. Ordering in SQL made SQLite's sorter copy every row, which cost an
    /// export of a caseload as much as reading the rows did. Columns are read by position.
    private func portfolios(of people: [Person], restricted: Bool, ordered: Bool) throws -> [Portfolio] {
        let ids = restricted ? people.map(\.id.rawValue) : []
        func only(_ column: String) -> String {
            restricted ? " AND \(column) IN (\(Array(repeating: "?", count: ids.count).joined(separator: ", ")))" : ""
        }
        let arguments = StatementArguments(ids)
        var organizations: [PersonID: [Organization]] = [:]
        for (owner, organization) in try fetchColumns("""
            SELECT o.personID, \(Self.organizationSelection) FROM organization o WHERE 1\(only("o.personID"))
            """, arguments: arguments, { row in (PersonID(rawValue: row[0]), Self.organization(from: row, at: 1)) }) {
            organizations[owner, default: []].append(organization)
        }
        // The experience's own columns only: no join with its person (a person not in
        // `people` is never looked up) or organization (read above), no bookkeeping, and no
        // ORDER BY (a sort in SQLite's sorter copies every row's 35 columns: it took as long
        // as the rest of reading a caseload's experiences).
        var experiences: [PersonID: [Experience]] = [:]
        for (owner, experience) in try fetchColumns("""
            SELECT \(ExperienceColumns.selection) FROM experience e WHERE e.deletedAt IS NULL\(only("e.personID"))
            """, arguments: arguments, { row in
            (PersonID(rawValue: row[ExperienceColumns.Column.personID.rawValue]), try ExperienceColumns.experience(from: row))
        }) {
            experiences[owner, default: []].append(experience)
        }
        var links: [PersonID: [Link]] = [:]
        for (owner, link) in try fetchColumns("""
            SELECT a.personID, \(Self.linkSelection) FROM link l
            JOIN experience a ON a.id = l.fromID
            JOIN experience b ON b.id = l.toID
            WHERE a.deletedAt IS NULL AND b.deletedAt IS NULL\(only("a.personID"))
            """, arguments: arguments, { row in (PersonID(rawValue: row[0]), Self.link(from: row, at: 1)) }) {
            links[owner, default: []].append(link)
        }
        var reflections: [PersonID: [Reflection]] = [:]
        for (owner, reflection) in try fetchColumns("""
            SELECT e.personID, \(ReflectionColumns.selection) FROM reflection r JOIN experience e ON e.id = r.experienceID
            WHERE r.deletedAt IS NULL AND e.deletedAt IS NULL\(only("e.personID"))
            """, arguments: arguments, { row in (PersonID(rawValue: row[0]), try ReflectionColumns.reflection(from: row, at: 1)) }) {
            reflections[owner, default: []].append(reflection)
        }
        // Each person's rows are let go once their portfolio is made (a caseload's rows and its
        // ordered portfolios are not all held twice).
        return people.map { person in
            Self.portfolio(of: person, organizations: organizations.removeValue(forKey: person.id) ?? [],
                           experiences: experiences.removeValue(forKey: person.id) ?? [],
                           links: links.removeValue(forKey: person.id) ?? [],
                           reflections: reflections.removeValue(forKey: person.id) ?? [], ordered: ordered)
        }
    }

    /// One portfolio from a person's rows: only the organizations their live experiences use.
    private static func portfolio(of person: Person, organizations: [Organization], experiences: [Experience],
                                  links: [Link], reflections: [Reflection], ordered: Bool = true) -> Portfolio {
        let used = Set(experiences.compactMap(\.organizationID))
        let portfolio = Portfolio(person: person, organizations: organizations.filter { used.contains($0.id) },
                                  experiences: experiences, links: links, reflections: reflections)
        return ordered ? portfolio.canonicallyOrdered() : portfolio
    }
}

extension Ledger {
    /// A person's whole path; see ``Transaction/portfolio(of:)``.
    public func portfolio(of person: PersonID) throws -> Portfolio {
        try read { try $0.portfolio(of: person) }
    }
}
