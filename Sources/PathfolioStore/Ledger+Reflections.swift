public import PathfolioCore
import GRDB

extension Ledger.Transaction {
    /// Attaches a reflection to a live experience.
    ///
    /// - Throws: ``LedgerError/invalid(_:)`` when the reflection breaks a rule (a rating
    ///   outside 1–5, an outcome of another kind), ``LedgerError/notFound(entity:reference:)``
    ///   for an unknown experience.
    @discardableResult
    public func add(_ reflection: Reflection) throws -> Reflection {
        let reflection = reflection.normalized()
        let experience = try stored(reflection.experienceID)
        try checkWritable(experience)
        try reflection.diagnostics().throwIfInvalid()
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM reflection WHERE id = ?)",
                             arguments: [reflection.id.rawValue]) == true {
            throw LedgerError.conflict(message: "a reflection with ID \(reflection.id.short) already exists",
                                       hint: "leave the ID to the ledger, or use another one")
        }
        try run(db.cachedStatement(sql: ReflectionColumns.insert), ReflectionColumns.insertValues(reflection, createdAt: timestamp, updatedAt: timestamp))
        try appendRevision(person: experience.personID, entity: .reflection, id: reflection.id.rawValue,
                           action: .create, snapshot: reflection)
        return reflection
    }

    /// Changes a reflection. An edit that changes nothing writes nothing.
    @discardableResult
    public func updateReflection(_ id: ReflectionID, _ change: (inout Reflection) throws -> Void) throws -> Reflection {
        let (before, person, deleted) = try storedReflection(id)
        guard !deleted else {
            throw LedgerError.conflict(message: "reflection \(id.short) is deleted",
                                       hint: "restore it first with `pathfolio restore \(id.short)`")
        }
        try checkWritable(stored(before.experienceID))
        var after = before
        try change(&after)
        after.id = id
        after.experienceID = before.experienceID
        after = after.normalized()
        try after.diagnostics().throwIfInvalid()
        guard after != before else { return before }
        try writeReflection(after, person: person, action: .update)
        return after
    }

    func writeReflection(_ reflection: Reflection, person: PersonID, action: RevisionAction) throws {
        try db.execute(sql: """
            UPDATE reflection SET kind = ?, written = ?, template = ?, locale = ?, entries = ?, rating = ?, outcome = ?,
                   skillsGained = ?, visibility = ?, updatedAt = ? WHERE id = ?
            """, arguments: [reflection.kind.rawValue, reflection.written.isoString, reflection.template, reflection.locale,
                             try JSON.string(reflection.entries), reflection.rating, reflection.outcome?.rawValue,
                             try JSON.string(reflection.skillsGained), reflection.visibility.rawValue, timestamp,
                             reflection.id.rawValue])
        try appendRevision(person: person, entity: .reflection, id: reflection.id.rawValue, action: action, snapshot: reflection)
    }

    /// A reflection, whose it is, and whether it is deleted.
    func storedReflection(_ id: ReflectionID) throws -> (Reflection, PersonID, deleted: Bool) {
        guard let found = try fetchColumns("""
            SELECT \(ReflectionColumns.selection), e.personID, r.deletedAt FROM reflection r JOIN experience e ON e.id = r.experienceID
            WHERE r.id = ?
            """, arguments: [id.rawValue], { row in
            (try ReflectionColumns.reflection(from: row, at: 0), PersonID(rawValue: row[11]), deleted: !row.isNull(12))
        }).first else {
            throw LedgerError.notFound(entity: "reflection", reference: id.rawValue)
        }
        return found
    }

    /// A reflection, live or deleted.
    ///
    /// - Throws: ``LedgerError/notFound(entity:reference:)`` for an unknown ID.
    public func reflection(_ id: ReflectionID) throws -> Reflection {
        try storedReflection(id).0
    }

    /// The live reflections on one experience, oldest first.
    public func reflections(on experience: ExperienceID) throws -> [Reflection] {
        try fetchColumns("""
            SELECT \(ReflectionColumns.selection) FROM reflection r
            WHERE r.experienceID = ? AND r.deletedAt IS NULL ORDER BY r.written, r.createdAt, r.id
            """, arguments: [experience.rawValue]) { try ReflectionColumns.reflection(from: $0, at: 0) }
    }

    /// ``reflections(on:)`` for every experience a filter matches, read at once.
    public func reflections(onExperiencesMatching filter: ExperienceFilter) throws -> [ExperienceID: [Reflection]] {
        let (condition, arguments) = Self.condition(for: filter)
        var reflections: [ExperienceID: [Reflection]] = [:]
        for reflection in try fetchColumns("""
            SELECT \(ReflectionColumns.selection) FROM reflection r
            WHERE r.deletedAt IS NULL
              AND r.experienceID IN (SELECT e.id FROM experience e JOIN person p ON p.id = e.personID WHERE \(condition))
            ORDER BY r.experienceID, r.written, r.createdAt, r.id
            """, arguments: arguments, { try ReflectionColumns.reflection(from: $0, at: 0) }) {
            reflections[reflection.experienceID, default: []].append(reflection)
        }
        return reflections
    }

    /// The live reflections on a person's live experiences, oldest first.
    public func reflections(of person: PersonID) throws -> [Reflection] {
        try fetchColumns("""
            SELECT \(ReflectionColumns.selection) FROM reflection r JOIN experience e ON e.id = r.experienceID
            WHERE e.personID = ? AND r.deletedAt IS NULL AND e.deletedAt IS NULL
            ORDER BY r.written, r.createdAt, r.id
            """, arguments: [person.rawValue]) { try ReflectionColumns.reflection(from: $0, at: 0) }
    }

    /// The reflection an ID or unique ID prefix names.
    public func resolveReflection(_ reference: String, includeDeleted: Bool = false) throws -> ReflectionID {
        ReflectionID(rawValue: try resolve(reference, in: "reflection", entity: "reflection", live: !includeDeleted))
    }
}

extension Ledger {
    /// Attaches a reflection to an experience; see ``Transaction/add(_:)-(Reflection)``.
    @discardableResult
    public func add(_ reflection: Reflection) throws -> Reflection {
        try transaction { try $0.add(reflection) }
    }
}

/// How a ``Reflection`` maps onto the `reflection` table.
enum ReflectionColumns {
    static let insert = """
        INSERT INTO reflection (id, experienceID, kind, written, template, locale, entries, rating, outcome,
                                skillsGained, visibility, createdAt, updatedAt)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// A reflection's list columns as stored: JSON text.
    struct Lists: Sendable, Hashable {
        var entries, skillsGained: String

        init(_ r: Reflection) {
            entries = (try? JSON.string(r.entries)) ?? "[]"
            skillsGained = (try? JSON.string(r.skillsGained)) ?? "[]"
        }
    }

    /// - Parameter lists: `r`'s ``Lists``, when made ahead (``PortfolioImport/prepared()``).
    static func insertValues(_ r: Reflection, createdAt: String, updatedAt: String, lists: Lists? = nil) -> [any SQLiteBindable] {
        let lists = lists ?? Lists(r)
        return [
            r.id.rawValue, r.experienceID.rawValue, r.kind.rawValue, r.written.isoString, r.template, r.locale,
            lists.entries, r.rating, r.outcome?.rawValue,
            lists.skillsGained, r.visibility.rawValue, createdAt, updatedAt,
        ]
    }

    /// The columns ``reflection(from:at:)`` reads, in order, from the table named `r`.
    static let selection = "r.id, r.experienceID, r.kind, r.written, r.template, r.locale, r.entries, r.rating, r.outcome, r.skillsGained, r.visibility"

    /// The reflection in a row holding ``selection`` from column `first` on: read by position
    /// (a lookup by name costs more than decoding many a value), for bulk reads.
    static func reflection(from row: Columns, at first: Int) throws -> Reflection {
        Reflection(
            id: ReflectionID(rawValue: row[first]), experienceID: ExperienceID(rawValue: row[first + 1]),
            kind: ReflectionKind(rawValue: row[first + 2]) ?? .free,
            written: try PartialDate(row[first + 3] as String),
            template: row[first + 4], locale: row[first + 5],
            entries: try JSON.decode([ReflectionEntry].self, from: row[first + 6]),
            rating: row[first + 7], outcome: (row[first + 8] as String?).flatMap(ReflectionOutcome.init(rawValue:)),
            skillsGained: try JSON.decode([String].self, from: row[first + 9]),
            visibility: Visibility(rawValue: row[first + 10]) ?? .private)
    }
}
