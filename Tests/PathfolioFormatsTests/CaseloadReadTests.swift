import PathfolioCore
import PathfolioFormats
import PathfolioStore
import Testing

/// `portfolios()` reads a caseload with one query a table; it must give exactly what reading
/// each person on their own gives, deleted records and all.
struct CaseloadReadTests {
    @Test(arguments: [3, 11] as [UInt64])
    func aCaseloadReadsAsEachPersonOnTheirOwn(seed: UInt64) throws {
        // Given a ledger of several generated people (Korean and English, every kind, links,
        // reflections, shared organization names),
        var generator = PortfolioGenerator(seed: seed)
        let ledger = try Ledger.inMemory(options: .init(ids: .sequential(prefix: "cl"), actor: "tester"))
        let items = (0..<7).map { index in
            PortfolioImport(portfolio: generator.portfolio(experiences: 3 + index * 2))
        }
        _ = try ledger.importPortfolios(items, fingerprints: XMLRoundTripTests.fingerprints)
        // with a deleted person, deleted experiences (some with links and reflections) and a
        // deleted reflection,
        let people = items.map(\.portfolio)
        try ledger.delete(people[1].person.id.rawValue)
        for portfolio in people[2...] {
            let linked = portfolio.links.first?.from ?? portfolio.experiences[0].id
            try ledger.delete(linked.rawValue)
        }
        if let reflection = people[4].reflections.last(where: { reflection in
            !people[4].links.contains { $0.from == reflection.experienceID }
        }) {
            try ledger.delete(reflection.id.rawValue)
        }
        // when the whole caseload is read at once and person by person,
        let (all, each) = try ledger.read { tx in
            (try tx.portfolios(), try tx.people().map { try tx.portfolio(of: $0.person.id) })
        }
        // then both give the same portfolios in the same order, without what was deleted.
        #expect(all == each)
        #expect(all.count == 6)
        #expect(!all.contains { $0.person.id == people[1].person.id })
        let kept = Set(all.flatMap(\.experiences).map(\.id))
        #expect(kept.count == people.filter { $0.person.id != people[1].person.id }.map(\.experiences.count).reduce(0, +) - 5)
        #expect(all.allSatisfy { portfolio in
            portfolio.links.allSatisfy { kept.contains($0.from) && kept.contains($0.to) }
                && portfolio.reflections.allSatisfy { kept.contains($0.experienceID) }
        })
    }
}
