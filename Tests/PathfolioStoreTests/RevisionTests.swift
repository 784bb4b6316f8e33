import Foundation
import GRDB
import PathfolioCore
@testable import PathfolioStore
import Testing

struct RevisionTests {
    @Test func everyChangeAppendsARevisionWithThePreviousValues() throws {
        let seeded = try Seeded()
        try seeded.ledger.update(seeded.training.id) { $0.title = "데이터 분석 실무 과정"; $0.skills.append("Python") }
        let history = try seeded.ledger.history(of: seeded.training.id.rawValue)
        let own = history.filter { $0.entity == .experience }
        #expect(own.map(\.action) == [.create, .update])
        let changes = own[1].changes(since: own[0])
        #expect(changes == [
            FieldChange(field: "skills", before: "[\"SQL\"]", after: "[\"SQL\",\"Python\"]"),
            FieldChange(field: "title", before: "\"데이터 분석 실무\"", after: "\"데이터 분석 실무 과정\""),
        ])
        #expect(own.allSatisfy { $0.actor == "tester" })
        // The experience's history includes the link it starts.
        #expect(history.contains { $0.entity == .link && $0.entityID.hasPrefix(seeded.training.id.rawValue) })
    }

    /// An experience's history holds its links' revisions at either end and its reflections',
    /// nothing of anyone else's, and is found through indexes (`show` runs it on caseloads).
    @Test func anExperiencesHistoryHoldsItsLinksAndReflectionsOnly() throws {
        let seeded = try Seeded()
        let other = try Seeded(seeded.ledger)  // a second person with the same path
        try seeded.ledger.transaction { _ = try $0.unlink(from: seeded.mentoring.id, to: seeded.programme.id, type: .partOf) }
        let reflection = try seeded.ledger.add(Reflection(id: seeded.ledger.newID(), experienceID: seeded.programme.id,
                                                          kind: .postPlacement, written: try PartialDate("2025-01-05")))
        let history = try seeded.ledger.history(of: seeded.programme.id.rawValue)
        let id = seeded.programme.id.rawValue
        // Its own creation, the link it starts, the two that end at it (one also unlinked), its reflection.
        #expect(history.map(\.entity) == [.experience, .link, .link, .link, .link, .reflection])
        #expect(history.filter { $0.entity == .link }.allSatisfy { $0.entityID.hasPrefix(id + ":") || $0.entityID.hasSuffix(":" + id) })
        #expect(history.filter { $0.entity == .link }.map(\.action) == [.create, .create, .create, .delete])
        #expect(history.last?.entityID == reflection.id.rawValue)
        #expect(history.allSatisfy { $0.personID == seeded.person.id })
        #expect(!history.contains { $0.personID == other.person.id })
        try seeded.ledger.database.read { db in
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Ledger.Transaction.experienceHistory,
                                        arguments: Ledger.Transaction.experienceHistoryArguments(id, person: seeded.person.id.rawValue))
            let details = plan.map { $0["detail"] as String }
            #expect(!details.contains { $0.hasPrefix("SCAN revision") }, "\(details)")
        }
    }

    @Test func anEditThatChangesNothingWritesNothing() throws {
        let seeded = try Seeded()
        let before = try seeded.ledger.history(of: seeded.job.id.rawValue).count
        try seeded.ledger.update(seeded.job.id) { $0.title = "  주니어 데이터 분석가 " }
        #expect(try seeded.ledger.history(of: seeded.job.id.rawValue).count == before)
    }

    @Test func restoreBringsBackAnEarlierRevisionAsANewOne() throws {
        let seeded = try Seeded()
        let original = seeded.training.experience
        try seeded.ledger.update(seeded.training.id) { $0.title = "Renamed"; $0.skills = [] }
        let first = try #require(try seeded.ledger.history(of: original.id.rawValue).first)
        try seeded.ledger.restore(original.id.rawValue, revision: first.id)
        let now = try seeded.ledger.read { try $0.stored(original.id) }
        #expect(now.experience == original)
        let actions = try seeded.ledger.history(of: original.id.rawValue).filter { $0.entity == .experience }.map(\.action)
        #expect(actions == [.create, .update, .restore])
    }

    @Test func deleteIsReversible() throws {
        let seeded = try Seeded()
        try seeded.ledger.delete(seeded.programme.id.rawValue)
        #expect(!(try seeded.ledger.experiences().contains { $0.id == seeded.programme.id }))
        // Links through a deleted experience disappear from the path, but are kept.
        let path = try seeded.ledger.careerPath(of: seeded.person.id)
        #expect(!path.contains { $0.experienceID == seeded.programme.id })
        #expect(throws: LedgerError.self) { try seeded.ledger.delete(seeded.programme.id.rawValue) }
        try seeded.ledger.restore(seeded.programme.id.rawValue)
        #expect(try seeded.ledger.careerPath(of: seeded.person.id).map(\.experienceID).contains(seeded.programme.id))
        #expect(try seeded.ledger.verify().isIntact)
    }

    @Test func restoringALiveRecordWithoutARevisionIsRefused() throws {
        let seeded = try Seeded()
        #expect { try seeded.ledger.restore(seeded.job.id.rawValue) } throws: { error in
            // (Sequential IDs share their first 8 characters: named whole.)
            (error as? LedgerError)?.message == "experience \(seeded.job.id.rawValue) is not deleted"
        }
    }

    @Test func purgingAnExperienceErasesItsContentEverywhere() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let seeded = try Seeded(temporary.open())
        try seeded.ledger.add(Reflection(id: seeded.ledger.newID(), experienceID: seeded.mentoring.id, kind: .free,
                                         written: try PartialDate("2024-12-20"),
                                         entries: [ReflectionEntry(key: "note", prompt: "Note", answer: "멘토의 조언은 비밀스러운 이야기")]))
        try seeded.ledger.purge(seeded.mentoring.id.rawValue)
        let bytes = try temporary.bytes()
        for secret in ["현직자 멘토링", "멘토의 조언은 비밀스러운 이야기"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "'\(secret)' is still in the file")
        }
        #expect(try seeded.ledger.read { try $0.links(of: seeded.person.id, includeDeleted: true) }.allSatisfy { $0.from != seeded.mentoring.id })
        let problems = try seeded.ledger.verify().problems
        #expect(problems == [], "\(problems)")
        #expect { try seeded.ledger.history(of: seeded.mentoring.id.rawValue) } throws: { error in
            (error as? LedgerError)?.message.contains("was purged") == true
        }
    }

    @Test func purgingAPersonRemovesEverythingIncludingTheirChain() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let seeded = try Seeded(temporary.open())
        let other = try seeded.ledger.addPerson(name: "Alex Morgan")
        try seeded.ledger.add(Experience(id: seeded.ledger.newID(), kind: .job, title: "Barista"), for: other.id)
        try seeded.ledger.purge(seeded.person.id.rawValue)
        let counts = try seeded.ledger.database.read { db in
            try ["experience", "organization", "link", "reflection", "revision", "person"].map {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)")!
            }
        }
        #expect(counts == [1, 0, 0, 0, 2, 1])  // only Alex and their barista job remain
        let bytes = try temporary.bytes()
        for secret in ["김하늘", "데이터 분석 실무", "한국폴리텍대학", "㈜데이터랩"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "'\(secret)' is still in the file")
        }
        #expect(try seeded.ledger.verify().isIntact)
    }
}

struct VerifyTests {
    @Test func aCleanLedgerVerifies() throws {
        let report = try Seeded().ledger.verify()
        #expect(report.isIntact)
        #expect(report.people == 1)
        #expect(report.revisionsChecked == 11)  // person, 2 organizations, 4 experiences, 4 links
    }

    @Test func detectsARowChangedBehindItsBack() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let seeded = try Seeded(temporary.open())
        try temporary.tamper("UPDATE experience SET title = 'CEO' WHERE id = '\(seeded.job.id)'")
        let report = try seeded.ledger.verify()
        #expect(report.problems.map(\.code) == ["verify.changed"])
        #expect(report.problems.first?.location?.id == seeded.job.id.rawValue)
    }

    @Test func detectsADeletedOrEditedRevision() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let seeded = try Seeded(temporary.open())
        try temporary.tamper("DELETE FROM revision WHERE id = 3")
        #expect(try seeded.ledger.verify().problems.map(\.code).contains("verify.chain"))

        let other = TemporaryLedger()
        defer { other.remove() }
        let second = try Seeded(other.open())
        try other.tamper("UPDATE revision SET actor = 'mallory' WHERE id = 2")
        #expect(try second.ledger.verify().problems.map(\.code) == ["verify.hash"])
        try other.tamper("UPDATE revision SET actor = 'tester', snapshot = replace(snapshot, '실무', '전문') WHERE id = 3")
        #expect(try second.ledger.verify().problems.map(\.code).contains("verify.content"))
    }

    @Test func detectsARowAddedBehindItsBack() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let seeded = try Seeded(temporary.open())
        try temporary.tamper("""
            INSERT INTO experience (id, personID, kind, status, title, sortKey, visibility, createdAt, updatedAt)
            VALUES ('forged', '\(seeded.person.id)', 'job', 'completed', 'Forged job', '~', 'public', 'x', 'x')
            """)
        #expect(try seeded.ledger.verify().problems.map(\.code) == ["verify.unrecorded"])
    }
}

/// A ledger edited behind Pathfolio's back, one way per case: `verify` must name what is
/// wrong (the revision or the record) and nothing else.
struct TamperTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var sql: @Sendable (Seeded) -> String
        /// The problems `verify` must report: code and where.
        var problems: @Sendable (Seeded) -> [String]
        var testDescription: String { name }
    }

    // Seeded's revisions: 1 person, 2 organization, 3 training, 4 organization, 5 programme,
    // 6 mentoring, 7 job, 8–11 links.
    static let cases: [Case] = [
        Case(name: "a revision deleted from the middle of the chain", sql: { _ in "DELETE FROM revision WHERE id = 5" },
             problems: { s in ["verify.chain revision 6", "verify.unrecorded experience \(s.programme.id.rawValue)"] }),
        Case(name: "two revisions swapped", sql: { _ in """
            UPDATE revision SET id = -5 WHERE id = 5; UPDATE revision SET id = 5 WHERE id = 6;
            UPDATE revision SET id = 6 WHERE id = -5
            """ }, problems: { _ in ["verify.chain revision 5", "verify.chain revision 6", "verify.chain revision 7"] }),
        Case(name: "a revision moved to another person", sql: { _ in "UPDATE revision SET personID = 'someone' WHERE id = 9" },
             problems: { _ in ["verify.chain revision 9", "verify.hash revision 9", "verify.chain revision 10"] }),
        Case(name: "a forged revision appended", sql: { _ in """
            INSERT INTO revision (personID, entity, entityID, action, at, actor, snapshot, contentHash, previousHash, hash)
            SELECT personID, entity, entityID, 'delete', at, 'mallory', snapshot, contentHash, previousHash, 'forged'
            FROM revision WHERE id = 11
            """ }, problems: { s in
                ["verify.chain revision 12", "verify.hash revision 12",
                 "verify.changed link \(s.mentoring.id.rawValue):supports:\(s.job.id.rawValue)"]
            }),
        // Refused by a unique index of hashes until v6; the chain finds it (schema v6 dropped it).
        Case(name: "a revision copied whole, hash and all", sql: { _ in """
            INSERT INTO revision (personID, entity, entityID, action, at, actor, snapshot, contentHash, previousHash, hash)
            SELECT personID, entity, entityID, action, at, actor, snapshot, contentHash, previousHash, hash
            FROM revision WHERE id = 11
            """ }, problems: { _ in ["verify.chain revision 12"] }),
        Case(name: "the newest revision removed", sql: { _ in "DELETE FROM revision WHERE id = 11" },
             problems: { s in ["verify.unrecorded link \(s.mentoring.id.rawValue):supports:\(s.job.id.rawValue)",
                               "verify.truncated revision 11"] }),
        // Nothing left points at them: only the row counter, ahead of the last row, tells.
        Case(name: "the newest record removed with its revisions", sql: { s in """
            DELETE FROM link WHERE fromID = '\(s.mentoring.id)' AND type = 'supports'; DELETE FROM revision WHERE id = 11
            """ }, problems: { _ in ["verify.truncated revision 11"] }),
        Case(name: "a link removed", sql: { s in "DELETE FROM link WHERE fromID = '\(s.training.id)'" },
             problems: { s in ["verify.missing link \(s.training.id.rawValue):ledTo:\(s.programme.id.rawValue)"] }),
        Case(name: "an experience's visibility changed", sql: { s in
            "UPDATE experience SET visibility = 'private' WHERE id = '\(s.mentoring.id)'"
        }, problems: { s in ["verify.changed experience \(s.mentoring.id.rawValue)"] }),
        Case(name: "a person's name changed", sql: { s in "UPDATE person SET name = 'Someone Else' WHERE id = '\(s.person.id)'" },
             problems: { s in ["verify.changed person \(s.person.id.rawValue)"] }),
    ]

    @Test(arguments: cases)
    func verifyNamesWhatWasChanged(_ tamper: Case) throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let seeded = try Seeded(temporary.open())
        try temporary.tamper(tamper.sql(seeded))
        let problems = try seeded.ledger.verify().problems
        let found = problems.map { problem -> String in
            let location = problem.location.map { ($0.entity ?? "") + " " + ($0.id ?? "") } ?? ""
            return problem.code + " " + location
        }
        #expect(found.sorted() == tamper.problems(seeded).sorted())
        #expect(problems.allSatisfy { $0.hint?.isEmpty == false })
        // `restore` takes a record's ID; a link has none, so its hint must not offer one.
        #expect(problems.filter { $0.location?.entity == "link" }.allSatisfy { !($0.hint ?? "").contains("restore \(seeded.mentoring.id.rawValue.prefix(8))") })
    }

    /// A revision whose content was changed by hand is not restored (its text would become
    /// the record's), and `verify` does not offer it as the way back.
    @Test func aChangedRevisionIsNeitherRestoredNorOffered() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let seeded = try Seeded(temporary.open())
        let id = seeded.job.id.rawValue
        try seeded.ledger.transaction { tx in _ = try tx.update(seeded.job.id) { $0.summary = "Reports" } }
        let latest = try #require(try seeded.ledger.read { try $0.history(of: RecordReference(.experience, id)) }.filter { $0.entity == .experience }.last)
        try temporary.tamper("UPDATE revision SET snapshot = replace(snapshot, 'Reports', 'Forged') WHERE id = \(latest.id)")
        let problems = try seeded.ledger.verify().problems
        #expect(problems.map(\.code).sorted() == ["verify.changed", "verify.content"])
        let changed = try #require(problems.first { $0.code == "verify.changed" })
        #expect(changed.hint?.contains("changed too") == true && changed.hint?.contains("--revision") == false, "\(changed.hint ?? "")")
        #expect(throws: LedgerError.self) { try seeded.ledger.restore(id, revision: latest.id) }
        #expect(try seeded.ledger.read { try $0.stored(seeded.job.id) }.experience.summary == "Reports")
        // The revision before it is intact, and restores.
        let before = try #require(try seeded.ledger.read { try $0.history(of: RecordReference(.experience, id)) }.filter { $0.entity == .experience }.dropLast().last)
        try seeded.ledger.restore(id, revision: before.id)
        #expect(try seeded.ledger.read { try $0.stored(seeded.job.id) }.experience.summary == nil)
    }

    /// Purging a person removes their revisions, the newest among them: that is no truncation.
    @Test func purgingThePersonWhoseRevisionsAreNewestIsNoTruncation() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let seeded = try Seeded(temporary.open())
        let other = try seeded.ledger.addPerson(name: "Alex Morgan")
        _ = try seeded.ledger.add(Experience(id: seeded.ledger.newID(), kind: .job, title: "Teacher"), for: other.id)
        try seeded.ledger.purge(RecordReference(.person, other.id.rawValue))
        #expect(try seeded.ledger.verify().problems == [])
    }

    @Test func aChangedLinksHintIsOneThatWorks() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let seeded = try Seeded(temporary.open())
        try temporary.tamper("UPDATE link SET note = 'forged' WHERE fromID = '\(seeded.training.id)'")
        let problem = try #require(try seeded.ledger.verify().problems.first)
        #expect(problem.code == "verify.changed")
        #expect(problem.hint?.contains("unlink and link again") == true)
        #expect(problem.hint?.contains("--revision") == false)
    }
}

/// What the errors about deleted, purged and mismatched records name: the record as a
/// command would name it, never "nothing matches" for a record that is there but deleted.
struct DeletedRecordMessageTests {
    /// Two experiences whose IDs share their first 8 characters, and one that shares them with none.
    func ledgerWithSharedShortIDs() throws -> (Ledger, Person) {
        let ledger = try Ledger.inMemory(options: .init(ids: .sequential(), actor: "tester"))
        let person = try ledger.addPerson(name: "김하늘")
        for (id, title) in [("2024exp-training", "데이터 분석 실무"), ("2024exp-trainee", "인턴십"), ("unique-experience", "바리스타")] {
            try ledger.add(Experience(id: ExperienceID(rawValue: id), kind: .training, title: title), for: person.id)
        }
        return (ledger, person)
    }

    func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return (error as? LedgerError).map { "\($0.message) | \($0.hint ?? "")" } }
    }

    @Test func aDeletedExperienceIsSaidToBeDeletedWhereItIsLookedUp() throws {
        let (ledger, _) = try ledgerWithSharedShortIDs()
        try ledger.delete("2024exp-training")
        try ledger.delete("unique-e")
        // By its whole ID or a prefix only it has, among live experiences: deleted, not missing.
        for reference in ["2024exp-training", "2024exp-trainin"] {
            #expect(throws: LedgerError.self) { try ledger.read { try $0.resolveExperience(reference) } }
            #expect(message { _ = try ledger.read { try $0.resolveExperience(reference) } }
                    == "experience 2024exp-training is deleted | `pathfolio restore 2024exp-training` brings it back; `pathfolio history 2024exp-training` shows what it was")
        }
        #expect(message { _ = try ledger.read { try $0.resolveExperience("uniq") } }
                == "experience unique-e is deleted | `pathfolio restore unique-e` brings it back; `pathfolio history unique-e` shows what it was")
        // A prefix two deleted ones share lists them, as for live ones.
        try ledger.delete("2024exp-trainee")
        #expect(message { _ = try ledger.read { try $0.resolveExperience("2024exp-trai") } }
                == "'2024exp-trai' matches 2 deleted experiences: 2024exp-trainee, 2024exp-training | type more characters of the ID")
        try ledger.restore("2024exp-trainee")
        // A prefix both live and deleted ones share names the live one; one nothing has, nothing.
        #expect(try ledger.read { try $0.resolveExperience("2024exp-trainee") }.rawValue == "2024exp-trainee")
        #expect(message { _ = try ledger.read { try $0.resolveExperience("nothing-here") } }?.hasPrefix("no experience matches 'nothing-here'") == true)
        // Changed through the library, the same record is named the same way.
        #expect(message { try ledger.update(ExperienceID(rawValue: "2024exp-training")) { $0.title = "x" } }
                == "experience 2024exp-training is deleted | restore it first with `pathfolio restore 2024exp-training`")
        #expect(message { try ledger.delete("unique-experience") }
                == "experience unique-e is already deleted | `pathfolio restore unique-e` brings it back")
    }

    @Test func aRevisionOfAnotherRecordIsRefusedNamingBothAsCommandsWould() throws {
        let (ledger, _) = try ledgerWithSharedShortIDs()
        let trainee = try #require(try ledger.history(of: "2024exp-trainee").first)
        #expect(message { try ledger.restore("2024exp-training", revision: trainee.id) }
                == "revision \(trainee.id) belongs to experience 2024exp-trainee, not experience 2024exp-training | `pathfolio history 2024exp-training` lists this record's revisions")
        #expect(message { try ledger.restore("unique-experience") }
                == "experience unique-e is not deleted | to go back to an earlier version, pass --revision N (see `pathfolio history unique-e`)")
    }

    @Test func aPurgedRecordIsNamedWholeByAPrefixOnlyItHad() throws {
        let (ledger, _) = try ledgerWithSharedShortIDs()
        try ledger.purge("unique-experience")
        for reference in ["unique-experience", "uniq"] {
            #expect(message { _ = try ledger.history(of: reference) }
                    == "experience unique-experience was purged | purged records are erased for good; nothing of them is left to show or restore")
        }
    }

    @Test func aPurgedExperienceThatLedSomewhereIsStillNamedByAPrefix() throws {
        let (ledger, _) = try ledgerWithSharedShortIDs()
        // Its link's purge entry is keyed by both ends' IDs, beginning with this one's.
        try ledger.link(from: "unique-experience", to: "2024exp-trainee", type: .ledTo)
        try ledger.purge("unique-experience")
        #expect(message { _ = try ledger.history(of: "uniq") }?.hasPrefix("experience unique-experience was purged |") == true)
        #expect(throws: LedgerError.self) { try ledger.restore("unique-e") }
        #expect((try? ledger.history(of: "unique-e")) == nil)
        do { _ = try ledger.history(of: "unique-e") } catch let error as LedgerError {
            #expect(error.category == .notFound && error.code == "reference.purged")
        }
    }

    @Test func aHintNamesARecordWholeWhereAnotherKindSharesItsShortID() throws {
        let (ledger, person) = try ledgerWithSharedShortIDs()
        try ledger.add(Experience(id: "orgshare-job", kind: .job, title: "Barista"), for: person.id)
        try ledger.add(Reflection(id: "orgshare-note", experienceID: "orgshare-job", kind: .free, written: try PartialDate("2025-01-10")))
        try ledger.delete("orgshare-job")
        // `restore orgshare` would match the experience and the reflection.
        #expect(message { try ledger.update("orgshare-job") { $0.title = "x" } }
                == "experience orgshare-job is deleted | restore it first with `pathfolio restore orgshare-job`")
        #expect(message { _ = try ledger.read { try $0.resolveExperience("orgshare-j") } }?
                    .hasPrefix("experience orgshare-job is deleted | `pathfolio restore orgshare-job`") == true)
    }

    @Test func aWholeIDNamesItsRecordWhereItBeginsAnotherKindsIDs() throws {
        let ledger = try Ledger.inMemory(options: .init(ids: .sequential(), actor: "tester"))
        let dana = try ledger.transaction { try $0.addPerson(Person(id: "dana0001", name: "Dana Scott")) }
        try ledger.add(Experience(id: "dana0001-exp1", kind: .job, title: "Analyst"), for: dana.id)
        try ledger.add(Experience(id: "dana0001-exp2", kind: .job, title: "Lead"), for: dana.id)
        #expect(try ledger.read { try $0.resolveRecord("dana0001") } == RecordReference(.person, "dana0001"))
        try ledger.delete("dana0001")
        try ledger.restore("dana0001")
        // A prefix shorter than the whole ID still names several records.
        #expect(throws: LedgerError.self) { try ledger.read { try $0.resolveRecord("dana000") } }
    }

    @Test func aDeletedPersonNamedByNameIsSaidToBeDeleted() throws {
        let (ledger, _) = try ledgerWithSharedShortIDs()
        let other = try ledger.addPerson(name: "박서준")
        try ledger.delete(other.id.rawValue)
        for reference in ["박서준", "서준"] {
            #expect(message { _ = try ledger.read { try $0.resolvePerson(reference) } }?.hasPrefix("person \(other.id.rawValue) is deleted |") == true)
        }
        // Two deleted people it could be: nothing matches, as before.
        try ledger.delete(try ledger.addPerson(name: "이서준").id.rawValue)
        #expect(message { _ = try ledger.read { try $0.resolvePerson("서준") } }?.hasPrefix("no person matches") == true)
    }

    @Test func nothingIsChangedThatHangsOnADeletedExperienceOrPerson() throws {
        let seeded = try Seeded()
        let reflection = try seeded.ledger.add(Reflection(id: seeded.ledger.newID(), experienceID: seeded.job.id,
                                                          kind: .free, written: try PartialDate("2025-03-01")))
        try seeded.ledger.delete(seeded.job.id.rawValue)
        let job = seeded.job.id.rawValue
        // A deleted experience's reflection is not revised, as the experience is not edited.
        #expect(message { _ = try seeded.ledger.transaction { try $0.updateReflection(reflection.id) { $0.rating = 5 } } }
                == "experience \(job) is deleted | restore it first with `pathfolio restore \(job)`")
        try seeded.ledger.restore(job)
        // A deleted person's experiences keep what they had until the person comes back.
        let person = seeded.person.id.rawValue
        try seeded.ledger.delete(person)
        let refusal = "experience \(job) belongs to person \(person), who is deleted | restore them first with `pathfolio restore \(person)`"
        #expect(message { try seeded.ledger.update(seeded.job.id) { $0.title = "x" } } == refusal)
        #expect(message { _ = try seeded.ledger.transaction { try $0.updateReflection(reflection.id) { $0.rating = 5 } } } == refusal)
        #expect(message { try seeded.ledger.link(from: seeded.job.id, to: seeded.training.id, type: .relatedTo) }?.hasSuffix("who is deleted | restore them first with `pathfolio restore \(person)`") == true)
        try seeded.ledger.restore(person)
        try seeded.ledger.update(seeded.job.id) { $0.title = "주니어 데이터 분석가 (정규직)" }
    }

    @Test func aDeletedPersonIsSaidToBeDeletedOnlyWhereNoLivePersonAnswers() throws {
        let (ledger, person) = try ledgerWithSharedShortIDs()
        let other = try ledger.addPerson(name: "Alex Morgan")
        try ledger.delete(other.id.rawValue)
        // (Sequential IDs: the short form is everyone's, so the whole ID names them.)
        let id = other.id.rawValue
        #expect(message { _ = try ledger.read { try $0.resolvePerson(id) } }?.hasPrefix("person \(id) is deleted |") == true)
        // A name part that a live person has still finds them.
        #expect(try ledger.read { try $0.resolvePerson("하늘") }.id == person.id)
    }
}

/// IDs are unique within a kind, not across kinds: an imported file may number its people
/// and its experiences alike (`1`, `2`, …). Each record keeps its own history, `verify`
/// tells them apart, and a command names one of them with its kind (`experience:1`).
struct SharedIDTests {
    @Test func aPersonAndAnExperienceWithTheSameIDStayTwoRecords() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let ledger = try temporary.open()
        let one = PersonID(rawValue: "1")
        try ledger.transaction { _ = try $0.addPerson(Person(id: one, name: "김하늘")) }
        let minjun = try ledger.addPerson(name: "이민준")
        let first = try ledger.add(Experience(id: ExperienceID(rawValue: "1"), kind: .job, title: "바리스타"), for: minjun.id)
        let second = try ledger.add(Experience(id: ledger.newID(), kind: .job, title: "Cook"), for: minjun.id)
        try ledger.link(from: first.id, to: second.id, type: .ledTo)
        _ = try ledger.transaction { tx in
            try tx.updatePerson(one) { $0.details = [PersonalDetail(.headline, "Changed")] }
        }
        #expect(try ledger.verify().problems == [])

        let experience = RecordReference(.experience, "1"), person = RecordReference(.person, "1")
        let (ofExperience, ofPerson) = try ledger.read { tx in (try tx.history(of: experience), try tx.history(of: person)) }
        #expect(ofExperience.map(\.entity) == [.experience, .link])
        #expect(ofPerson.map(\.entity) == [.person, .person])
        #expect(ofPerson.allSatisfy { $0.personID == one })

        // The bare ID names both; the kind names one, and the message says how.
        #expect(throws: LedgerError.self) { try ledger.history(of: "1") }
        let error = try #require(throws: LedgerError.self) { try ledger.read { try $0.resolveRecord("1") } }
        #expect(error.message == "'1' is the ID of 2 records: an experience and a person")
        #expect(error.hint == "name the kind with the ID: `experience:1` or `person:1`")
        #expect(try ledger.read { try $0.resolveRecord("experience:1") } == experience)
        #expect(try ledger.read { try $0.resolveRecord("person:1") } == person)
        #expect(try ledger.read { $0.typedID(of: experience) } == "experience:1")

        // A revision of the person is not the experience's to restore.
        let personRevision = try #require(ofPerson.first?.id)
        #expect(throws: LedgerError.self) { try ledger.restore("experience:1", revision: personRevision) }

        // Purging the experience erases its content only: the person's revisions keep theirs.
        try ledger.delete("experience:1")
        try ledger.purge("experience:1")
        let after = try ledger.read { try $0.history(of: person) }
        #expect(after.count == 2 && after.allSatisfy { $0.snapshot != nil })
        #expect(try ledger.verify().problems == [])
    }
}
