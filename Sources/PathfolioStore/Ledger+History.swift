import Foundation
import PathfolioCore
import GRDB

/// A record named by the user: which kind, and its full ID.
public struct RecordReference: Sendable, Hashable, CustomStringConvertible {
    public var entity: RevisionEntity
    public var id: String

    public init(_ entity: RevisionEntity, _ id: String) {
        self.entity = entity
        self.id = id
    }

    public var description: String { "\(entity.rawValue) \(id.prefix(8))" }

    /// `experience:1`: the ID with its kind, as ``Ledger/Transaction/resolveRecord(_:)``
    /// takes it where records of two kinds share the ID.
    public var qualified: String { "\(entity.rawValue):\(id)" }
}

extension Ledger.Transaction {
    /// The record an ID or unique ID prefix names, whatever its kind (deleted ones included).
    /// `KIND:ID` (`experience:1`, `person:1`) names a record of that kind only: an imported
    /// file may give a person and an experience the same ID, which only the kind tells apart.
    public func resolveRecord(_ reference: String) throws -> RecordReference {
        let reference = reference.trimmingWhitespace
        let tables: [(RevisionEntity, String)] = [(.experience, "experience"), (.person, "person"),
                                                  (.reflection, "reflection"), (.organization, "organization")]
        // An ID never holds a colon, so a colon can only separate a kind from an ID.
        if let colon = reference.firstIndex(of: ":"),
           let (entity, table) = tables.first(where: { $0.0.rawValue == reference[..<colon] }) {
            let id = String(reference[reference.index(after: colon)...])
            return RecordReference(entity, try resolve(id, in: table, entity: entity.rawValue))
        }
        var found: [RecordReference] = []
        var ambiguity: [String] = []
        for (entity, table) in tables {
            do {
                found.append(RecordReference(entity, try resolve(reference, in: table, entity: entity.rawValue)))
            } catch LedgerError.notFound {
                continue
            } catch LedgerError.ambiguous(_, _, let candidates) {
                ambiguity += candidates.map { "\($0) (\(entity.rawValue))" }
            }
        }
        if found.count == 1, ambiguity.isEmpty { return found[0] }
        // A whole ID names its record even where it begins another kind's IDs (person
        // `dana0001` beside experience `dana0001-exp1`: neither could be named otherwise).
        let exact = found.filter { $0.id == reference }
        if exact.count == 1 { return exact[0] }
        if exact.count > 1 {
            let kinds = exact.map { ($0.entity == .experience || $0.entity == .organization ? "an " : "a ") + $0.entity.rawValue }
            throw LedgerError.conflict(message: "'\(reference)' is the ID of \(exact.count) records: \(kinds.joined(separator: " and "))",
                                       hint: "name the kind with the ID: \(exact.map { "`\($0.qualified)`" }.joined(separator: " or "))")
        }
        if found.isEmpty, ambiguity.isEmpty {
            if let (entity, id) = try purgedRecord(named: reference) { throw LedgerError.purged(entity: entity, id: id) }
            throw LedgerError.notFound(entity: "record", reference: reference)
        }
        throw LedgerError.ambiguous(entity: "record", reference: reference,
                                    candidates: zip(LedgerError.distinguishable(found.map(\.id), length: 12), found)
                                        .map { "\($0) (\($1.entity.rawValue))" } + ambiguity)
    }

    /// The one purged record `reference` names, by its whole ID or by a prefix only it had,
    /// of `entity` or of any kind: its entity and whole ID. A link's purge entries, keyed by
    /// both ends' IDs, are not records one names.
    func purgedRecord(named reference: String, entity: String? = nil) throws -> (entity: String, id: String)? {
        let kind = entity == nil ? "entity != 'link'" : "entity = ?"
        let kindArguments: StatementArguments = entity.map { [$0] } ?? []
        var purged = try Row.fetchAll(db, sql: """
            SELECT DISTINCT entity, entityID FROM revision WHERE entityID = ? AND action = 'purge' AND \(kind) LIMIT 2
            """, arguments: [reference] + kindArguments)
        if purged.isEmpty, reference.count >= 4 {
            purged = try Row.fetchAll(db, sql: """
                SELECT DISTINCT entity, entityID FROM revision
                WHERE entityID >= ? AND entityID < ? AND action = 'purge' AND \(kind) LIMIT 2
                """, arguments: [reference, reference + "\u{10FFFF}"] + kindArguments)
        }
        guard purged.count == 1, let found: String = purged[0]["entity"], let id: String = purged[0]["entityID"] else { return nil }
        return (found, id)
    }

    // MARK: History

    /// Every revision of a record, oldest first. For an experience this includes the
    /// revisions of its links and of its reflections.
    public func history(of record: RecordReference) throws -> [Revision] {
        guard record.entity == .experience else {
            // By kind too: a person and an experience imported with the same ID are two records.
            return try fetch("SELECT * FROM revision WHERE entityID = ? AND entity = ? ORDER BY id",
                             arguments: [record.id, record.entity.rawValue], Self.revision(from:))
        }
        // The person comes from the experience's own revisions, which a purge keeps.
        let person = try String.fetchOne(db.cachedStatement(sql: "SELECT personID FROM revision WHERE entityID = ? AND entity = 'experience' LIMIT 1"),
                                         arguments: [record.id])
        return try fetch(Self.experienceHistory, arguments: Self.experienceHistoryArguments(record.id, person: person ?? ""),
                         Self.revision(from:))
    }

    /// The arguments of ``experienceHistory`` for an experience and its person. The keys of
    /// the links from it lie between `id:` and `id;` (';' follows ':'); those to it end `:id`.
    static func experienceHistoryArguments(_ id: String, person: String) -> StatementArguments {
        [id, person, id + ":", id + ";", person, ":" + id, id]
    }

    /// An experience's revisions with those of its links and reflections. A link's revisions
    /// are found by their key (`from:type:to`) among the person's link revisions: those from
    /// the experience by the key's start (the index `revision_link`, schema v4), those to it
    /// by the key's end (`revision_link_to`, v5). Never by reading every revision of the
    /// ledger or of the person: `show` runs this on caseloads of 100,000 revisions and more.
    static let experienceHistory = """
        SELECT * FROM revision
        WHERE (entityID = ? AND entity = 'experience')
           OR (personID = ? AND entity = 'link' AND entityID > ? AND entityID < ?)
           OR (personID = ? AND entity = 'link' AND \(Ledger.linkTarget) = ?)
           OR (entity = 'reflection' AND entityID IN (SELECT id FROM reflection WHERE experienceID = ?))
        ORDER BY id
        """

    /// The revision with a number.
    public func revision(_ number: Int64) throws -> Revision {
        Self.revision(from: try revisionRow(number))
    }

    /// The row of revision `number`, every column.
    func revisionRow(_ number: Int64) throws -> Row {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM revision WHERE id = ?", arguments: [number]) else {
            throw LedgerError.notFound(entity: "revision", reference: String(number))
        }
        return row
    }

    static func revision(from row: Row) -> Revision {
        Revision(id: row["id"], personID: PersonID(rawValue: row["personID"]),
                 entity: RevisionEntity(rawValue: row["entity"]) ?? .experience, entityID: row["entityID"],
                 action: RevisionAction(rawValue: row["action"]) ?? .update,
                 at: Timestamp.parse(row["at"]) ?? .distantPast, actor: row["actor"], snapshot: row["snapshot"],
                 hash: row["hash"])
    }

    // MARK: Delete, restore, purge

    /// Deletes a person, an experience or a reflection, reversibly: it disappears from
    /// lists, paths and exports until ``restore(_:revision:)`` brings it back.
    public func delete(_ record: RecordReference) throws {
        switch record.entity {
        case .experience:
            let stored = try stored(ExperienceID(rawValue: record.id))
            guard stored.deletedAt == nil else { throw alreadyDeleted(record) }
            try db.execute(sql: "UPDATE experience SET deletedAt = ?, updatedAt = ? WHERE id = ?",
                           arguments: [timestamp, timestamp, record.id])
            try appendRevision(person: stored.personID, entity: .experience, id: record.id, action: .delete,
                               snapshot: stored.experience)
        case .reflection:
            let (reflection, person, deleted) = try storedReflection(ReflectionID(rawValue: record.id))
            guard !deleted else { throw alreadyDeleted(record) }
            try db.execute(sql: "UPDATE reflection SET deletedAt = ?, updatedAt = ? WHERE id = ?",
                           arguments: [timestamp, timestamp, record.id])
            try appendRevision(person: person, entity: .reflection, id: record.id, action: .delete, snapshot: reflection)
        case .person:
            let person = try person(PersonID(rawValue: record.id), includeDeleted: true)
            guard try storedPeople(where: "id = ?", [record.id], includeDeleted: false).first != nil else {
                throw alreadyDeleted(record)
            }
            try db.execute(sql: "UPDATE person SET deletedAt = ?, updatedAt = ? WHERE id = ?",
                           arguments: [timestamp, timestamp, record.id])
            try db.execute(sql: "DELETE FROM setting WHERE key = 'defaultPerson' AND value = ?", arguments: [record.id])
            try appendRevision(person: person.id, entity: .person, id: record.id, action: .delete, snapshot: person)
        case .organization, .link:
            throw LedgerError.conflict(
                message: "\(record.entity.rawValue)s are not deleted on their own",
                hint: record.entity == .link ? "use `pathfolio unlink FROM TO`" : "an organization goes when its person is purged")
        }
    }

    private func alreadyDeleted(_ record: RecordReference) -> LedgerError {
        .conflict(message: "\(named(record)) is already deleted", hint: "`pathfolio restore \(typedID(of: record))` brings it back")
    }

    /// How a message, a listing or a hint names a record by its ID: the first 8 characters
    /// where `restore`, `history` and `delete` (which look in every kind of record, deleted
    /// ones too) find it by them, or find nothing (a purged record's, in its history); the
    /// whole ID where they name another record or several, so that the command a hint
    /// suggests names this one, not an ambiguity (`orgshare-job` beside reflection
    /// `orgshare-note`; IDs imported from another system often share their first characters).
    public func typedID(_ id: String) -> String {
        let short = String(id.prefix(8))
        guard short != id else { return id }
        do {
            return try resolveRecord(short).id == id ? short : id
        } catch LedgerError.ambiguous {
            return id
        } catch {
            return short
        }
    }

    /// ``typedID(_:)`` of a record; links, named by their ends, keep their key; a whole ID
    /// that records of other kinds have too is named with its kind (`experience:1`).
    public func typedID(of record: RecordReference) -> String {
        guard record.entity != .link else { return record.id }
        let typed = typedID(record.id)
        guard typed == record.id else { return typed }
        do {
            _ = try resolveRecord(record.id)
            return typed
        } catch LedgerError.conflict {
            return record.qualified
        } catch {
            return typed
        }
    }

    /// "experience 3f9a1c2e": a record's kind and ``typedID(of:)``.
    func named(_ record: RecordReference) -> String {
        // The kind is said already: `experience 1`, not `experience experience:1`.
        "\(record.entity.rawValue) \(record.entity == .link ? record.id : typedID(record.id))"
    }

    /// Brings a record back: undeletes it, or (with `revision`) makes an earlier revision's
    /// content current again. Either way a new revision records the restore; nothing is
    /// rewritten.
    ///
    /// - Throws: ``LedgerError/conflict(message:hint:)`` when the record is live and no
    ///   revision is given, or the revision is not one of the record's.
    public func restore(_ record: RecordReference, revision number: Int64? = nil) throws {
        // The row read once: the revision, and whether it still holds what was written.
        let row = try number.map(revisionRow)
        let revision = row.map(Self.revision(from:))
        if let revision, let row {
            guard revision.entityID == record.id, revision.entity == record.entity else {
                let owner = RecordReference(revision.entity, revision.entityID)
                throw LedgerError.conflict(message: "revision \(revision.id) belongs to \(named(owner)), not \(named(record))",
                                           hint: "`pathfolio history \(typedID(of: record))` lists this record's revisions")
            }
            guard revision.snapshot != nil else {
                throw LedgerError.conflict(message: "revision \(revision.id) holds no content (it was purged, or is a purge)",
                                           hint: "choose another revision from `pathfolio history \(typedID(of: record))`")
            }
            // Content changed outside Pathfolio must not become the record's again.
            guard Self.integrity(of: row) == (true, true) else {
                throw LedgerError.conflict(message: "revision \(revision.id) was changed after it was written; it is not restored",
                                           hint: "`pathfolio verify` lists what was changed; restore the ledger from a backup")
            }
        }
        switch record.entity {
        case .experience:
            let current = try stored(ExperienceID(rawValue: record.id))
            var experience = current.experience
            if let snapshot = revision?.snapshot {
                experience = try JSON.decode(Experience.self, from: snapshot)
            } else if current.deletedAt == nil {
                throw notDeleted(record)
            }
            try experience.diagnostics().throwIfInvalid()
            if let org = experience.organizationID,
               try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM organization WHERE id = ?)", arguments: [org.rawValue]) != true {
                experience.organizationID = nil
            }
            try db.execute(sql: "UPDATE experience SET deletedAt = NULL WHERE id = ?", arguments: [record.id])
            try write(experience, person: current.personID, action: .restore)
        case .reflection:
            let (current, person, deleted) = try storedReflection(ReflectionID(rawValue: record.id))
            var reflection = current
            if let snapshot = revision?.snapshot {
                reflection = try JSON.decode(Reflection.self, from: snapshot)
            } else if !deleted {
                throw notDeleted(record)
            }
            try db.execute(sql: "UPDATE reflection SET deletedAt = NULL WHERE id = ?", arguments: [record.id])
            try writeReflection(reflection, person: person, action: .restore)
        case .person:
            let id = PersonID(rawValue: record.id)
            var person = try self.person(id, includeDeleted: true)
            let deleted = try storedPeople(where: "id = ?", [record.id], includeDeleted: false).isEmpty
            if let snapshot = revision?.snapshot {
                person = try JSON.decode(Person.self, from: snapshot)
            } else if !deleted {
                throw notDeleted(record)
            }
            try db.execute(sql: "UPDATE person SET name = ?, nameVisibility = ?, details = ?, tags = ?, updatedAt = ?, deletedAt = NULL WHERE id = ?",
                           arguments: [person.name, person.nameVisibility.rawValue, try JSON.string(person.details),
                                       try JSON.string(person.tags), timestamp, record.id])
            try appendRevision(person: id, entity: .person, id: record.id, action: .restore, snapshot: person)
        case .organization:
            guard let snapshot = revision?.snapshot else { throw notDeleted(record) }
            let organization = try JSON.decode(Organization.self, from: snapshot)
            try updateOrganization(organization.id) { $0 = organization }
        case .link:
            throw LedgerError.conflict(message: "links are not restored from history",
                                       hint: "link the experiences again with `pathfolio link FROM TO --type …`")
        }
    }

    private func notDeleted(_ record: RecordReference) -> LedgerError {
        .conflict(message: "\(named(record)) is not deleted",
                  hint: "to go back to an earlier version, pass --revision N (see `pathfolio history \(typedID(of: record))`)")
    }

    /// Erases a person, an experience or a reflection for good, with everything stored about
    /// it: its rows, the records that hang on it (links, reflections; for a person, every
    /// experience and organization) and the content of its revisions.
    ///
    /// For an experience or reflection, the person's revision chain keeps content-free
    /// entries (time, action, hashes) and gains one `purge` entry, so ``Ledger/verify()``
    /// still proves nothing else was touched. Purging a person removes their whole chain.
    public func purge(_ record: RecordReference) throws {
        switch record.entity {
        case .person:
            let id = record.id
            _ = try person(PersonID(rawValue: id), includeDeleted: true)
            let experiences = "SELECT id FROM experience WHERE personID = ?"
            try db.execute(sql: "DELETE FROM link WHERE fromID IN (\(experiences)) OR toID IN (\(experiences))", arguments: [id, id])
            try db.execute(sql: "DELETE FROM reflection WHERE experienceID IN (\(experiences))", arguments: [id])
            try db.execute(sql: "DELETE FROM experience WHERE personID = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM organization WHERE personID = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM person WHERE id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM revision WHERE personID = ?", arguments: [id])
            // Where the revision counter stood: `verify` tells this from the newest revisions
            // removed by hand, which leave the counter ahead of the last row too.
            try db.execute(sql: """
                INSERT INTO setting (key, value) SELECT 'revisionsPurgedThrough', CAST(seq AS TEXT) FROM sqlite_sequence WHERE name = 'revision'
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """)
            try db.execute(sql: "DELETE FROM setting WHERE key = 'defaultPerson' AND value = ?", arguments: [id])
            forgetChainHead(of: PersonID(rawValue: id))
        case .experience:
            let stored = try stored(ExperienceID(rawValue: record.id))
            let reflectionIDs = try String.fetchAll(db, sql: "SELECT id FROM reflection WHERE experienceID = ?", arguments: [record.id])
            let linkKeys = try fetchColumns("SELECT \(Self.linkSelection) FROM link l WHERE l.fromID = ? OR l.toID = ?",
                                            arguments: [record.id, record.id]) { Self.link(from: $0, at: 0).key }
            try db.execute(sql: "DELETE FROM link WHERE fromID = ? OR toID = ?", arguments: [record.id, record.id])
            try db.execute(sql: "DELETE FROM reflection WHERE experienceID = ?", arguments: [record.id])
            try db.execute(sql: "DELETE FROM experience WHERE id = ?", arguments: [record.id])
            let escaped = record.id.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            try db.execute(sql: """
                UPDATE revision SET snapshot = NULL
                WHERE (entityID = ? AND entity = 'experience') OR (entity = 'link' AND (entityID LIKE ? ESCAPE '\\' OR entityID LIKE ? ESCAPE '\\'))
                """, arguments: [record.id, escaped + ":%", "%:" + escaped])
            for id in reflectionIDs {
                try db.execute(sql: "UPDATE revision SET snapshot = NULL WHERE entityID = ? AND entity = 'reflection'", arguments: [id])
                try appendRevision(person: stored.personID, entity: .reflection, id: id, action: .purge, snapshot: Optional<String>.none)
            }
            for key in linkKeys {
                try appendRevision(person: stored.personID, entity: .link, id: key, action: .purge, snapshot: Optional<String>.none)
            }
            try appendRevision(person: stored.personID, entity: .experience, id: record.id, action: .purge,
                               snapshot: Optional<String>.none)
            try purgeOrphanOrganization(stored.experience.organizationID, person: stored.personID)
        case .reflection:
            let (_, person, _) = try storedReflection(ReflectionID(rawValue: record.id))
            try db.execute(sql: "DELETE FROM reflection WHERE id = ?", arguments: [record.id])
            try db.execute(sql: "UPDATE revision SET snapshot = NULL WHERE entityID = ? AND entity = 'reflection'", arguments: [record.id])
            try appendRevision(person: person, entity: .reflection, id: record.id, action: .purge, snapshot: Optional<String>.none)
        case .organization, .link:
            throw LedgerError.conflict(message: "\(record.entity.rawValue)s are not purged on their own",
                                       hint: "purge the experience or the person they belong to")
        }
    }

    /// Removes an organization no experience names any more, with its history (an employer's
    /// name can say as much about a person as the experience did).
    private func purgeOrphanOrganization(_ id: OrganizationID?, person: PersonID) throws {
        guard let id, try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM experience WHERE organizationID = ?)",
                                        arguments: [id.rawValue]) == false else { return }
        try db.execute(sql: "DELETE FROM organization WHERE id = ?", arguments: [id.rawValue])
        try db.execute(sql: "UPDATE revision SET snapshot = NULL WHERE entityID = ? AND entity = 'organization'", arguments: [id.rawValue])
        try appendRevision(person: person, entity: .organization, id: id.rawValue, action: .purge, snapshot: Optional<String>.none)
    }
}

extension Ledger {
    /// Deletes a record reversibly; see ``Transaction/delete(_:)``.
    public func delete(_ reference: String) throws {
        try transaction { tx in try tx.delete(tx.resolveRecord(reference)) }
    }

    /// Restores a record; see ``Transaction/restore(_:revision:)``.
    public func restore(_ reference: String, revision: Int64? = nil) throws {
        try transaction { tx in try tx.restore(tx.resolveRecord(reference), revision: revision) }
    }

    /// Erases a record for good; see ``Transaction/purge(_:)``. Afterwards the write-ahead
    /// log is emptied into the file, where the erased content was overwritten.
    public func purge(_ reference: String) throws {
        try transaction { tx in try tx.purge(tx.resolveRecord(reference)) }
        try checkpoint()
    }

    /// Erases a record for good, as ``purge(_:)`` does, given its reference.
    public func purge(_ record: RecordReference) throws {
        try transaction { tx in try tx.purge(record) }
        try checkpoint()
    }

    /// Every revision of a record; see ``Transaction/history(of:)``.
    public func history(of reference: String) throws -> [Revision] {
        try read { tx in try tx.history(of: tx.resolveRecord(reference)) }
    }

    /// Copies the ledger to a new file with SQLite's online backup, safely while other
    /// processes write. The copy is created with mode 0600 and appears only when complete.
    ///
    /// - Throws: ``LedgerError/conflict(message:hint:)`` when `path` exists.
    /// The file ``backup(to:)`` writes the copy to before renaming it to `path` (SQLite may
    /// add its `-journal` beside it): a program that is interrupted meanwhile removes them.
    public static func partialBackup(for path: String) -> String {
        PathText.folder(of: path) + "/.\(PathText.name(of: path)).partial-\(getpid())"
    }

    public func backup(to path: String) throws {
        if FileManager.default.fileExists(atPath: path) {
            throw LedgerError.conflict(message: "\(path) already exists", hint: "choose a new file name; backups never overwrite")
        }
        let folder = PathText.folder(of: path)
        let temporary = Self.partialBackup(for: path)
        let descriptor = Foundation.open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw LedgerError.io(path: path, reason: "cannot create the backup: \(String(cString: strerror(errno)))")
        }
        Foundation.close(descriptor)
        do {
            // The copy's connection is gone when this returns or throws.
            try { () throws -> Void in
                let destination = try DatabaseQueue(path: temporary)
                try database.backup(to: destination)
                try destination.close()
            }()
            guard rename(temporary, path) == 0 else {
                throw LedgerError.io(path: path, reason: "cannot move the backup into place: \(String(cString: strerror(errno)))")
            }
            // The new name reaches the disk too, not only the copy's bytes.
            let directory = Foundation.open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if directory >= 0 {
                fsync(directory)
                Foundation.close(directory)
            }
        } catch {
            // The copy and what SQLite made beside it (its journal, when the copy failed part
            // way); the copy's connection is closed by now.
            for suffix in ["", "-journal", "-wal", "-shm"] { unlink(temporary + suffix) }
            if let error = error as? LedgerError { throw error }
            if let error = error as? DatabaseError, [.SQLITE_IOERR, .SQLITE_FULL].contains(error.resultCode) {
                // SQLite's own message is lost by then ("not an error"): say what it means.
                throw LedgerError.io(path: path, reason: "the copy could not be written (the disk is full, a file-size limit applies, or the disk failed); no backup was made")
            }
            throw LedgerError.io(path: path, reason: "the backup failed: \(error); no backup was made")
        }
    }
}
