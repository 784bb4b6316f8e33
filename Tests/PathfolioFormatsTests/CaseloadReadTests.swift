import Foundation
import PathfolioCore
import PathfolioFormats
import PathfolioStore
import Testing

/// `portfolios()` reads a caseload with one query a table; it must give exactly what reading
/// each person on their own gives, deleted records and all.
struct CaseloadReadTests {
    /// Generated people in a ledger, with a deleted person, deleted experiences (some with links
    /// and reflections) and a deleted reflection.
    static func caseload(seed: UInt64) throws -> (ledger: Ledger, people: [Portfolio]) {
        var generator = PortfolioGenerator(seed: seed)
        let ledger = try Ledger.inMemory(options: .init(ids: .sequential(prefix: "cl"), actor: "tester"))
        let items = (0..<7).map { index in
            PortfolioImport(portfolio: generator.portfolio(experiences: 3 + index * 2))
        }
        _ = try ledger.importPortfolios(items, fingerprints: XMLRoundTripTests.fingerprints)
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
        return (ledger, people)
    }

    /// An export reads a caseload a group of people at a time: the groups, joined, are the
    /// caseload read at once, whatever the group size (one, a few, more than everyone).
    @Test(arguments: [1, 2, 4, 100])
    func aCaseloadReadInGroupsIsTheCaseloadReadAtOnce(groupSize: Int) throws {
        let (ledger, _) = try Self.caseload(seed: 5)
        let (all, groups, unordered) = try ledger.read { tx in
            var groups: [[Portfolio]] = [], unordered: [[Portfolio]] = []
            try tx.portfolios(inGroupsOf: groupSize) { groups.append($0) }
            try tx.portfolios(inGroupsOf: groupSize, canonicallyOrdered: false) { unordered.append($0) }
            return (try tx.portfolios(), groups, unordered)
        }
        #expect(groups.flatMap { $0 } == all)
        #expect(groups.count == (all.count + groupSize - 1) / groupSize)
        #expect(groups.dropLast().allSatisfy { $0.count == groupSize })
        // Left in stored order for a caller that orders them: the same records, ordered alike.
        #expect(unordered.map(\.count) == groups.map(\.count))
        #expect(unordered.flatMap { $0 }.map { $0.canonicallyOrdered() } == all)
    }

    /// An export reads a caseload through a memory map of the ledger file
    /// (``Ledger/Options/mapsFile``): it reads what reading each page with a call gives.
    @Test func aMappedLedgerReadsTheSameCaseload() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pathfolio-mapped-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        var generator = PortfolioGenerator(seed: 17)
        let items = (0..<40).map { index in PortfolioImport(portfolio: generator.portfolio(experiences: 2 + index % 7)) }
        do {
            let ledger = try Ledger.open(at: path, create: true, options: .init(ids: .sequential(prefix: "mp"), actor: "tester"))
            _ = try ledger.importPortfolios(items, fingerprints: XMLRoundTripTests.fingerprints)
        }  // closed: the write-ahead log is moved into the file, which the map covers
        func caseload(mapped: Bool) throws -> [Portfolio] {
            var options = Ledger.Options()
            options.mapsFile = mapped
            return try Ledger.open(at: path, options: options).read { tx in
                var all: [Portfolio] = []
                try tx.portfolios(inGroupsOf: 16) { all += $0 }
                return all
            }
        }
        let mapped = try caseload(mapped: true)
        #expect(mapped.count == 40)
        #expect(mapped == (try caseload(mapped: false)))
        #expect(Set(mapped.map(\.person.id)) == Set(items.map(\.portfolio.person.id)))
    }

    @Test(arguments: [3, 11] as [UInt64])
    func aCaseloadReadsAsEachPersonOnTheirOwn(seed: UInt64) throws {
        // Given a ledger of several generated people (Korean and English, every kind, links,
        // reflections, shared organization names) with deleted records,
        let (ledger, people) = try Self.caseload(seed: seed)
        // when the whole caseload is read at once and person by person,
        let (all, each, live) = try ledger.read { tx in
            (try tx.portfolios(), try tx.people().map { try tx.portfolio(of: $0.person.id) }, try tx.livePeople())
        }
        // then both give the same portfolios in the same order, without what was deleted,
        #expect(all == each)
        // and the people an export reads first (without their experience counts) are the same.
        #expect(live == all.map(\.person))
        #expect(all.count == 6)
        #expect(!all.contains { $0.person.id == people[1].person.id })
        let kept = Set(all.flatMap(\.experiences).map(\.id))
        #expect(kept.count == people.filter { $0.person.id != people[1].person.id }.map(\.experiences.count).reduce(0, +) - 5)
        #expect(all.allSatisfy { portfolio in
            portfolio.links.allSatisfy { kept.contains($0.from) && kept.contains($0.to) }
                && portfolio.reflections.allSatisfy { kept.contains($0.experienceID) }
        })
    }

    /// `list` and `path` read headings and only the links they show; both must be what the
    /// whole records give.
    @Test(arguments: [3, 11] as [UInt64])
    func headingsAndTypedLinksAreWhatTheWholeRecordsGive(seed: UInt64) throws {
        let (ledger, people) = try Self.caseload(seed: seed)
        let filters = [ExperienceFilter(), ExperienceFilter(includeDeleted: true),
                       ExperienceFilter(person: people[2].person.id, includeDeleted: true),
                       ExperienceFilter(person: people[3].person.id, kinds: [.job, .training, .mentoring]),
                       ExperienceFilter(statuses: [.ongoing, .planned], since: try PartialDate("2020"))]
        try ledger.read { tx in
            for filter in filters {
                let whole = try tx.experiences(matching: filter)
                #expect(!whole.isEmpty)
                #expect(try tx.headings(matching: filter) == whole.map(ExperienceHeading.init))
            }
            #expect(try tx.headings(matching: ExperienceFilter(includeDeleted: true)).contains(where: \.isDeleted))
            // `list --json` reads every experience's reflections and links at once.
            for filter in filters {
                let reflections = try tx.reflections(onExperiencesMatching: filter)
                let links = try tx.links(touchingExperiencesMatching: filter)
                for stored in try tx.experiences(matching: filter) {
                    #expect(reflections[stored.id] ?? [] == (try tx.reflections(on: stored.id)))
                    #expect(links[stored.id] ?? [] == (try tx.links(touching: stored.id)))
                }
                if filter == filters[0] { #expect(!links.isEmpty && !reflections.isEmpty) }
            }
            for portfolio in people {
                let all = try tx.links(of: portfolio.person.id, includeDeleted: true)
                for types in [Set<LinkType>([.supports, .relatedTo]), [.ledTo], [.partOf, .supports], []] {
                    #expect(try tx.links(of: portfolio.person.id, types: types, includeDeleted: true) == all.filter { types.contains($0.type) })
                }
            }
        }
    }

    /// Commands that act on one person read that person alone, not the whole caseload.
    @Test func onePersonAndNamesReadAloneAreWhatTheWholeListGives() throws {
        let (ledger, people) = try Self.caseload(seed: 5)
        try ledger.read { tx in
            let everyone = try tx.people(includeDeleted: true)
            #expect(everyone.count == people.count)
            for stored in everyone { #expect(try tx.storedPerson(stored.person.id) == stored) }
            #expect(try tx.personNames(includeDeleted: true) == Dictionary(uniqueKeysWithValues: everyone.map { ($0.person.id, $0.person.name) }))
            let live = try tx.people()
            #expect(live.count == people.count - 1)
            #expect(try tx.personNames() == Dictionary(uniqueKeysWithValues: live.map { ($0.person.id, $0.person.name) }))
            #expect(throws: LedgerError.self) { try tx.storedPerson(PersonID(rawValue: "nobody")) }
        }
    }
}
