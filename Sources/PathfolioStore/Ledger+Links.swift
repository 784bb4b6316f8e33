public import PathfolioCore
import GRDB

/// One node of a walk along the path, in depth-first order.
public struct PathStep: Sendable, Hashable {
    public var experienceID: ExperienceID
    /// 0 for where the walk started (or a root of the whole path).
    public var depth: Int
    /// The node this one was reached from.
    public var parent: ExperienceID?
    /// The link that was followed to reach this node.
    public var via: LinkType?

    public init(experienceID: ExperienceID, depth: Int, parent: ExperienceID? = nil, via: LinkType? = nil) {
        self.experienceID = experienceID
        self.depth = depth
        self.parent = parent
        self.via = via
    }
}

/// Which way a walk goes.
public enum WalkDirection: Sendable {
    /// Towards what came before: `ledTo` links backwards, and `partOf` to the containing
    /// programme.
    case ancestors
    /// Towards what came after: `ledTo` links forwards, and `partOf` to the modules.
    case descendants
}

extension Ledger.Transaction {
    /// Links two experiences of the same person.
    ///
    /// - Throws: ``LedgerError/invalid(_:)`` for a self-link, a duplicate, or a `ledTo` /
    ///   `partOf` link that would close a cycle (the message shows the cycle);
    ///   ``LedgerError/notFound(entity:reference:)`` for an unknown or deleted end.
    public func link(_ link: Link) throws {
        let link = link.normalized()
        let from = try stored(link.from), to = try stored(link.to)
        for end in [from, to] { try checkWritable(end) }
        guard from.personID == to.personID else {
            throw LedgerError.invalid([.error("link.crossPerson", "\(link.from.short) and \(link.to.short) belong to different people",
                                              hint: "link experiences of the same person", at: .record("link", link.key))])
        }
        try LinkRules.diagnostics(adding: link, to: try links(of: from.personID)).throwIfInvalid()
        try db.execute(sql: "INSERT INTO link (fromID, toID, type, note, createdAt) VALUES (?, ?, ?, ?, ?)",
                       arguments: [link.from.rawValue, link.to.rawValue, link.type.rawValue, link.note, timestamp])
        try appendRevision(person: from.personID, entity: .link, id: link.key, action: .create, snapshot: link)
    }

    /// Removes the links from one experience to another (of one type, or of every type).
    ///
    /// - Returns: the links removed.
    /// - Throws: ``LedgerError/notFound(entity:reference:)`` when there is no such link.
    @discardableResult
    public func unlink(from: ExperienceID, to: ExperienceID, type: LinkType? = nil) throws -> [Link] {
        let person = try stored(from).personID
        let matching = try links(of: person, includeDeleted: true).filter {
            $0.from == from && $0.to == to && (type == nil || $0.type == type)
        }
        guard !matching.isEmpty else {
            throw LedgerError.notFound(entity: "link", reference: "\(from.short) → \(to.short)\(type.map { " (\($0.rawValue))" } ?? "")")
        }
        for link in matching {
            try db.execute(sql: "DELETE FROM link WHERE fromID = ? AND toID = ? AND type = ?",
                           arguments: [link.from.rawValue, link.to.rawValue, link.type.rawValue])
            try appendRevision(person: person, entity: .link, id: link.key, action: .delete, snapshot: link)
        }
        return matching
    }

    /// A person's links. Links touching a deleted experience are left out unless
    /// `includeDeleted`; only links of the given types when `types` is given (`path` wants
    /// the few `supports` and `relatedTo` links among a long chain's `ledTo` links).
    public func links(of person: PersonID, types: Set<LinkType>? = nil, includeDeleted: Bool = false) throws -> [Link] {
        let live = includeDeleted ? "" : " AND a.deletedAt IS NULL AND b.deletedAt IS NULL"
        // `+l.type`: the type is tested on the links found by `fromID` (an experience has a
        // few), not sought once for each type (a seek costs ~3,000 instructions; `path` asks
        // this of every experience of a 100,000-step path).
        let only = types.map { types in
            " AND +l.type IN (\(types.map(\.rawValue).sorted().map { "'\($0)'" }.joined(separator: ", ")))"
        } ?? ""
        return try fetchColumns("""
            SELECT \(Self.linkSelection) FROM link l
            JOIN experience a ON a.id = l.fromID
            JOIN experience b ON b.id = l.toID
            WHERE a.personID = ?\(live)\(only)
            ORDER BY a.sortKey, l.type, b.sortKey, l.fromID, l.toID
            """, arguments: [person.rawValue]) { Self.link(from: $0, at: 0) }
    }

    /// The live links that start or end at an experience: by type, then the dates of both
    /// ends, then their IDs. Of a deleted experience, its links to live ones (what a restore
    /// brings back with it).
    public func links(touching id: ExperienceID) throws -> [Link] {
        try fetchColumns("""
            SELECT \(Self.linkSelection) FROM link l
            JOIN experience a ON a.id = l.fromID AND (a.deletedAt IS NULL OR a.id = ?)
            JOIN experience b ON b.id = l.toID AND (b.deletedAt IS NULL OR b.id = ?)
            WHERE l.fromID = ? OR l.toID = ?
            ORDER BY l.type, a.sortKey, b.sortKey, l.fromID, l.toID
            """, arguments: [id.rawValue, id.rawValue, id.rawValue, id.rawValue]) { Self.link(from: $0, at: 0) }
    }

    /// ``links(touching:)`` for every experience a filter matches, read at once (`list --json`
    /// shows each experience with its links).
    public func links(touchingExperiencesMatching filter: ExperienceFilter) throws -> [ExperienceID: [Link]] {
        let (condition, arguments) = Self.condition(for: filter)
        let matching = "SELECT e.id FROM experience e JOIN person p ON p.id = e.personID WHERE \(condition)"
        // One order for all, so each experience's links come in the order its own query gives.
        // A link counts for an end when the other end is live (a deleted experience lists its
        // links to live ones; a live one, none to deleted ones), as its own query has it.
        var touching: [ExperienceID: [Link]] = [:]
        for (link, fromLive, toLive) in try fetchColumns("""
            SELECT \(Self.linkSelection), a.deletedAt IS NULL, b.deletedAt IS NULL FROM link l
            JOIN experience a ON a.id = l.fromID
            JOIN experience b ON b.id = l.toID
            WHERE (l.fromID IN (\(matching)) OR l.toID IN (\(matching))) AND (a.deletedAt IS NULL OR b.deletedAt IS NULL)
            ORDER BY l.type, a.sortKey, b.sortKey, l.fromID, l.toID
            """, arguments: arguments + arguments, { columns -> (Link, Bool, Bool) in (Self.link(from: columns, at: 0), columns[4], columns[5]) }) {
            if toLive { touching[link.from, default: []].append(link) }
            if fromLive { touching[link.to, default: []].append(link) }
        }
        return touching
    }

    /// The columns ``link(from:at:)`` reads, from the link table named `l`.
    static let linkSelection = "l.fromID, l.toID, l.type, l.note"

    /// The link in a row's columns of ``linkSelection``, the first at `first`.
    static func link(from row: Columns, at first: Int) -> Link {
        Link(from: ExperienceID(rawValue: row[first]), to: ExperienceID(rawValue: row[first + 1]),
             type: row.value(first + 2) ?? .relatedTo, note: row[first + 3])
    }

    // MARK: Walking the path

    /// Walks the path from one experience, depth first, siblings in date order.
    ///
    /// The walk is one recursive common table expression in SQL. `ledTo` and `partOf` links
    /// are acyclic, so every walk ends; an experience reached along two routes appears
    /// once per route.
    ///
    /// - Parameter types: which of `ledTo` and `partOf` to follow.
    public func walk(from id: ExperienceID, _ direction: WalkDirection,
                     following types: Set<LinkType> = [.ledTo, .partOf]) throws -> [PathStep] {
        try fetchColumns(Self.walkSQL(seed: Self.experienceSeed, direction: direction, types: types, headed: false),
                         arguments: [id.rawValue], Self.step)
    }

    /// ``walk(from:_:following:)`` with the heading of each experience it reaches, handed to
    /// `body` a step at a time as SQLite takes it: the walk's own query reads the headings,
    /// and no list of the steps is made (a walk can be 100,000 steps long).
    public func walk(from id: ExperienceID, _ direction: WalkDirection, following types: Set<LinkType> = [.ledTo, .partOf],
                     each body: (PathStep, ExperienceHeading) throws -> Void) throws {
        let names = try organizationNames(where: "personID = (SELECT personID FROM experience WHERE id = ?)", id.rawValue)
        try forEachRow(Self.walkSQL(seed: Self.experienceSeed, direction: direction, types: types, headed: true),
                       arguments: [id.rawValue]) { row in try body(Self.step(row), Self.heading(row, names: names)) }
    }

    /// The whole path of a person as a forest: every experience that nothing led to and that
    /// is part of nothing is a root, followed by what it led to and its parts, depth first,
    /// in date order.
    public func careerPath(of person: PersonID) throws -> [PathStep] {
        try fetchColumns(Self.walkSQL(seed: Self.rootsSeed, direction: .descendants, types: [.ledTo, .partOf], headed: false),
                         arguments: [person.rawValue], Self.step)
    }

    /// ``careerPath(of:)`` with the heading of each experience, a step at a time; see
    /// ``walk(from:_:following:each:)``.
    public func careerPath(of person: PersonID, each body: (PathStep, ExperienceHeading) throws -> Void) throws {
        let names = try organizationNames(where: "personID = ?", person.rawValue)
        try forEachRow(Self.walkSQL(seed: Self.rootsSeed, direction: .descendants, types: [.ledTo, .partOf], headed: true),
                       arguments: [person.rawValue]) { row in try body(Self.step(row), Self.heading(row, names: names)) }
    }

    /// The names of the organizations that match a condition, by their IDs: a walk names
    /// the organization of each step from these (a person has a few), which costs less than
    /// SQLite joining the organization to each step.
    private func organizationNames(where condition: String, _ argument: String) throws -> [String: String] {
        var names: [String: String] = [:]
        try forEachRow("SELECT id, name FROM organization WHERE \(condition)", arguments: [argument]) { row in
            names[row[0]] = row[1] as String
        }
        return names
    }

    /// The heading in a row of a headed walk, its organization named from `names`.
    private static func heading(_ row: Columns, names: [String: String]) -> ExperienceHeading {
        var heading = ExperienceHeading(row, at: 4)
        heading.organization = heading.organization.flatMap { names[$0] }
        return heading
    }

    /// Where a walk from one experience starts (the experience `e`, by its ID).
    private static let experienceSeed = "FROM experience e WHERE e.id = ? AND e.deletedAt IS NULL"

    /// Where a person's whole path starts (the experiences `e` that are roots).
    private static let rootsSeed = """
        FROM experience e
        WHERE e.personID = ? AND e.deletedAt IS NULL
          AND NOT EXISTS (SELECT 1 FROM link l JOIN experience p ON p.id = l.fromID AND p.deletedAt IS NULL
                          WHERE l.toID = e.id AND l.type = 'ledTo')
          AND NOT EXISTS (SELECT 1 FROM link l JOIN experience p ON p.id = l.toID AND p.deletedAt IS NULL
                          WHERE l.fromID = e.id AND l.type = 'partOf')
        """

    /// The columns of ``ExperienceHeading/selection`` that a headed walk reads, after `e.id`,
    /// from the experience table `e`: the organization comes as its ID, for
    /// ``heading(_:names:)`` to name.
    private static let headingColumns = [
        "personID", "kind", "status", "title", "organizationID", "startDate", "startLabel",
        "endDate", "endLabel", "ongoing", "visibility",
    ].map { "e." + $0 }.joined(separator: ", ")

    /// The walk as SQL: a row a step, `id, parent, via, depth`, then with `headed` the
    /// columns of ``ExperienceHeading/selection`` (the organization's ID for its name).
    private static func walkSQL(seed: String, direction: WalkDirection, types: Set<LinkType>, headed: Bool) -> String {
        var branches: [String] = []
        // (link column matched against the current node, column of the next node, type)
        let forward = direction == .descendants
        if types.contains(.ledTo) {
            branches.append(branch(match: forward ? "fromID" : "toID", next: forward ? "toID" : "fromID", type: "ledTo"))
        }
        if types.contains(.partOf) {
            branches.append(branch(match: forward ? "toID" : "fromID", next: forward ? "fromID" : "toID", type: "partOf"))
        }
        let recursive = branches.isEmpty ? "" : "UNION ALL " + branches.joined(separator: " UNION ALL ")
        // Ordering the queue by depth (deepest first) makes SQLite walk depth first;
        // siblings come out in date order. Each step keeps the row number of its experience,
        // where the step found it, and a headed walk reads the heading by it once the step
        // leaves the queue: carrying the heading's eleven columns through the queue cost
        // SQLite more than reading them again. Two things keep the rows in the queue's order
        // with the experience joined: the join is a CROSS JOIN, whose left side SQLite
        // always keeps as the outer loop, and the ORDER BY has a LIMIT (-1: none), without
        // which SQLite may drop the ORDER BY of a query that is joined, as it did: the queue
        // became first in, first out, and a forest came out every root first.
        return """
            WITH RECURSIVE walk(id, parent, via, depth, sortKey, experience) AS (
                SELECT e.id, NULL, NULL, 0, e.sortKey, e.rowid \(seed)
                \(recursive)
                ORDER BY 4 DESC, 5 ASC, 1 ASC LIMIT -1
            )
            SELECT w.id, w.parent, w.via, w.depth\(headed ? ", e.id, \(headingColumns), 0" : "")
            FROM walk w\(headed ? " CROSS JOIN experience e ON e.rowid = w.experience" : "")
            """
    }

    /// The step in a row of ``walkSQL(seed:direction:types:headed:)``.
    private static func step(_ row: Columns) -> PathStep {
        PathStep(experienceID: ExperienceID(rawValue: row[0]), depth: row[3],
                 parent: (row[1] as String?).map(ExperienceID.init(rawValue:)),
                 via: row.value(2, as: LinkType.self))
    }

    /// The recursive step along one link type, from the walk's node to the next.
    private static func branch(match: String, next: String, type: String) -> String {
        """
        SELECT l.\(next), walk.id, '\(type)', walk.depth + 1, e.sortKey, e.rowid
        FROM walk JOIN link l ON l.\(match) = walk.id AND l.type = '\(type)'
        JOIN experience e ON e.id = l.\(next) AND e.deletedAt IS NULL
        WHERE walk.depth < 1000000
        """
    }
}

extension Ledger {
    /// Links two experiences; see ``Transaction/link(_:)``.
    public func link(from: ExperienceID, to: ExperienceID, type: LinkType, note: String? = nil) throws {
        try transaction { try $0.link(Link(from: from, to: to, type: type, note: note)) }
    }

    /// Walks the path from one experience; see ``Transaction/walk(from:_:following:)``.
    public func walk(from id: ExperienceID, _ direction: WalkDirection,
                     following types: Set<LinkType> = [.ledTo, .partOf]) throws -> [PathStep] {
        try read { try $0.walk(from: id, direction, following: types) }
    }

    /// A person's whole path; see ``Transaction/careerPath(of:)``.
    public func careerPath(of person: PersonID) throws -> [PathStep] {
        try read { try $0.careerPath(of: person) }
    }

    /// Walks the path from one experience a step at a time, with each experience's heading;
    /// see ``Transaction/walk(from:_:following:each:)``.
    public func walk(from id: ExperienceID, _ direction: WalkDirection, following types: Set<LinkType> = [.ledTo, .partOf],
                     each body: (PathStep, ExperienceHeading) throws -> Void) throws {
        try read { try $0.walk(from: id, direction, following: types, each: body) }
    }

    /// A person's whole path a step at a time, with each experience's heading; see
    /// ``Transaction/careerPath(of:each:)``.
    public func careerPath(of person: PersonID, each body: (PathStep, ExperienceHeading) throws -> Void) throws {
        try read { try $0.careerPath(of: person, each: body) }
    }
}
