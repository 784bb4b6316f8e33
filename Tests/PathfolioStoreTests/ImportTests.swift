import Foundation
import GRDB
import PathfolioCore
import Testing
@testable import PathfolioStore

/// Importing portfolios: plan, apply, idempotence, conflicts, near-duplicates, all-or-nothing.
struct ImportTests {
    /// A content hash for tests: canonical JSON (the XML format supplies its own).
    static let fingerprints = ImportFingerprints(experience: { (try? JSON.string($0)) ?? "" },
                                                 reflection: { (try? JSON.string($0)) ?? "" })

    /// The seeded portfolio as a file would carry it, with bases.
    func exported(_ seeded: Seeded) throws -> PortfolioImport {
        let portfolio = try seeded.ledger.portfolio(of: seeded.person.id)
        return PortfolioImport(
            portfolio: portfolio,
            experienceBases: Dictionary(uniqueKeysWithValues: portfolio.experiences.map { ($0.id, Self.fingerprints.experience($0)) }),
            reflectionBases: Dictionary(uniqueKeysWithValues: portfolio.reflections.map { ($0.id, Self.fingerprints.reflection($0)) }))
    }

    func revisionCount(_ ledger: Ledger) throws -> Int {
        try ledger.read { tx in try Int.fetchOne(tx.db, sql: "SELECT count(*) FROM revision") ?? 0 }
    }

    @Test func importingIntoAnEmptyLedgerAddsEverythingWithRevisionsAndTwiceChangesNothing() throws {
        let seeded = try Seeded()
        let file = try exported(seeded)
        let target = try Ledger.inMemory(options: .init(ids: .sequential(prefix: "t"), actor: "importer"))
        let plan = try #require(target.importPortfolios([file], fingerprints: Self.fingerprints).first)
        #expect(plan.count(.new, .experience) == 4)
        #expect(plan.count(.new, .link) == 4)
        #expect(plan.count(.new, .organization) == 2)
        #expect(plan.count(.new, .person) == 1)
        #expect(try target.portfolio(of: seeded.person.id) == file.portfolio)
        let revisions = try revisionCount(target)
        #expect(revisions == 11)
        #expect(try target.verify().isIntact)

        let again = try #require(target.importPortfolios([file], fingerprints: Self.fingerprints).first)
        #expect(!again.changesSomething)
        #expect(again.count(.unchanged) == again.steps.count)
        #expect(try revisionCount(target) == revisions)
    }

    /// A file made for an audience holds the person as that audience sees them: what it
    /// leaves out (private details; for the public, tags) is no conflict, and what it
    /// changes still is.
    @Test func aPersonAsAnAudienceSeesThemIsNoConflict() throws {
        let seeded = try Seeded()
        var person = seeded.person
        person.tags = ["youth"]
        person.details.append(PersonalDetail(.phone, "010-1234-5678", visibility: .private))
        _ = try seeded.ledger.transaction { tx in try tx.updatePerson(person.id) { $0 = person } }
        for audience in [Audience.counselor, .public] {
            var file = try exported(seeded)
            file.portfolio = file.portfolio.visible(to: audience)
            let stated = file, unstated = PortfolioImport(portfolio: file.portfolio, experienceBases: file.experienceBases,
                                                         reflectionBases: file.reflectionBases)
            var marked = stated
            marked.audience = audience
            let plan = try #require(try seeded.ledger.importPortfolios([marked], fingerprints: Self.fingerprints, dryRun: true).first)
            #expect(plan.steps.first { $0.entity == .person }?.action == .unchanged, "\(audience)")
            // Without the audience said, the same file reads as a different person.
            let blind = try #require(try seeded.ledger.importPortfolios([unstated], fingerprints: Self.fingerprints, dryRun: true).first)
            #expect(blind.steps.first { $0.entity == .person }?.action == .conflict)
            // A name changed on the platform is a conflict whatever the audience.
            marked.portfolio.person.name = "Someone Else"
            let renamed = try #require(try seeded.ledger.importPortfolios([marked], fingerprints: Self.fingerprints, dryRun: true).first)
            #expect(renamed.steps.first { $0.entity == .person }?.action == .conflict)
        }
    }

    @Test func planWritesNothing() throws {
        let seeded = try Seeded()
        let target = try Ledger.inMemory()
        let plan = try target.importPortfolios([try exported(seeded)], fingerprints: Self.fingerprints, dryRun: true)
        #expect(plan.first?.count(.new, .experience) == 4)
        #expect(try target.people().isEmpty)
    }

    @Test func fileChangesUpdateAndLocalChangesConflict() throws {
        let seeded = try Seeded()
        var file = try exported(seeded)
        // The file changed the training (its base is the ledger's current copy): updated.
        let trainingIndex = try #require(file.portfolio.experiences.firstIndex { $0.id == seeded.training.id })
        file.portfolio.experiences[trainingIndex].summary = "Edited on the platform"
        // The ledger changed the job since the file was made: a conflict, the ledger's copy stays.
        try seeded.ledger.update(seeded.job.id) { $0.summary = "Edited locally" }
        let plan = try #require(seeded.ledger.importPortfolios([file], fingerprints: Self.fingerprints).first)
        let actions = Dictionary(uniqueKeysWithValues: plan.steps.filter { $0.entity == .experience }.map { ($0.id, $0.action) })
        #expect(actions[seeded.training.id.rawValue] == .updated)
        #expect(actions[seeded.job.id.rawValue] == .conflict)
        #expect(plan.steps.first { $0.id == seeded.job.id.rawValue }?.reason == "changed in the ledger since the file was made")
        let after = try seeded.ledger.portfolio(of: seeded.person.id)
        #expect(after.experience(seeded.training.id)?.summary == "Edited on the platform")
        #expect(after.experience(seeded.job.id)?.summary == "Edited locally")
    }

    /// A file's new link to an experience deleted in the ledger, and its reflection on one,
    /// wait for the experience, as the experience itself does (`link` and `reflect` refuse).
    @Test func whatHangsOnAnExperienceDeletedHereWaitsForIt() throws {
        let seeded = try Seeded()
        var file = try exported(seeded)
        let reflection = Reflection(id: "r-on-job", experienceID: seeded.job.id, kind: .free, written: try PartialDate("2025-06-01"))
        file.portfolio.reflections.append(reflection)
        file.portfolio.links.append(Link(from: seeded.training.id, to: seeded.job.id, type: .supports))
        try seeded.ledger.delete(seeded.job.id.rawValue)
        let plan = try #require(seeded.ledger.importPortfolios([file], fingerprints: Self.fingerprints).first)
        let link = try #require(plan.steps.first { $0.entity == .link && $0.id == Link(from: seeded.training.id, to: seeded.job.id, type: .supports).key })
        #expect(link.action == .conflict && link.reason == "an end is deleted in the ledger; restore it to import the link")
        let waiting = try #require(plan.steps.first { $0.id == "r-on-job" })
        #expect(waiting.action == .conflict && waiting.reason == "its experience is deleted in the ledger; restore it to import the reflection")
        #expect(try seeded.ledger.read { try $0.links(of: seeded.person.id, includeDeleted: true) }.count == 4)
        #expect(try seeded.ledger.read { try $0.reflections(on: seeded.job.id) }.isEmpty)
        // Restored, the experience takes them.
        try seeded.ledger.restore(seeded.job.id.rawValue)
        let again = try #require(seeded.ledger.importPortfolios([file], fingerprints: Self.fingerprints).first)
        #expect(again.steps.first { $0.id == "r-on-job" }?.action == .new)
        #expect(again.steps.filter { $0.entity == .link && $0.action == .new }.count == 1)
    }

    @Test func localExperiencesMissingFromTheFileAreKept() throws {
        let seeded = try Seeded()
        var file = try exported(seeded)
        file.portfolio = file.portfolio.keepingExperiences { $0.id == seeded.training.id }
        _ = try seeded.ledger.importPortfolios([file], fingerprints: Self.fingerprints)
        #expect(try seeded.ledger.portfolio(of: seeded.person.id).experiences.count == 4)
    }

    @Test func nearDuplicatesAreFlaggedAndBothKept() throws {
        let seeded = try Seeded()
        var file = try exported(seeded)
        var twin = seeded.training.experience
        twin.id = "twin-of-training"
        twin.summary = "entered twice"
        file.portfolio.experiences.append(twin)
        let plan = try #require(seeded.ledger.importPortfolios([file], fingerprints: Self.fingerprints).first)
        let step = try #require(plan.steps.first { $0.id == "twin-of-training" })
        #expect(step.action == .new)
        #expect(step.nearDuplicateOf == seeded.training.id)
        #expect(try seeded.ledger.portfolio(of: seeded.person.id).experiences.count == 5)
    }

    @Test func aBrokenPortfolioChangesNothing() throws {
        let seeded = try Seeded()
        var cyclic = try exported(seeded)
        // A ledTo link back from the job to the training closes a cycle with the ledger's links.
        cyclic.portfolio.links.append(Link(from: seeded.job.id, to: seeded.training.id, type: .ledTo))
        let before = try revisionCount(seeded.ledger)
        #expect(throws: LedgerError.self) {
            try seeded.ledger.importPortfolios([cyclic], fingerprints: Self.fingerprints)
        }
        #expect(try revisionCount(seeded.ledger) == before)
    }

    @Test func idsOfAnotherPersonAreRefused() throws {
        let seeded = try Seeded()
        var file = try exported(seeded)
        file.portfolio.person = Person(id: "other-person", name: "Other")
        file.portfolio.links = []
        do {
            _ = try seeded.ledger.importPortfolios([file], fingerprints: Self.fingerprints)
            Issue.record("expected an error")
        } catch let error as LedgerError {
            #expect(error.diagnostics.contains { $0.code == "import.foreignID" })
        }
        #expect(try seeded.ledger.people().count == 1)
    }
}
