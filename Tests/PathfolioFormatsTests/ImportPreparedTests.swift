import Foundation
import GRDB
import PathfolioCore
@testable import PathfolioStore
import Testing

/// `PortfolioImport.prepared()` does part of an import ahead of time, on another thread (the
/// CLI reads files ahead of the writing). Importing the prepared value must write the same
/// ledger, byte for byte: the same rows, snapshots and revision hashes.
struct ImportPreparedTests {
    static func ledger() throws -> Ledger {
        try Ledger.inMemory(options: .init(now: { Date(timeIntervalSince1970: 1_795_000_000) },
                                           ids: .sequential(prefix: "pp"), actor: "tester"))
    }

    /// Every row of every table, as text.
    static func rows(of ledger: Ledger) throws -> [String: [String]] {
        try ledger.database.read { db in
            var tables: [String: [String]] = [:]
            for table in ["person", "organization", "experience", "link", "reflection", "revision"] {
                tables[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map(\.description).sorted()
            }
            return tables
        }
    }

    @Test(arguments: 1...6 as ClosedRange<UInt64>)
    func aPreparedImportWritesTheSameLedger(seed: UInt64) throws {
        // Generated people (decomposed Korean, which normalizing changes, every kind and field),
        var generator = PortfolioGenerator(seed: seed)
        let items = (0..<5).map { _ in PortfolioImport(portfolio: generator.portfolio(experiences: 6)) }
        // imported as read, and prepared first, into two empty ledgers,
        let plain = try Self.ledger(), ahead = try Self.ledger()
        let plainPlans = try plain.importPortfolios(items, fingerprints: XMLRoundTripTests.fingerprints)
        let aheadPlans = try ahead.importPortfolios(items.map { $0.prepared() }, fingerprints: XMLRoundTripTests.fingerprints)
        // write the same rows, snapshots and hash chains, and the same plans.
        #expect(aheadPlans == plainPlans)
        let (left, right) = (try Self.rows(of: plain), try Self.rows(of: ahead))
        #expect(left["revision"]?.count ?? 0 > 50)
        for table in left.keys.sorted() { #expect(left[table] == right[table], "table \(table) differs") }
        #expect(try ahead.verify().problems == [])
        // And a prepared portfolio whose records the ledger stores differently (here: a second
        // import of changed copies) falls back to encoding them, still the same ledger.
        var changed = items.map(\.portfolio)
        for index in changed.indices { changed[index].experiences[0].title += " (2)" }
        let again = changed.map { PortfolioImport(portfolio: $0) }
        _ = try plain.importPortfolios(again, fingerprints: XMLRoundTripTests.fingerprints)
        _ = try ahead.importPortfolios(again.map { $0.prepared() }, fingerprints: XMLRoundTripTests.fingerprints)
        #expect(try Self.rows(of: plain) == Self.rows(of: ahead))
    }

    /// A prepared portfolio is checked on the thread that prepares it; the import must refuse
    /// a broken one the same way, and a portfolio changed after it was prepared is checked again.
    @Test func aBrokenPortfolioIsRefusedPreparedOrNot() throws {
        var generator = PortfolioGenerator(seed: 11)
        var broken = generator.portfolio(experiences: 4)
        let dangling = Link(from: broken.experiences[0].id, to: ExperienceID(rawValue: "missing-experience"), type: .ledTo)
        broken.links.append(dangling)
        func refusal(_ item: PortfolioImport) throws -> String {
            let ledger = try Self.ledger()
            do {
                _ = try ledger.importPortfolios([item], fingerprints: XMLRoundTripTests.fingerprints)
            } catch {
                #expect(try Self.rows(of: ledger).values.allSatisfy(\.isEmpty), "a refused import wrote nothing")
                return "\(error)"
            }
            Issue.record("the broken portfolio was imported")
            return ""
        }
        let plain = try refusal(PortfolioImport(portfolio: broken))
        #expect(plain.contains("missing-experience"))
        #expect(try refusal(PortfolioImport(portfolio: broken).prepared()) == plain)
        // Prepared while sound, broken afterwards.
        var item = PortfolioImport(portfolio: generator.portfolio(experiences: 4)).prepared()
        item.portfolio.links.append(Link(from: item.portfolio.experiences[0].id,
                                         to: ExperienceID(rawValue: "missing-experience"), type: .ledTo))
        #expect(try refusal(item).contains("missing-experience"))
    }
}
