public import Foundation
public import PathfolioCore
import GRDB

extension Ledger.Transaction {
    /// Adds a person. The first person added becomes the default one.
    ///
    /// - Throws: ``LedgerError/invalid(_:)`` when the person breaks a rule (an empty name),
    ///   ``LedgerError/conflict(message:hint:)`` when the ID is taken.
    @discardableResult
    public func addPerson(_ person: Person) throws -> Person {
        let person = person.normalized()
        try person.diagnostics().throwIfInvalid()
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM person WHERE id = ?)", arguments: [person.id.rawValue]) == true {
            throw LedgerError.conflict(message: "a person with ID \(person.id.rawValue) already exists",
                                       hint: "use another ID, or update that person")
        }
        try insertPerson(person)
        return person
    }

    /// Writes a new person who is normalized and valid, with an ID no one has, and their
    /// first revision (`encoded`, when the snapshot was made ahead; see ``PortfolioImport/prepared()``).
    /// A person's list columns as stored: JSON text.
    struct PersonLists: Sendable, Hashable {
        var details, tags: String

        init(_ person: Person) throws {
            details = try JSON.string(person.details)
            tags = try JSON.string(person.tags)
        }
    }

    /// - Parameter lists: the person's ``PersonLists``, when made ahead (``PortfolioImport/prepared()``).
    func insertPerson(_ person: Person, encoded: EncodedSnapshot? = nil, lists: PersonLists? = nil) throws {
        let lists = try lists ?? PersonLists(person)
        try run(db.cachedStatement(sql: """
            INSERT INTO person (id, name, nameVisibility, details, tags, createdAt, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """), [person.id.rawValue, person.name, person.nameVisibility.rawValue, lists.details, lists.tags, timestamp, timestamp])
        try appendRevision(person: person.id, entity: .person, id: person.id.rawValue, action: .create, snapshot: person,
                           encoded: encoded)
        if try defaultPersonID() == nil {
            try setDefaultPerson(person.id)
        }
    }

    /// Changes a person.
    @discardableResult
    public func updatePerson(_ id: PersonID, _ change: (inout Person) throws -> Void) throws -> Person {
        let before = try person(id)
        var after = before
        try change(&after)
        after.id = before.id
        after = after.normalized()
        try after.diagnostics().throwIfInvalid()
        guard after != before else { return before }
        try db.execute(sql: """
            UPDATE person SET name = ?, nameVisibility = ?, details = ?, tags = ?, updatedAt = ? WHERE id = ?
            """, arguments: [after.name, after.nameVisibility.rawValue, try JSON.string(after.details),
                             try JSON.string(after.tags), timestamp, id.rawValue])
        try appendRevision(person: id, entity: .person, id: id.rawValue, action: .update, snapshot: after)
        return after
    }

    /// The person with an ID.
    public func person(_ id: PersonID, includeDeleted: Bool = false) throws -> Person {
        // Without the experience count ``storedPeople`` adds: it reads every experience of theirs.
        guard let person = try fetchColumns("SELECT \(Self.personSelection) FROM person p WHERE id = ?\(includeDeleted ? "" : " AND deletedAt IS NULL")",
                                     arguments: [id.rawValue], Self.person(from:)).first else {
            throw LedgerError.notFound(entity: "person", reference: id.rawValue)
        }
        return person
    }

    /// Everyone in the ledger, by name.
    public func people(includeDeleted: Bool = false) throws -> [StoredPerson] {
        try storedPeople(where: "1", [], includeDeleted: includeDeleted)
    }

    /// Every live person, in the order of ``people(includeDeleted:)``, without its experience
    /// count and timestamps: counting reads every experience of every person (55 of the 70 ms
    /// an export of 10,000 people spent on its people, before any other thread had work).
    public func livePeople() throws -> [Person] {
        try fetchColumns("SELECT \(Self.personSelection) FROM person p WHERE deletedAt IS NULL ORDER BY name, id",
                         arguments: [], Self.person(from:))
    }

    /// One person as the ledger holds them (deleted or not), read alone: a caseload holds
    /// thousands.
    public func storedPerson(_ id: PersonID) throws -> StoredPerson {
        guard let stored = try storedPeople(where: "id = ?", [id.rawValue], includeDeleted: true).first else {
            throw LedgerError.notFound(entity: "person", reference: id.rawValue)
        }
        return stored
    }

    /// Everyone's name by ID, without the rest of their records.
    public func personNames(includeDeleted: Bool = false) throws -> [PersonID: String] {
        var names: [PersonID: String] = [:]
        for (id, name) in try fetch("SELECT id, name FROM person\(includeDeleted ? "" : " WHERE deletedAt IS NULL")", { row in
            (PersonID(rawValue: row[0]), row[1] as String)
        }) { names[id] = name }
        return names
    }

    func storedPeople(where condition: String, _ arguments: StatementArguments, includeDeleted: Bool) throws -> [StoredPerson] {
        let live = includeDeleted ? "" : " AND deletedAt IS NULL"
        let defaultID = try defaultPersonID()
        // Read by position: an export reads every person of a caseload.
        return try fetchColumns("""
            SELECT \(Self.personSelection), (SELECT count(*) FROM experience e WHERE e.personID = p.id AND e.deletedAt IS NULL)
            FROM person p WHERE \(condition)\(live) ORDER BY name, id
            """, arguments: arguments) { row in
            let person = try Self.person(from: row)
            return StoredPerson(person: person, experienceCount: row[7],
                                isDefault: person.id == defaultID,
                                createdAt: Timestamp.parse(row[5]) ?? .distantPast,
                                deletedAt: (row[6] as String?).flatMap(Timestamp.parse))
        }
    }

    /// The columns ``person(from:)`` reads, from the person table named `p`; a query's own
    /// columns come after them, from position 7.
    static let personSelection = "p.id, p.name, p.nameVisibility, p.details, p.tags, p.createdAt, p.deletedAt"

    static func person(from row: Columns) throws -> Person {
        Person(id: PersonID(rawValue: row[0]), name: row[1],
               nameVisibility: Visibility(rawValue: row[2]) ?? .public,
               details: try JSON.decode([PersonalDetail].self, from: row[3]),
               tags: try JSON.decode([String].self, from: row[4]))
    }

    /// The people with a name, in any letter case (an exact match is one too): a lookup in the
    /// index `person_name`, which holds `lower(name)`.
    static let peopleNamed = "SELECT id FROM person WHERE lower(name) = lower(?)"

    /// The live people whose whole name is `name` (in any letter case), by ID: never a part
    /// of a name or an ID, as ``resolvePerson(_:includeDeleted:)`` also takes.
    public func people(named name: String) throws -> [Person] {
        try String.fetchAll(db, sql: Self.peopleNamed + " AND deletedAt IS NULL ORDER BY id", arguments: [name.normalizedLine])
            .map { try person(PersonID(rawValue: $0)) }
    }

    /// The one deleted person with this name (any letter case), else the one whose name
    /// contains it; nil where there is none or more than one.
    private func deletedPerson(named name: String) throws -> String? {
        let named = try String.fetchAll(db, sql: Self.peopleNamed + " AND deletedAt IS NOT NULL LIMIT 2", arguments: [name])
        if !named.isEmpty { return named.count == 1 ? named[0] : nil }
        let wanted = name.lowercased()
        guard !wanted.isEmpty else { return nil }
        let containing = try Row.fetchAll(db, sql: "SELECT id, name FROM person WHERE deletedAt IS NOT NULL")
            .filter { ($0["name"] as String).lowercased().contains(wanted) }
        return containing.count == 1 ? containing[0]["id"] : nil
    }

    /// The person a reference names: a name (any letter case), an ID or unique ID prefix, or the
    /// unique part of a name.
    public func resolvePerson(_ reference: String, includeDeleted: Bool = false) throws -> Person {
        let live = includeDeleted ? "1" : "deletedAt IS NULL"
        let name = reference.normalizedLine
        let named = try String.fetchAll(db, sql: Self.peopleNamed + " AND \(live)", arguments: [name])
        if named.count == 1 { return try person(PersonID(rawValue: named[0]), includeDeleted: includeDeleted) }
        if named.count > 1 {
            throw LedgerError.ambiguous(entity: "person", reference: reference, candidates: LedgerError.distinguishable(named, length: 8))
        }
        do {
            let id = try resolve(reference, in: "person", entity: "person", live: !includeDeleted, reportingDeleted: false)
            return try person(PersonID(rawValue: id), includeDeleted: includeDeleted)
        } catch LedgerError.notFound {
            // Last, part of a name: "alex" for "Alex Morgan", "하늘" for "김하늘".
            let wanted = name.lowercased()
            let rows = try Row.fetchAll(db, sql: "SELECT id, name FROM person WHERE \(live) ORDER BY name, id")
            let started = rows.filter { row in
                (row["name"] as String).lowercased().contains(wanted)
            }
            guard !wanted.isEmpty, let first = started.first else {
                // No one live by ID or name: a deleted person the reference names alone (by
                // ID, name or part of it, as a live one is named) is said to be deleted.
                if !includeDeleted, let id = try deletedMatch(reference, in: "person") ?? deletedPerson(named: name) {
                    throw LedgerError.deleted(entity: "person", id: typedID(of: RecordReference(.person, id)))
                }
                throw LedgerError.notFound(entity: "person", reference: reference)
            }
            guard started.count == 1 else {
                throw LedgerError.ambiguous(entity: "person", reference: reference,
                                            candidates: zip(LedgerError.distinguishable(started.map { $0["id"] as String }, length: 8), started)
                                                .map { "\($0) \($1["name"] as String)" })
            }
            return try person(PersonID(rawValue: first["id"]), includeDeleted: includeDeleted)
        }
    }

    /// The person commands act on when none is named: the one chosen with
    /// ``setDefaultPerson(_:)``, else the only person in the ledger.
    public func defaultPerson() throws -> Person? {
        if let id = try defaultPersonID(), let person = try? person(id) { return person }
        let ids = try String.fetchAll(db, sql: "SELECT id FROM person WHERE deletedAt IS NULL LIMIT 2")
        return ids.count == 1 ? try person(PersonID(rawValue: ids[0])) : nil
    }

    /// The person a reference names, or the default person when `reference` is `nil`.
    ///
    /// - Throws: ``LedgerError/noPerson`` when no reference is given and there is no default.
    public func person(matching reference: String?) throws -> Person {
        if let reference { return try resolvePerson(reference) }
        guard let person = try defaultPerson() else {
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM person WHERE deletedAt IS NULL") ?? 0
            if count > 1 {
                throw LedgerError.conflict(message: "this ledger holds \(count) people and none is chosen",
                                           hint: "pass --person NAME, or choose one with `pathfolio person use NAME`")
            }
            throw LedgerError.noPerson
        }
        return person
    }

    /// Makes a person the default for commands that name none.
    public func setDefaultPerson(_ id: PersonID) throws {
        _ = try person(id)
        try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES ('defaultPerson', ?)", arguments: [id.rawValue])
    }

    func defaultPersonID() throws -> PersonID? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM setting WHERE key = 'defaultPerson'"))
            .map(PersonID.init(rawValue:))
    }
}

/// A person as the ledger holds them.
public struct StoredPerson: Sendable, Hashable {
    public var person: Person
    /// How many (not deleted) experiences they have.
    public var experienceCount: Int
    /// Whether commands act on them when no person is named.
    public var isDefault: Bool
    public var createdAt: Date
    public var deletedAt: Date?
}

extension Ledger {
    /// Adds a person with a name and optional details; see ``Transaction/addPerson(_:)``.
    @discardableResult
    public func addPerson(name: String, details: [PersonalDetail] = [], tags: [String] = []) throws -> Person {
        try transaction { tx in
            try tx.addPerson(Person(id: tx.newID(), name: name, details: details, tags: tags))
        }
    }

    /// Everyone in the ledger; see ``Transaction/people(includeDeleted:)``.
    public func people(includeDeleted: Bool = false) throws -> [StoredPerson] {
        try read { try $0.people(includeDeleted: includeDeleted) }
    }
}

extension Array where Element == Diagnostic {
    /// Throws ``LedgerError/invalid(_:)`` when any element is an error.
    func throwIfInvalid() throws {
        if containsErrors { throw LedgerError.invalid(self) }
    }
}
