public import PathfolioCore
import GRDB

/// What ``Ledger/verify()`` found.
public struct VerificationReport: Sendable, Hashable {
    /// Every problem, each naming the record or revision concerned.
    public var problems: [Diagnostic]
    public var revisionsChecked: Int
    public var recordsChecked: Int
    public var people: Int

    /// Whether the ledger passed every check.
    public var isIntact: Bool { problems.isEmpty }
}

extension Ledger.Transaction {
    /// Checks the ledger file and its history: SQLite's integrity and foreign-key checks,
    /// every person's revision hash chain (a changed, inserted or deleted revision breaks
    /// it), every snapshot against its content hash, and every record against its latest
    /// revision (a row edited behind Pathfolio's back no longer matches).
    public func verify() throws -> VerificationReport {
        var problems: [Diagnostic] = []
        let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        if integrity != ["ok"] {
            for line in integrity.prefix(20) {
                problems.append(.error("verify.integrity", "SQLite integrity check: \(line)",
                                       hint: "restore from a backup (`pathfolio backup` makes one)"))
            }
        }
        let dangling = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
        for row in dangling.prefix(20) {
            problems.append(.error("verify.foreignKey", "a row of \(row[0] as String? ?? "?") points at a missing \(row[2] as String? ?? "?")",
                                   hint: "the file was edited outside Pathfolio; restore from a backup"))
        }

        // The hash chains.
        var previous: [String: String] = [:]
        var latest: [RecordReference: Revision] = [:]
        var changed: Set<Int64> = []  // revisions whose content or hash no longer checks out
        var revisionCount = 0, newest: Int64 = 0
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM revision ORDER BY id")
        while let row = try cursor.next() {
            revisionCount += 1
            let revision = Self.revision(from: row)
            let person = revision.personID.rawValue
            let previousHash: String? = row["previousHash"]
            let (hashHolds, contentHolds) = Self.integrity(of: row)
            let location = Diagnostic.Location.record("revision", String(revision.id))
            if previousHash != previous[person] {
                problems.append(.error("verify.chain", "revision \(revision.id) does not follow the revision before it for person \(person.prefix(8))",
                                       hint: "a revision was deleted, inserted or reordered outside Pathfolio; restore from a backup",
                                       at: location))
            }
            newest = revision.id  // in order
            if !hashHolds {
                changed.insert(revision.id)
                problems.append(.error("verify.hash", "revision \(revision.id) (\(revision.entity.rawValue) \(revision.entityID.prefix(8))) was changed after it was written",
                                       hint: "restore from a backup", at: location))
            }
            if !contentHolds {
                changed.insert(revision.id)
                problems.append(.error("verify.content", "the content of revision \(revision.id) (\(revision.entity.rawValue) \(revision.entityID.prefix(8))) was changed after it was written",
                                       hint: "restore from a backup", at: location))
            }
            previous[person] = revision.hash
            // By kind too: an imported person and experience may share an ID.
            latest[revision.record] = revision
        }

        // Every record against its latest revision.
        var records = 0
        func check(_ entity: RevisionEntity, _ id: String, deleted: Bool, current: String) {
            records += 1
            let location = Diagnostic.Location.record(entity.rawValue, id)
            guard let revision = latest[RecordReference(entity, id)] else {
                problems.append(.error("verify.unrecorded", "\(entity.rawValue) \(id.prefix(8)) has no revision",
                                       hint: "it was added outside Pathfolio; remove it, or restore from a backup", at: location))
                return
            }
            if revision.snapshot != current {
                // `restore` takes a record's ID; a link has none of its own (its key names its two ends).
                // A latest revision that was changed too is no version to go back to.
                let fix = changed.contains(revision.id)
                    ? "its latest revision (\(revision.id)) was changed too, so neither can be trusted; restore from a backup"
                    : entity == .link
                    ? "`pathfolio history \(id.prefix(8))` shows the recorded link; unlink and link again to put it back, or restore from a backup"
                    : "`pathfolio restore \(id.prefix(8)) --revision \(revision.id)` puts the recorded version back"
                problems.append(.error("verify.changed", "\(entity.rawValue) \(id.prefix(8)) differs from its latest revision (\(revision.id))",
                                       hint: "it was changed outside Pathfolio; \(fix)", at: location))
            } else if (revision.action == .delete) != deleted {
                problems.append(.error("verify.changed", "\(entity.rawValue) \(id.prefix(8)) is \(deleted ? "" : "not ")deleted, but its latest revision says otherwise",
                                       hint: "it was changed outside Pathfolio; restore from a backup", at: location))
            }
        }
        let people = try Row.fetchAll(db, sql: "SELECT id, deletedAt FROM person")
        for row in people {
            let id: String = row["id"]
            let person = try self.person(PersonID(rawValue: id), includeDeleted: true)
            check(.person, id, deleted: row["deletedAt"] != nil as String?, current: try JSON.string(person))
        }
        for organization in try fetchColumns("SELECT \(Self.organizationSelection) FROM organization o", { Self.organization(from: $0, at: 0) }) {
            check(.organization, organization.id.rawValue, deleted: false, current: try JSON.string(organization))
        }
        let experiences = try fetchColumns("SELECT \(ExperienceColumns.selection) FROM experience e") { row in
            (deleted: !row.isNull(ExperienceColumns.Column.deletedAt.rawValue), experience: try ExperienceColumns.experience(from: row))
        }
        for (deleted, experience) in experiences {
            check(.experience, experience.id.rawValue, deleted: deleted, current: try JSON.string(experience))
        }
        for link in try fetchColumns("SELECT \(Self.linkSelection) FROM link l", { Self.link(from: $0, at: 0) }) {
            check(.link, link.key, deleted: false, current: try JSON.string(link))
        }
        let reflections = try fetchColumns("SELECT \(ReflectionColumns.selection), r.deletedAt FROM reflection r") { row in
            (reflection: try ReflectionColumns.reflection(from: row, at: 0), deleted: !row.isNull(11))
        }
        for (reflection, deleted) in reflections {
            check(.reflection, reflection.id.rawValue, deleted: deleted, current: try JSON.string(reflection))
        }
        // Records whose history says they exist, but whose row is gone.
        let live = Set(try Row.fetchAll(db, sql: """
            SELECT 'person', id FROM person UNION ALL SELECT 'organization', id FROM organization
            UNION ALL SELECT 'experience', id FROM experience UNION ALL SELECT 'reflection', id FROM reflection
            UNION ALL SELECT 'link', fromID || ':' || type || ':' || toID FROM link
            """).compactMap { row in RevisionEntity(rawValue: row[0]).map { RecordReference($0, row[1]) } })
        for (record, revision) in latest where !live.contains(record) && revision.action != .purge
            && !(revision.entity == .link && revision.action == .delete) {
            let id = record.id
            problems.append(.error("verify.missing", "\(revision.entity.rawValue) \(id.prefix(8)) was removed outside Pathfolio",
                                   hint: "restore from a backup", at: .record(revision.entity.rawValue, id)))
        }
        // The newest revisions removed with their records leave no gap in the chain, only in
        // the row counter, which stays ahead of them (purging a person, whose revisions go
        // with them, records where the counter stood).
        let counter = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'revision'") ?? 0
        let purgedThrough = try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM setting WHERE key = 'revisionsPurgedThrough'") ?? 0
        if counter > max(newest, purgedThrough) {
            let missing = newest + 1 == counter ? "revision \(counter) is" : "revisions \(newest + 1)–\(counter) are"
            problems.append(.error("verify.truncated", "the newest \(missing) missing: removed outside Pathfolio, with what they recorded",
                                   hint: "restore from a backup (a ledger whose last change, by an earlier version, was purging a person reads the same)",
                                   at: .record("revision", String(newest + 1))))
        }
        return VerificationReport(problems: problems, revisionsChecked: revisionCount, recordsChecked: records,
                                  people: people.count)
    }
}

extension Ledger.Transaction {
    /// Whether a revision's row still holds what was written: its chain hash over its fields,
    /// and its snapshot (when it has one) against its content hash. `verify` checks every
    /// revision so; `restore --revision` the one it would put back.
    static func integrity(of row: Row) -> (hashHolds: Bool, contentHolds: Bool) {
        let contentHash: String = row["contentHash"]
        let expected = Revision.chainHash(previousHash: row["previousHash"], personID: row["personID"], entity: row["entity"],
                                          entityID: row["entityID"], action: row["action"], at: row["at"], actor: row["actor"],
                                          contentHash: contentHash)
        let snapshot: String? = row["snapshot"]
        return (expected == row["hash"], snapshot.map { Digest.sha256($0) == contentHash } ?? true)
    }
}

extension Ledger {
    /// Checks the file and its history; see ``Transaction/verify()``.
    public func verify() throws -> VerificationReport {
        try read { try $0.verify() }
    }
}
