import PathfolioCore
import Testing

/// `canonicallyOrdered()` makes each sort key once; the order must be what comparing the
/// records directly gives, ties on dates and titles included.
struct CanonicalOrderTests {
    /// The order as written before the keys were made once.
    static func reference(_ portfolio: Portfolio) -> Portfolio {
        var copy = portfolio
        copy.organizations.sort { ($0.name, $0.id) < ($1.name, $1.id) }
        copy.experiences.sort(by: Experience.chronological)
        let position = Dictionary(copy.experiences.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        copy.links.sort {
            let a = (position[$0.from] ?? .max, $0.type.rawValue, position[$0.to] ?? .max, $0.key)
            let b = (position[$1.from] ?? .max, $1.type.rawValue, position[$1.to] ?? .max, $1.key)
            return a < b
        }
        copy.reflections.sort {
            (position[$0.experienceID] ?? .max, $0.written, $0.id) < (position[$1.experienceID] ?? .max, $1.written, $1.id)
        }
        return copy
    }

    @Test(arguments: 1...40 as ClosedRange<UInt64>)
    func orderMatchesTheRecordComparisons(seed: UInt64) throws {
        var generator = PortfolioGenerator(seed: seed)
        var rng = SplitMix64(seed: seed)
        var portfolio = generator.portfolio(experiences: 4 + Int(seed % 9))
        // Ties: some experiences share another's dates or title, some reflections another's day.
        for index in portfolio.experiences.indices where rng.next() % 3 == 0 {
            let other = portfolio.experiences[Int(rng.next() % UInt64(portfolio.experiences.count))]
            portfolio.experiences[index].period = other.period
            if rng.next() % 2 == 0 { portfolio.experiences[index].title = other.title }
        }
        for index in portfolio.reflections.indices where rng.next() % 2 == 0 {
            portfolio.reflections[index].written = portfolio.reflections[0].written
        }
        portfolio.experiences.shuffle(using: &rng)
        portfolio.links.shuffle(using: &rng)
        portfolio.reflections.shuffle(using: &rng)
        portfolio.organizations.shuffle(using: &rng)
        #expect(portfolio.canonicallyOrdered() == Self.reference(portfolio))
    }
}

extension CanonicalOrderTests {
    /// A portfolio already in order (as the ledger and our files mostly hold them) stays as it
    /// is; a reversed one comes back in order.
    @Test(arguments: 1...20 as ClosedRange<UInt64>)
    func orderedInputStaysAndReversedInputIsOrdered(seed: UInt64) {
        var generator = PortfolioGenerator(seed: seed)
        let ordered = Self.reference(generator.portfolio(experiences: 3 + Int(seed % 7)))
        #expect(ordered.canonicallyOrdered() == ordered)
        var reversed = ordered
        reversed.experiences.reverse()
        reversed.links.reverse()
        reversed.reflections.reverse()
        reversed.organizations.reverse()
        #expect(reversed.canonicallyOrdered() == ordered)
    }
}
