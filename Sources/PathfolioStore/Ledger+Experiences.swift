public import Foundation
public import PathfolioCore
import GRDB
import GRDBSQLite

/// An experience as the ledger holds it: the value, whose it is, and its bookkeeping.
public struct StoredExperience: Sendable, Hashable, Identifiable {
    public var experience: Experience
    public var personID: PersonID
    /// The organization the experience names, resolved.
    public var organization: Organization?
    public var createdAt: Date
    public var updatedAt: Date
    /// When it was deleted; `nil` while it is live. Deleted experiences can be restored.
    public var deletedAt: Date?

    public var id: ExperienceID { experience.id }
}

/// What a line of `list` or a step of `path` shows of an experience, read without the rest
/// of its row (no text fields, lists or kind details to decode).
public struct ExperienceHeading: Sendable, Hashable, Identifiable {
    public var id: ExperienceID
    public var personID: PersonID
    public var kind: ExperienceKind
    public var status: ExperienceStatus
    public var title: String
    /// The name of the organization, when the experience names one.
    public var organization: String?
    public var period: Period
    public var visibility: Visibility
    /// Whether it is deleted (only a filter with `includeDeleted` returns deleted ones).
    public var isDeleted: Bool

    /// The heading of a stored experience.
    public init(_ stored: StoredExperience) {
        self.init(id: stored.id, personID: stored.personID, kind: stored.experience.kind, status: stored.experience.status,
                  title: stored.experience.title, organization: stored.organization?.name, period: stored.experience.period,
                  visibility: stored.experience.visibility, isDeleted: stored.deletedAt != nil)
    }

    /// The columns ``init(_:at:)`` reads, from the experience table named `e` joined with its
    /// organization named `o`.
    static let selection = """
        e.id, e.personID, e.kind, e.status, e.title, o.name,
        e.startDate, e.startLabel, e.endDate, e.endLabel, e.ongoing, e.visibility, e.deletedAt IS NOT NULL
        """

    /// The heading in a row's columns of ``selection``, the first of them at `offset`.
    init(_ row: Columns, at offset: Int) {
        self.init(
            id: ExperienceID(rawValue: row[offset]), personID: PersonID(rawValue: row[offset + 1]),
            kind: row.value(offset + 2) ?? .other, status: row.value(offset + 3) ?? .completed,
            title: row[offset + 4], organization: row[offset + 5],
            period: ExperienceColumns.period(startDate: row[offset + 6], startLabel: row[offset + 7],
                                             endDate: row[offset + 8], endLabel: row[offset + 9], ongoing: row[offset + 10]),
            visibility: row.value(offset + 11) ?? .private, isDeleted: row[offset + 12])
    }

    init(id: ExperienceID, personID: PersonID, kind: ExperienceKind, status: ExperienceStatus, title: String,
         organization: String?, period: Period, visibility: Visibility, isDeleted: Bool) {
        self.id = id
        self.personID = personID
        self.kind = kind
        self.status = status
        self.title = title
        self.organization = organization
        self.period = period
        self.visibility = visibility
        self.isDeleted = isDeleted
    }
}

/// Which experiences ``Ledger/Transaction/experiences(matching:)`` returns.
public struct ExperienceFilter: Sendable, Hashable {
    /// Only this person's; every person's when `nil`.
    public var person: PersonID?
    /// Only these kinds (any kind when empty).
    public var kinds: Set<ExperienceKind>
    /// Only these statuses (any when empty).
    public var statuses: Set<ExperienceStatus>
    /// Only experiences carrying at least one of these tags (any letter case).
    public var tags: [String]
    /// Only experiences still going on at or after this date (at the precision both know).
    public var since: PartialDate?
    /// Only experiences that started at or before this date.
    public var until: PartialDate?
    /// Include deleted experiences.
    public var includeDeleted: Bool
    /// Only the experiences of people carrying at least one of these tags (any letter case):
    /// a counselor's group of a caseload.
    public var personTags: [String] = []

    public init(person: PersonID? = nil, kinds: Set<ExperienceKind> = [], statuses: Set<ExperienceStatus> = [],
                tags: [String] = [], since: PartialDate? = nil, until: PartialDate? = nil, includeDeleted: Bool = false) {
        self.person = person
        self.kinds = kinds
        self.statuses = statuses
        self.tags = tags
        self.since = since
        self.until = until
        self.includeDeleted = includeDeleted
    }
}

/// How to set an experience's organization when adding or editing it.
public enum OrganizationChoice: Sendable, Hashable {
    /// Keep what the experience value says.
    case unchanged
    /// The person's organization with this name (any letter case), created when missing.
    case named(String)
    /// No organization.
    case none
}

extension Ledger.Transaction {
    // MARK: Organizations

    /// The person's organization with this name (NFC, any letter case), created when missing.
    public func organization(named name: String, for person: PersonID) throws -> Organization {
        let name = name.normalizedLine
        guard !name.isEmpty else {
            throw LedgerError.invalid([.error("field.required", "the organization name is empty",
                                              hint: "give a name, e.g. --org \"Acme\"", at: .record("organization", nil, field: "name"))])
        }
        if let existing = try fetchColumns("""
            SELECT \(Self.organizationSelection) FROM organization o
            WHERE o.personID = ? AND (o.name = ? OR lower(o.name) = lower(?)) ORDER BY o.createdAt, o.id LIMIT 1
            """, arguments: [person.rawValue, name, name], { Self.organization(from: $0, at: 0) }).first {
            return existing
        }
        let organization = Organization(id: newID(), name: name)
        try insert(organization, for: person)
        return organization
    }

    /// Adds an organization to a person's records.
    public func insert(_ organization: Organization, for person: PersonID) throws {
        let organization = organization.normalized()
        try organization.diagnostics().throwIfInvalid()
        try insertOrganization(organization, for: person)
    }

    /// Writes a new organization that is normalized and valid, and its first revision
    /// (`encoded`, when the snapshot was made ahead; see ``PortfolioImport/prepared()``).
    func insertOrganization(_ organization: Organization, for person: PersonID, encoded: EncodedSnapshot? = nil) throws {
        try run(db.cachedStatement(sql: """
            INSERT INTO organization (id, personID, name, kind, location, website, createdAt, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """), [organization.id.rawValue, person.rawValue, organization.name, organization.kind?.rawValue,
                   organization.location, organization.website, timestamp, timestamp])
        try appendRevision(person: person, entity: .organization, id: organization.id.rawValue, action: .create,
                           snapshot: organization, encoded: encoded)
    }

    /// Changes an organization.
    @discardableResult
    public func updateOrganization(_ id: OrganizationID, _ change: (inout Organization) throws -> Void) throws -> Organization {
        guard let (before, owner) = try fetchColumns("SELECT \(Self.organizationSelection), o.personID FROM organization o WHERE o.id = ?",
                                                     arguments: [id.rawValue], { row in
            (Self.organization(from: row, at: 0), PersonID(rawValue: row[5]))
        }).first else {
            throw LedgerError.notFound(entity: "organization", reference: id.rawValue)
        }
        var after = before
        try change(&after)
        after.id = id
        after = after.normalized()
        try after.diagnostics().throwIfInvalid()
        guard after != before else { return before }
        try db.execute(sql: "UPDATE organization SET name = ?, kind = ?, location = ?, website = ?, updatedAt = ? WHERE id = ?",
                       arguments: [after.name, after.kind?.rawValue, after.location, after.website, timestamp, id.rawValue])
        try appendRevision(person: owner, entity: .organization, id: id.rawValue,
                           action: .update, snapshot: after)
        return after
    }

    /// A person's organizations, by name.
    public func organizations(of person: PersonID) throws -> [Organization] {
        try fetchColumns("SELECT \(Self.organizationSelection) FROM organization o WHERE o.personID = ? ORDER BY o.name, o.id",
                         arguments: [person.rawValue]) { Self.organization(from: $0, at: 0) }
    }

    /// The columns ``organization(from:at:)`` reads, from the organization table named `o`.
    static let organizationSelection = "o.id, o.name, o.kind, o.location, o.website"

    /// The organization in a row's columns of ``organizationSelection``, the first at `first`.
    static func organization(from row: Columns, at first: Int) -> Organization {
        Organization(id: OrganizationID(rawValue: row[first]), name: row[first + 1],
                     kind: (row[first + 2] as String?).flatMap(OrganizationKind.init(rawValue:)),
                     location: row[first + 3], website: row[first + 4])
    }

    // MARK: Experiences

    /// Adds an experience to a person's path.
    ///
    /// The text is normalized (NFC) and the experience is checked against the model's rules
    /// before anything is written.
    ///
    /// - Throws: ``LedgerError/invalid(_:)`` with every broken rule;
    ///   ``LedgerError/conflict(message:hint:)`` when the ID is taken.
    @discardableResult
    public func add(_ experience: Experience, for person: PersonID, organization: OrganizationChoice = .unchanged) throws -> StoredExperience {
        _ = try self.person(person)
        var experience = experience.normalized()
        try apply(organization, to: &experience, person: person)
        try check(experience, person: person)
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM experience WHERE id = ?)",
                             arguments: [experience.id.rawValue]) == true {
            throw LedgerError.conflict(message: "an experience with ID \(experience.id.rawValue) already exists",
                                       hint: "leave the ID to the ledger, or use another one")
        }
        try run(db.cachedStatement(sql: ExperienceColumns.insert), ExperienceColumns.insertValues(experience, person: person, createdAt: timestamp, updatedAt: timestamp))
        try appendRevision(person: person, entity: .experience, id: experience.id.rawValue, action: .create, snapshot: experience)
        return try stored(experience.id)
    }

    /// Changes an experience: `change` edits a copy, which is normalized, checked and saved
    /// with a new revision. An edit that changes nothing writes nothing.
    @discardableResult
    public func update(_ id: ExperienceID, organization: OrganizationChoice = .unchanged,
                       _ change: (inout Experience) throws -> Void) throws -> StoredExperience {
        let before = try stored(id)
        try checkWritable(before)
        var after = before.experience
        try change(&after)
        after.id = id
        after = after.normalized()
        try apply(organization, to: &after, person: before.personID)
        try check(after, person: before.personID)
        guard after != before.experience else { return before }
        try write(after, person: before.personID, action: .update)
        return try stored(id)
    }

    /// Saves an experience value over the stored one and records the revision.
    func write(_ experience: Experience, person: PersonID, action: RevisionAction) throws {
        try run(db.cachedStatement(sql: ExperienceColumns.update), ExperienceColumns.updateValues(experience, person: person, updatedAt: timestamp))
        try appendRevision(person: person, entity: .experience, id: experience.id.rawValue, action: action, snapshot: experience)
    }

    private func apply(_ choice: OrganizationChoice, to experience: inout Experience, person: PersonID) throws {
        switch choice {
        case .unchanged: break
        case .none: experience.organizationID = nil
        case .named(let name): experience.organizationID = try organization(named: name, for: person).id
        }
    }

    private func check(_ experience: Experience, person: PersonID) throws {
        var found = experience.diagnostics()
        if let org = experience.organizationID,
           try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM organization WHERE id = ? AND personID = ?)",
                             arguments: [org.rawValue, person.rawValue]) != true {
            found.append(.error("reference.unresolved", "organization '\(org)' is not one of this person's",
                                hint: "name the organization with --org", at: .record("experience", experience.id.rawValue, field: "organizationID")))
        }
        try found.throwIfInvalid()
    }

    /// The experience with an ID, deleted or not.
    public func stored(_ id: ExperienceID) throws -> StoredExperience {
        guard let found = try storedExperiences(where: "e.id = ?", [id.rawValue]).first else {
            throw LedgerError.notFound(entity: "experience", reference: id.rawValue)
        }
        return found
    }

    /// Experiences matching a filter, in path order (start date, then end date).
    public func experiences(matching filter: ExperienceFilter = ExperienceFilter()) throws -> [StoredExperience] {
        let (condition, arguments) = Self.condition(for: filter)
        return try storedExperiences(where: condition, arguments)
    }

    /// The same experiences as ``experiences(matching:)``, in the same order, as headings.
    ///
    /// - Parameter ordered: `false` leaves them in the order SQLite finds them, for a caller
    ///   that looks them up by ID (sorting 100,000 of them is a tenth of a long `path`).
    public func headings(matching filter: ExperienceFilter = ExperienceFilter(), ordered: Bool = true) throws -> [ExperienceHeading] {
        let (condition, arguments) = Self.condition(for: filter)
        return try fetchColumns("""
            SELECT \(ExperienceHeading.selection)
            FROM experience e
            JOIN person p ON p.id = e.personID
            LEFT JOIN organization o ON o.id = e.organizationID
            WHERE \(condition)
            \(ordered ? "ORDER BY e.personID, e.sortKey, e.title, e.id" : "")
            """, arguments: arguments) { row in ExperienceHeading(row, at: 0) }
    }

    /// The `WHERE` clause (over `experience e` joined with `person p`) that a filter makes.
    static func condition(for filter: ExperienceFilter) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let person = filter.person {
            conditions.append("e.personID = ?")
            arguments += [person.rawValue]
        }
        if !filter.includeDeleted { conditions.append("e.deletedAt IS NULL AND p.deletedAt IS NULL") }
        if !filter.kinds.isEmpty {
            conditions.append("e.kind IN (\(filter.kinds.map { _ in "?" }.joined(separator: ",")))")
            arguments += StatementArguments(filter.kinds.map(\.rawValue).sorted())
        }
        if !filter.statuses.isEmpty {
            conditions.append("e.status IN (\(filter.statuses.map { _ in "?" }.joined(separator: ",")))")
            arguments += StatementArguments(filter.statuses.map(\.rawValue).sorted())
        }
        if !filter.tags.isEmpty {
            conditions.append("EXISTS (SELECT 1 FROM json_each(e.tags) t WHERE lower(t.value) IN (\(filter.tags.map { _ in "lower(?)" }.joined(separator: ","))))")
            arguments += StatementArguments(filter.tags.map(\.normalizedLine))
        }
        if !filter.personTags.isEmpty {
            conditions.append("EXISTS (SELECT 1 FROM json_each(p.tags) t WHERE lower(t.value) IN (\(filter.personTags.map { _ in "lower(?)" }.joined(separator: ","))))")
            arguments += StatementArguments(filter.personTags.map(\.normalizedLine))
        }
        if let since = filter.since?.isoString {
            // Still going on at `since`: no end, or an end not before it at the common precision.
            conditions.append("""
                (e.endDate IS NULL AND (e.startDate IS NOT NULL OR e.ongoing = 1)
                 OR substr(e.endDate, 1, min(length(e.endDate), ?)) >= substr(?, 1, min(length(e.endDate), ?)))
                """)
            arguments += [since.count, since, since.count]
        }
        if let until = filter.until?.isoString {
            conditions.append("""
                coalesce(e.startDate, e.endDate) IS NOT NULL
                AND substr(coalesce(e.startDate, e.endDate), 1, min(length(coalesce(e.startDate, e.endDate)), ?))
                    <= substr(?, 1, min(length(coalesce(e.startDate, e.endDate)), ?))
                """)
            arguments += [until.count, until, until.count]
        }
        return (conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), arguments)
    }

    /// The experiences matching `condition`, by person, then in path order (`sortKey`, title, ID).
    func storedExperiences(where condition: String, _ arguments: StatementArguments) throws -> [StoredExperience] {
        // A cached statement, decoded on the cursor (see `fetch`): bulk paths (import, export of a
        // caseload) run this once per person.
        try fetchColumns("""
            SELECT \(ExperienceColumns.selection), \(Self.organizationSelection)
            FROM experience e
            JOIN person p ON p.id = e.personID
            LEFT JOIN organization o ON o.id = e.organizationID
            WHERE \(condition)
            ORDER BY e.personID, e.sortKey, e.title, e.id
            """, arguments: arguments) { row in
            typealias Column = ExperienceColumns.Column
            let experience = try ExperienceColumns.experience(from: row)
            let org = Column.allCases.count  // the organization's columns come after the experience's
            let organization = experience.organizationID.map { _ in Self.organization(from: row, at: org) }
            return StoredExperience(
                experience: experience, personID: PersonID(rawValue: row[Column.personID.rawValue]),
                organization: organization,
                createdAt: Timestamp.parse(row[Column.createdAt.rawValue]) ?? .distantPast,
                updatedAt: Timestamp.parse(row[Column.updatedAt.rawValue]) ?? .distantPast,
                deletedAt: (row[Column.deletedAt.rawValue] as String?).flatMap(Timestamp.parse))
        }
    }

    /// The experience an ID or unique ID prefix (at least four characters) names.
    ///
    /// - Parameters:
    ///   - person: only this person's experiences, when given.
    ///   - includeDeleted: also match deleted experiences (for `restore` and `history`).
    public func resolveExperience(_ reference: String, person: PersonID? = nil,
                                  includeDeleted: Bool = false) throws -> ExperienceID {
        let id = try resolve(reference, in: "experience", entity: "experience", live: !includeDeleted,
                             scope: person == nil ? nil : "personID = ?", arguments: person.map { [$0.rawValue] } ?? [])
        return ExperienceID(rawValue: id)
    }

    /// The experiences among `ids` that a listing must show by their whole ID: those whose
    /// ``Identifier/short`` form names another experience too, listed or not, anyone's,
    /// deleted or not (a reference is looked up in all of them), and those whose short forms
    /// are the same as another listed one's in any letter case. Random IDs share their first
    /// 8 characters once in 4 billion pairs (a caseload of 50,000 experiences has about one
    /// chance in four of holding such a pair); IDs imported from another system often do.
    ///
    /// A few IDs are each sought in the ID index; a listing of a good part of the ledger
    /// reads the index once instead, in order, where IDs of one short form are neighbours
    /// (a seek a listed ID cost `list` of 1,000 experiences 15% more; the read, 2.4%).
    public func experiencesSharingShortForms(_ ids: [ExperienceID]) throws -> Set<ExperienceID> {
        var whole = ExperienceID.sharingShortForms(ids)
        let candidates = ids.filter { $0.short != $0.rawValue && !whole.contains($0) }  // a whole ID is matched exactly first
        guard !candidates.isEmpty else { return whole }
        // How many experiences the ledger holds, about: the last row's number, one seek
        // (`count(*)` reads every page of an index: 3.5 ms in a caseload of 50,000).
        let total = try Int.fetchOne(db.cachedStatement(sql: "SELECT max(rowid) FROM experience")) ?? 0
        if candidates.count * 16 < total {
            let another = try db.cachedStatement(sql: "SELECT 1 FROM experience WHERE id >= ? AND id < ? AND id <> ? LIMIT 1")
            for id in Set(candidates) {
                let short = id.short
                if try hasRow(another, [short, short + "\u{10FFFF}", id.rawValue]) { whole.insert(id) }
            }
            return whole
        }
        // Every ID in byte order: the first 8 bytes of two neighbours the same is a shared short form.
        var shared = Set<UInt64>()
        let handle = try db.cachedStatement(sql: "SELECT id FROM experience ORDER BY id").sqliteStatement
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        var previous: UInt64?
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
            guard let text = sqlite3_column_text(handle, 0), sqlite3_column_bytes(handle, 0) >= 8 else {
                previous = nil
                continue
            }
            let key = Self.firstEightBytes(UnsafeBufferPointer(start: text, count: 8))
            if key == previous { shared.insert(key) }
            previous = key
        }
        guard !shared.isEmpty else { return whole }
        for id in candidates {
            var raw = id.rawValue
            if raw.withUTF8({ $0.count >= 8 && shared.contains(Self.firstEightBytes(UnsafeBufferPointer(rebasing: $0.prefix(8)))) }) {
                whole.insert(id)
            }
        }
        return whole
    }

    /// Eight bytes as one integer, the first the most significant (so that the order of the
    /// integers is the bytes' order).
    private static func firstEightBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}

extension Ledger {
    /// Adds an experience; see ``Transaction/add(_:for:organization:)``.
    ///
    /// `organizationName` names the employer, provider or host; the person's organization
    /// of that name is used, or created.
    @discardableResult
    public func add(_ experience: Experience, for person: PersonID, organizationName: String? = nil) throws -> StoredExperience {
        try transaction { tx in
            try tx.add(experience, for: person, organization: organizationName.map(OrganizationChoice.named) ?? .unchanged)
        }
    }

    /// Changes an experience; see ``Transaction/update(_:organization:_:)``.
    @discardableResult
    public func update(_ id: ExperienceID, _ change: (inout Experience) throws -> Void) throws -> StoredExperience {
        try transaction { tx in try tx.update(id, change) }
    }

    /// Experiences matching a filter; see ``Transaction/experiences(matching:)``.
    public func experiences(matching filter: ExperienceFilter = ExperienceFilter()) throws -> [StoredExperience] {
        try read { try $0.experiences(matching: filter) }
    }
}

/// How an ``Experience`` maps onto the `experience` table's columns.
enum ExperienceColumns {
    /// The columns written and read, in this order; a row is read by position (a lookup by
    /// name costs more than decoding the value).
    enum Column: Int, CaseIterable {
        case id, personID, kind, status, title, organizationID, role, location
        case startDate, startLabel, endDate, endLabel, ongoing, sortKey, summary
        case highlights, skills, evidence, tags, visibility
        case employmentType, trainingHours, credential, courseCode, ncsCode, funding
        case programme, sponsor, mentoringRole, counterpart, createdAt, updatedAt
        /// Read, never written by an insert or update: it is set by `delete`.
        case deletedAt
    }

    /// Every column's name, in the order of ``Column`` (a test checks them against the cases'
    /// names; making them with `"\(case)"` went through reflection, 1.4M instructions).
    static let allNames = [
        "id", "personID", "kind", "status", "title", "organizationID", "role", "location",
        "startDate", "startLabel", "endDate", "endLabel", "ongoing", "sortKey", "summary",
        "highlights", "skills", "evidence", "tags", "visibility",
        "employmentType", "trainingHours", "credential", "courseCode", "ncsCode", "funding",
        "programme", "sponsor", "mentoringRole", "counterpart", "createdAt", "updatedAt",
        "deletedAt",
    ]

    static let names = allNames.filter { $0 != "deletedAt" }

    /// The select list ``experience(from:)`` reads, from the experience table named `e` in
    /// the query; columns a query adds come after it, from position `Column.allCases.count`.
    /// Made once: the queries using it run for every person an export or an import reads.
    static let selection = allNames.map { "e." + $0 }.joined(separator: ", ")

    static let insert = "INSERT INTO experience (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))"

    /// Every column but `id` and `createdAt`, matched by ID; arguments from ``updateArguments(_:person:updatedAt:)``.
    static let update = "UPDATE experience SET "
        + names.filter { $0 != "id" && $0 != "createdAt" }.map { "\($0) = ?" }.joined(separator: ", ")
        + " WHERE id = ?"

    /// The values of ``update``, in order.
    static func updateValues(_ e: Experience, person: PersonID, updatedAt: String) -> [any SQLiteBindable] {
        let values = insertValues(e, person: person, createdAt: "", updatedAt: updatedAt)
        return zip(names, values).filter { $0.0 != "id" && $0.0 != "createdAt" }.map(\.1) + [e.id.rawValue]
    }

    /// The values of ``names`` (and ``insert``), in order.
    /// An experience's list columns as stored: JSON text.
    struct Lists: Sendable, Hashable {
        var highlights, skills, evidence, tags: String

        init(_ e: Experience) {
            highlights = json(e.highlights)
            skills = json(e.skills)
            evidence = json(e.evidence)
            tags = json(e.tags)
        }
    }

    /// - Parameter lists: `e`'s ``Lists``, when made ahead (``PortfolioImport/prepared()``).
    static func insertValues(_ e: Experience, person: PersonID, createdAt: String, updatedAt: String,
                             lists: Lists? = nil) -> [any SQLiteBindable] {
        let lists = lists ?? Lists(e)
        let start = e.period.start
        let end = e.period.end?.date
        let values: [any SQLiteBindable] = [
            e.id.rawValue, person.rawValue, e.kind.rawValue, e.status.rawValue, e.title, e.organizationID?.rawValue,
            e.role, e.location,
            start?.isoString, start?.label, end?.isoString, end?.label, e.period.isOngoing, sortKey(e.period), e.summary,
            lists.highlights, lists.skills, lists.evidence, lists.tags, e.visibility.rawValue,
            e.job?.employmentType?.rawValue, e.training?.hours, e.training?.credential, e.training?.courseCode,
            e.training?.ncsCode, e.training?.funding, e.workExperience?.programme, e.workExperience?.sponsor,
            e.mentoring?.role?.rawValue, e.mentoring?.counterpart, createdAt, updatedAt,
        ]
        return values
    }

    private static func json<T: Encodable>(_ value: T) -> String {
        (try? JSON.string(value)) ?? "[]"
    }

    /// Start then end, each padded to ten characters so that plain text order is path order.
    static func sortKey(_ period: Period) -> String {
        func pad(_ text: String) -> String { text + String(repeating: " ", count: max(0, 10 - text.count)) }
        let start = period.start?.isoString ?? "~~~~~~~~~~"
        let end: String
        switch period.end {
        case .date(let date)?: end = date.isoString ?? "~~~~~~~~~~"
        case .ongoing?, nil: end = "~~~~~~~~~~"
        }
        return pad(start) + pad(end)
    }

    /// A period from its columns.
    static func period(startDate: String?, startLabel: String?, endDate: String?, endLabel: String?, ongoing: Bool) -> Period {
        func date(_ iso: String?, _ label: String?) -> PartialDate? {
            if let iso { return try? PartialDate(iso, label: label) }
            if let label { return try? PartialDate(label: label) }
            return nil
        }
        var end: Period.End?
        if ongoing {
            end = .ongoing
        } else if let endDate = date(endDate, endLabel) {
            end = .date(endDate)
        }
        return Period(start: date(startDate, startLabel), end: end)
    }

    /// The experience in a row whose columns start with ``selection``.
    static func experience(from row: Columns) throws -> Experience {
        let kind: ExperienceKind = row.value(Column.kind.rawValue) ?? .other
        var experience = Experience(
            id: ExperienceID(rawValue: row[Column.id.rawValue]), kind: kind,
            status: row.value(Column.status.rawValue) ?? .completed,
            title: row[Column.title.rawValue],
            organizationID: (row[Column.organizationID.rawValue] as String?).map(OrganizationID.init(rawValue:)),
            role: row[Column.role.rawValue], location: row[Column.location.rawValue],
            period: period(startDate: row[Column.startDate.rawValue], startLabel: row[Column.startLabel.rawValue],
                           endDate: row[Column.endDate.rawValue], endLabel: row[Column.endLabel.rawValue],
                           ongoing: row[Column.ongoing.rawValue]),
            summary: row[Column.summary.rawValue],
            highlights: try JSON.decode([String].self, from: row[Column.highlights.rawValue]),
            skills: try JSON.decode([String].self, from: row[Column.skills.rawValue]),
            evidence: try JSON.decode([Evidence].self, from: row[Column.evidence.rawValue]),
            tags: try JSON.decode([String].self, from: row[Column.tags.rawValue]),
            visibility: row.value(Column.visibility.rawValue) ?? .private)
        let employment = (row[Column.employmentType.rawValue] as String?).flatMap(EmploymentType.init(rawValue:))
        if employment != nil { experience.job = JobDetails(employmentType: employment) }
        let training = TrainingDetails(hours: row[Column.trainingHours.rawValue], credential: row[Column.credential.rawValue],
                                       courseCode: row[Column.courseCode.rawValue], ncsCode: row[Column.ncsCode.rawValue],
                                       funding: row[Column.funding.rawValue])
        if training != TrainingDetails() { experience.training = training }
        let programme = WorkExperienceDetails(programme: row[Column.programme.rawValue], sponsor: row[Column.sponsor.rawValue])
        if programme != WorkExperienceDetails() { experience.workExperience = programme }
        let mentoring = MentoringDetails(role: (row[Column.mentoringRole.rawValue] as String?).flatMap(MentoringRole.init(rawValue:)),
                                         counterpart: row[Column.counterpart.rawValue])
        if mentoring != MentoringDetails() { experience.mentoring = mentoring }
        return experience
    }
}

extension Ledger.Transaction {
    /// The error for a change to a deleted experience.
    func deleted(_ id: ExperienceID) -> LedgerError {
        let name = typedID(of: RecordReference(.experience, id.rawValue))
        return .conflict(message: "experience \(name) is deleted", hint: "restore it first with `pathfolio restore \(name)`")
    }

    /// Refuses a change to an experience (or to what hangs on it) that is deleted, or whose
    /// person is: deleting a person leaves their experiences as they were, to come back with
    /// them, and a change made meanwhile would be made to someone no listing shows.
    func checkWritable(_ stored: StoredExperience) throws {
        if stored.deletedAt != nil { throw deleted(stored.id) }
        if try Bool.fetchOne(db, sql: "SELECT deletedAt IS NOT NULL FROM person WHERE id = ?",
                             arguments: [stored.personID.rawValue]) == true {
            let name = typedID(of: RecordReference(.person, stored.personID.rawValue))
            throw LedgerError.conflict(message: "experience \(typedID(of: RecordReference(.experience, stored.id.rawValue))) belongs to person \(name), who is deleted",
                                       hint: "restore them first with `pathfolio restore \(name)`")
        }
    }
}
