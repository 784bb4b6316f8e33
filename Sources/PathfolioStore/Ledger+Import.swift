public import PathfolioCore
import GRDB

/// A portfolio to import, with what the file says each record was when it was made.
///
/// The store does not read files: a format reader (such as `PortfolioXML`) turns bytes into
/// this value, and ``Ledger/importPortfolios(_:fingerprints:dryRun:)`` plans or applies it.
public struct PortfolioImport: Sendable, Hashable {
    /// The portfolio to import. Changing it undoes ``prepared()``'s normalizing and checking
    /// (its snapshots are only used for records equal to the ones they were made of).
    public var portfolio: Portfolio {
        didSet { isPrepared = false; diagnostics = nil }
    }
    /// Each experience's content hash when the file was made (the file's `hash` attribute).
    public var experienceBases: [ExperienceID: String]
    /// Each reflection's content hash when the file was made.
    public var reflectionBases: [ReflectionID: String]
    /// The audience the file was written for, when it says (a Portfolio XML export's
    /// `audience`): what it leaves out of a person who is in the ledger is no conflict.
    public var audience: Audience?

    public init(portfolio: Portfolio, experienceBases: [ExperienceID: String] = [:],
                reflectionBases: [ReflectionID: String] = [:], audience: Audience? = nil) {
        self.portfolio = portfolio
        self.experienceBases = experienceBases
        self.reflectionBases = reflectionBases
        self.audience = audience
    }

    /// Set by ``prepared()``: the portfolio is normalized, checked, and its records' revision
    /// snapshots are made.
    var isPrepared = false
    /// The normalized portfolio's problems (`bulkDiagnostics()`), found by ``prepared()``.
    var diagnostics: [Diagnostic]?
    var personSnapshot: Snapshot<Person>?
    var organizationSnapshots: [OrganizationID: Snapshot<Organization>] = [:]
    var experienceSnapshots: [ExperienceID: Snapshot<Experience>] = [:]
    var linkSnapshots: [String: Snapshot<Link>] = [:]
    var reflectionSnapshots: [ReflectionID: Snapshot<Reflection>] = [:]
    /// The list columns (JSON) of the person, experiences and reflections, made with the
    /// snapshots and used only with them (a snapshot is used only for its own record).
    var personLists: Ledger.Transaction.PersonLists?
    var experienceLists: [ExperienceID: ExperienceColumns.Lists] = [:]
    var reflectionLists: [ReflectionID: ReflectionColumns.Lists] = [:]

    /// The same import with the work that does not need the ledger done now: the portfolio
    /// normalized and checked against the model's rules, and each record (the person, organizations, experiences, links and
    /// reflections) encoded as its revision snapshot with the snapshot's hash. Made on
    /// another thread while the ledger writes the portfolio before, it takes about a fifth
    /// of an import off the writing thread. Importing the
    /// prepared value writes the same ledger, byte for byte: a record stored as it is here
    /// uses its snapshot, any other is encoded as usual.
    public func prepared() -> PortfolioImport {
        var copy = self
        copy.portfolio = portfolio.normalized()  // before the flags: setting it clears them
        copy.isPrepared = true
        copy.diagnostics = copy.portfolio.bulkDiagnostics()
        let person = copy.portfolio.person
        copy.personSnapshot = Snapshot(person)
        copy.personLists = try? Ledger.Transaction.PersonLists(person)
        for organization in copy.portfolio.organizations { copy.organizationSnapshots[organization.id] = Snapshot(organization) }
        for experience in copy.portfolio.experiences {
            copy.experienceSnapshots[experience.id] = Snapshot(experience)
            copy.experienceLists[experience.id] = ExperienceColumns.Lists(experience)
        }
        for link in copy.portfolio.links { copy.linkSnapshots[link.key] = Snapshot(link) }
        for reflection in copy.portfolio.reflections {
            copy.reflectionSnapshots[reflection.id] = Snapshot(reflection)
            copy.reflectionLists[reflection.id] = ReflectionColumns.Lists(reflection)
        }
        return copy
    }

    /// A record's revision snapshot and its hash, made ahead of writing the record.
    struct Snapshot<Record: Encodable & Hashable & Sendable>: Sendable, Hashable {
        var record: Record
        var text: String?
        var contentHash: String

        init(_ record: Record) {
            self.record = record
            text = try? JSON.string(record)
            contentHash = Digest.sha256(text ?? "")
        }

        /// The snapshot, when `record` is the record it was made of (text in the ledger is
        /// NFC, so equal text is equal bytes).
        func of(_ record: Record) -> Ledger.Transaction.EncodedSnapshot? {
            guard let text, record == self.record else { return nil }
            return Ledger.Transaction.EncodedSnapshot(text: text, contentHash: contentHash)
        }
    }
}

/// How an import computes a local record's content hash, to compare it with the hash the
/// file was based on. The format that wrote the file supplies it.
public struct ImportFingerprints: Sendable {
    public var experience: @Sendable (Experience) -> String
    public var reflection: @Sendable (Reflection) -> String

    public init(experience: @escaping @Sendable (Experience) -> String,
                reflection: @escaping @Sendable (Reflection) -> String) {
        self.experience = experience
        self.reflection = reflection
    }
}

/// What importing one portfolio does (or, with `--plan`, would do), record by record.
public struct ImportPlan: Sendable, Hashable {
    /// What happens to one record.
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        /// Not in the ledger: added.
        case new
        /// In the ledger, unchanged there since the file was made, different in the file:
        /// replaced by the file's version (a new revision).
        case updated
        /// The same in the file and the ledger: nothing is written.
        case unchanged
        /// The ledger's copy changed since the file was made (or the file does not say
        /// what it was based on, or the record is deleted locally): the ledger's copy is kept.
        case conflict
    }

    /// One record's fate.
    public struct Step: Sendable, Hashable {
        public var entity: RevisionEntity
        public var id: String
        /// The experience's title or the organization's name, for people reading the plan.
        public var title: String?
        public var action: Action
        /// Why a conflict is one.
        public var reason: String?
        /// A live experience of the same person with the same kind, organization, title and
        /// start but another ID: probably the same experience entered twice. Both are kept.
        public var nearDuplicateOf: ExperienceID?
    }

    public var person: PersonID
    public var steps: [Step]

    /// How many steps of an entity (every entity when `nil`) take an action.
    public func count(_ action: Action, _ entity: RevisionEntity? = nil) -> Int {
        steps.reduce(0) { $0 + ($1.action == action && (entity == nil || $1.entity == entity) ? 1 : 0) }
    }

    /// Whether applying the plan writes anything.
    public var changesSomething: Bool { steps.contains { $0.action == .new || $0.action == .updated } }
}

extension Ledger {
    /// Plans, or applies, the import of portfolios in one transaction: all of them are
    /// imported, or (when any breaks a rule) none.
    ///
    /// Experiences and reflections not in the ledger are added, those the ledger holds
    /// unchanged since the file was made are updated, identical ones are left alone, and
    /// conflicts keep the ledger's copy. Records missing from the file are never deleted.
    /// Every write appends a revision, as any other change does. Importing the same file
    /// twice writes nothing the second time.
    ///
    /// - Parameter dryRun: only plan (`--plan`); nothing is written.
    /// - Throws: ``LedgerError/invalid(_:)`` with every broken rule (the model's rules, IDs
    ///   that belong to another person, links that would close a cycle with the ledger's
    ///   links); nothing is written then.
    public func importPortfolios(_ items: [PortfolioImport], fingerprints: ImportFingerprints,
                                 dryRun: Bool = false) throws -> [ImportPlan] {
        if dryRun {
            return try read { tx in try items.map { try tx.prepareImport($0, fingerprints: fingerprints).plan } }
        }
        return try transaction { tx in try items.map { try tx.apply($0, fingerprints: fingerprints) } }
    }
}

extension Ledger.Transaction {
    /// What importing a portfolio would do; writes nothing. See ``Ledger/importPortfolios(_:fingerprints:dryRun:)``.
    public func plan(_ item: PortfolioImport, fingerprints: ImportFingerprints) throws -> ImportPlan {
        try prepareImport(item, fingerprints: fingerprints).plan
    }

    /// Imports a portfolio in this transaction. See ``Ledger/importPortfolios(_:fingerprints:dryRun:)``.
    @discardableResult
    public func apply(_ item: PortfolioImport, fingerprints: ImportFingerprints) throws -> ImportPlan {
        let prepared = try prepareImport(item, fingerprints: fingerprints)
        let person = prepared.person
        // The portfolio is normalized and valid (`prepareImport`), and the person is new.
        if let new = prepared.newPerson {
            let encoded = item.personSnapshot?.of(new)
            let lists = encoded == nil ? nil : item.personLists
            try insertPerson(new, encoded: encoded, lists: lists)
        }
        for organization in prepared.newOrganizations {
            try insertOrganization(organization, for: person, encoded: item.organizationSnapshots[organization.id]?.of(organization))
        }
        for organization in prepared.updatedOrganizations {
            try updateOrganization(organization.id) { $0 = organization }
        }
        // The bulk path: one cached statement per table, no read-back.
        let insertExperience = try db.cachedStatement(sql: ExperienceColumns.insert)
        for experience in prepared.newExperiences {
            // What was made ahead is used only for the record it was made of.
            let encoded = item.experienceSnapshots[experience.id]?.of(experience)
            try run(insertExperience, ExperienceColumns.insertValues(experience, person: person, createdAt: timestamp, updatedAt: timestamp,
                                                                     lists: encoded == nil ? nil : item.experienceLists[experience.id]))
            try appendRevision(person: person, entity: .experience, id: experience.id.rawValue, action: .create, snapshot: experience,
                               encoded: encoded)
        }
        for experience in prepared.updatedExperiences { try write(experience, person: person, action: .update) }
        let insertLink = try db.cachedStatement(sql: "INSERT INTO link (fromID, toID, type, note, createdAt) VALUES (?, ?, ?, ?, ?)")
        for link in prepared.newLinks {
            try run(insertLink, [link.from.rawValue, link.to.rawValue, link.type.rawValue, link.note, timestamp])
            try appendRevision(person: person, entity: .link, id: link.key, action: .create, snapshot: link,
                               encoded: item.linkSnapshots[link.key]?.of(link))
        }
        let insertReflection = try db.cachedStatement(sql: ReflectionColumns.insert)
        for reflection in prepared.newReflections {
            let encoded = item.reflectionSnapshots[reflection.id]?.of(reflection)
            try run(insertReflection, ReflectionColumns.insertValues(reflection, createdAt: timestamp, updatedAt: timestamp,
                                                                     lists: encoded == nil ? nil : item.reflectionLists[reflection.id]))
            try appendRevision(person: person, entity: .reflection, id: reflection.id.rawValue, action: .create, snapshot: reflection,
                               encoded: encoded)
        }
        for reflection in prepared.updatedReflections { try writeReflection(reflection, person: person, action: .update) }
        return prepared.plan
    }

    /// An import worked out: the plan and the records to write.
    struct PreparedImport {
        var plan: ImportPlan
        var person: PersonID
        var newPerson: Person?
        var newOrganizations: [Organization] = []
        var updatedOrganizations: [Organization] = []
        var newExperiences: [Experience] = []
        var updatedExperiences: [Experience] = []
        var newLinks: [Link] = []
        var newReflections: [Reflection] = []
        var updatedReflections: [Reflection] = []
    }

    func prepareImport(_ item: PortfolioImport, fingerprints: ImportFingerprints) throws -> PreparedImport {
        let portfolio = item.isPrepared ? item.portfolio : item.portfolio.normalized()
        // Checked on the reading thread when prepared (a twentieth of the writing thread's work).
        try (item.diagnostics ?? portfolio.bulkDiagnostics()).throwIfInvalid()
        let personID = portfolio.person.id
        var prepared = PreparedImport(plan: ImportPlan(person: personID, steps: []), person: personID)
        var problems: [Diagnostic] = []
        func step(_ entity: RevisionEntity, _ id: String, _ action: ImportPlan.Action, title: String? = nil,
                  reason: String? = nil, duplicateOf: ExperienceID? = nil) {
            prepared.plan.steps.append(ImportPlan.Step(entity: entity, id: id, title: title, action: action,
                                                       reason: reason, nearDuplicateOf: duplicateOf))
        }
        func foreign(_ entity: String, _ id: String) {
            problems.append(.error("import.foreignID", "the \(entity) ID '\(id)' belongs to another person in this ledger",
                                   hint: "each record belongs to one person; give the record another ID in the file",
                                   at: .record(entity, id, field: "id")))
        }

        // The person: added when new; an existing person's name and details are never
        // overwritten (a file for the public holds less than the ledger does).
        let personExists = try hasRow(db.cachedStatement(sql: "SELECT 1 FROM person WHERE id = ?"), [personID.rawValue])
        let existingPerson = personExists
            ? try storedPeople(where: "id = ?", [personID.rawValue], includeDeleted: true).first : nil
        if let existingPerson {
            if existingPerson.deletedAt != nil {
                let name = typedID(of: RecordReference(.person, personID.rawValue))
                throw LedgerError.conflict(message: "person \(name) is deleted in this ledger",
                                           hint: "restore them first with `pathfolio restore \(name)`, then import again")
            }
            // A file made for an audience holds the person as that audience sees them (no
            // private details; for the public, no tags): compared as such, it is no conflict.
            let same = existingPerson.person == portfolio.person
                || item.audience.map { Portfolio(person: existingPerson.person).visible(to: $0).person == portfolio.person } == true
            step(.person, personID.rawValue, same ? .unchanged : .conflict,
                 reason: same ? nil : "the ledger's name and personal details are kept; imports never overwrite them")
        } else {
            prepared.newPerson = portfolio.person
            step(.person, personID.rawValue, .new)
        }

        // Organizations: added, or updated to the file's version.
        let organizationExists = try db.cachedStatement(sql: "SELECT 1 FROM organization WHERE id = ?")
        for organization in portfolio.organizations {
            // Most are new: a probe first, the row only for those that are not.
            guard try hasRow(organizationExists, [organization.id.rawValue]),
                  let (stored, owner) = try fetchColumns("SELECT \(Self.organizationSelection), o.personID FROM organization o WHERE o.id = ?",
                                                         arguments: [organization.id.rawValue], { row in
                      (Self.organization(from: row, at: 0), row[5] as String)
                  }).first else {
                prepared.newOrganizations.append(organization)
                step(.organization, organization.id.rawValue, .new, title: organization.name)
                continue
            }
            guard owner == personID.rawValue else { foreign("organization", organization.id.rawValue); continue }
            if stored == organization {
                step(.organization, organization.id.rawValue, .unchanged, title: organization.name)
            } else {
                prepared.updatedOrganizations.append(organization)
                step(.organization, organization.id.rawValue, .updated, title: organization.name)
            }
        }

        // Experiences.
        let local = existingPerson == nil ? [] : try storedExperiences(where: "e.personID = ?", [personID.rawValue])
        let localByID = Dictionary(local.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var liveByKey: [String: ExperienceID] = [:]
        for stored in local where stored.deletedAt == nil { liveByKey[Self.duplicateKey(stored.experience)] = stored.id }
        let experienceExists = try db.cachedStatement(sql: "SELECT 1 FROM experience WHERE id = ?")
        for experience in portfolio.experiences {
            let id = experience.id
            guard let stored = localByID[id] else {
                if try hasRow(experienceExists, [id.rawValue]) {
                    foreign("experience", id.rawValue)
                    continue
                }
                prepared.newExperiences.append(experience)
                let duplicateOf = liveByKey.isEmpty ? nil : liveByKey[Self.duplicateKey(experience)]
                step(.experience, id.rawValue, .new, title: experience.title, duplicateOf: duplicateOf)
                continue
            }
            if stored.deletedAt != nil {
                step(.experience, id.rawValue, .conflict, title: experience.title,
                     reason: "deleted in the ledger; restore it to import the file's version")
            } else if stored.experience == experience {
                step(.experience, id.rawValue, .unchanged, title: experience.title)
            } else if let base = item.experienceBases[id], fingerprints.experience(stored.experience) == base {
                prepared.updatedExperiences.append(experience)
                step(.experience, id.rawValue, .updated, title: experience.title)
            } else {
                step(.experience, id.rawValue, .conflict, title: experience.title,
                     reason: item.experienceBases[id] == nil ? "the file does not say which version it was based on"
                        : "changed in the ledger since the file was made")
            }
        }

        // Links: the file's links the ledger lacks are added, if the result keeps the rules.
        let localLinks = existingPerson == nil ? [] : try links(of: personID, includeDeleted: true)
        let localKeys = Set(localLinks.map(\.key))
        // What hangs on an experience deleted in the ledger waits for it, as it does itself
        // (`link` and `reflect` refuse a deleted experience too).
        let deletedHere = Set(local.lazy.filter { $0.deletedAt != nil }.map(\.id))
        for link in portfolio.links {
            let key = link.key
            if localKeys.contains(key) {
                step(.link, key, .unchanged)
            } else if !deletedHere.isEmpty, deletedHere.contains(link.from) || deletedHere.contains(link.to) {
                step(.link, key, .conflict, reason: "an end is deleted in the ledger; restore it to import the link")
            } else {
                prepared.newLinks.append(link)
                step(.link, key, .new)
            }
        }
        if !prepared.newLinks.isEmpty, !localLinks.isEmpty {
            let combined = localLinks + prepared.newLinks
            let ids = Set(local.map(\.id)).union(portfolio.experiences.map(\.id))
            if !LinkRules.areSound(combined, experiences: ids) {
                problems += LinkRules.diagnostics(for: combined, experiences: ids)
            }
        }

        // Reflections.
        let localReflections = existingPerson == nil ? [] : try fetchColumns("""
            SELECT \(ReflectionColumns.selection), r.deletedAt FROM reflection r JOIN experience e ON e.id = r.experienceID
            WHERE e.personID = ?
            """, arguments: [personID.rawValue]) { row in
            (try ReflectionColumns.reflection(from: row, at: 0), deleted: !row.isNull(11))
        }
        let reflectionsByID = Dictionary(localReflections.map { ($0.0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let reflectionExists = try db.cachedStatement(sql: "SELECT 1 FROM reflection WHERE id = ?")
        for reflection in portfolio.reflections {
            let id = reflection.id
            let onDeleted = !deletedHere.isEmpty && deletedHere.contains(reflection.experienceID)
            let waiting = "its experience is deleted in the ledger; restore it to import the reflection"
            guard let (stored, deleted) = reflectionsByID[id] else {
                if try hasRow(reflectionExists, [id.rawValue]) {
                    foreign("reflection", id.rawValue)
                    continue
                }
                if onDeleted {
                    step(.reflection, id.rawValue, .conflict, reason: waiting)
                    continue
                }
                prepared.newReflections.append(reflection)
                step(.reflection, id.rawValue, .new)
                continue
            }
            if deleted {
                step(.reflection, id.rawValue, .conflict, reason: "deleted in the ledger; restore it to import the file's version")
            } else if stored == reflection {
                step(.reflection, id.rawValue, .unchanged)
            } else if onDeleted {
                step(.reflection, id.rawValue, .conflict, reason: waiting)
            } else if let base = item.reflectionBases[id], fingerprints.reflection(stored) == base {
                prepared.updatedReflections.append(reflection)
                step(.reflection, id.rawValue, .updated)
            } else {
                step(.reflection, id.rawValue, .conflict,
                     reason: item.reflectionBases[id] == nil ? "the file does not say which version it was based on"
                        : "changed in the ledger since the file was made")
            }
        }
        try problems.throwIfInvalid()
        return prepared
    }

    /// Same person (implied), kind, organization, title (any letter case) and start.
    static func duplicateKey(_ e: Experience) -> String {
        [e.kind.rawValue, e.organizationID?.rawValue ?? "", e.title.lowercased(), e.period.start?.isoString ?? ""]
            .joined(separator: "\u{1F}")
    }
}
