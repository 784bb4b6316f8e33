import Foundation
import GRDB

extension Ledger {
    /// The schema's history. Migrations are never edited once shipped: a change to the
    /// schema is a new migration appended here, so that any earlier file upgrades.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: ledger core") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration(v2Identifier) { db in
            try rebuildWithComparisonChecks(db)
        }
        migrator.registerMigration(v3Identifier) { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration(v4Identifier) { db in
            try db.execute(sql: v4)
        }
        migrator.registerMigration(v5Identifier) { db in
            try db.execute(sql: v5)
        }
        migrator.registerMigration(v6Identifier) { db in
            try rebuild("revision", in: db, as: withoutUniqueHash)
        }
        return migrator
    }

    static let v2Identifier = "v2: CHECK lists as comparisons"
    static let v3Identifier = "v3: people found by name through an index"

    /// v3: `--person NAME` is matched in any letter case (`lower(name) = lower(?)`), which read
    /// every person of the ledger: 21M instructions, a third of `list` for one person of a
    /// 10,000-person caseload. An index on the same expression makes it a lookup.
    static let v3 = "CREATE INDEX person_name ON person(lower(name));"

    static let v4Identifier = "v4: link revisions found through an index of their own"

    /// v4: an experience's history (in `show`) takes in the revisions of the links to and
    /// from it, found among the person's revisions by their key (`from:type:to`). Without
    /// this index SQLite read every revision row of the person, each with its snapshot, to
    /// test the key: 500 of the 520 page reads of `show` for a person with 1,000
    /// experiences. The keys of link revisions alone, in an index, are a few pages.
    static let v4 = "CREATE INDEX revision_link ON revision(personID, entityID) WHERE entity = 'link';"

    static let v5Identifier = "v5: link revisions found by the experience they lead to"

    /// v5: the revisions of the links *to* an experience were found by `entityID LIKE '%:id'`,
    /// which no index serves: SQLite tested the key of every link revision of the person
    /// (1,208 for a person with 1,000 experiences; 3.0M instructions, 12% of `show`). A
    /// link's key is `from:type:to`, an ID has no colon and a type is letters only, so
    /// ``linkTarget`` (the key after its first colon, less the type's letters) is `:to`;
    /// indexed, the links to an experience are a lookup, as those from it already were.
    static let v5 = "CREATE INDEX revision_link_to ON revision(personID, \(linkTarget)) WHERE entity = 'link';"

    static let v6Identifier = "v6: revisions without a unique index of their hashes"

    /// v6: `revision.hash` was `UNIQUE`, and so had an index of its own that nothing reads: a
    /// random 64-character key, so every revision written changed a random page of it (12 MB
    /// of a 200 MB ledger of 50,000 imported experiences; the pages of the indexes with random
    /// keys outgrew the import's page cache, and were written out and read back). A
    /// duplicated revision is still found: it breaks its person's chain, which `verify`
    /// checks revision by revision. The table is rebuilt without the constraint.
    static func withoutUniqueHash(_ definition: String) -> String {
        definition.replacingOccurrences(of: "hash TEXT NOT NULL UNIQUE", with: "hash TEXT NOT NULL")
    }

    /// `:to` of a link revision's key `from:type:to`. A query must spell the expression as the
    /// index does for SQLite to use it.
    static let linkTarget =
        "ltrim(substr(entityID, instr(entityID, ':') + 1), 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')"

    /// The tables whose CHECK constraints hold lists of three or more values.
    static let tablesWithCheckLists = ["person", "organization", "experience", "link", "reflection", "revision"]

    /// v2: SQLite evaluates a CHECK such as `kind IN ('job', 'training', …)` by building a
    /// temporary index of the list for every row it writes (`OpenEphemeral`: 16,800 of
    /// them, 12% of the instructions, to import 300 people). `kind = 'job' OR kind =
    /// 'training' OR …` accepts and refuses exactly the same values (NULL included) with
    /// plain comparisons: importing the 50,000-experience collection went from 11.7 s to
    /// 10.2 s. Each table is rebuilt by SQLite's documented procedure (new table, copy,
    /// drop, rename, indexes); rows, IDs and the revision counter are kept. GRDB runs
    /// migrations with foreign keys off and checks them before committing.
    static func rebuildWithComparisonChecks(_ db: Database) throws {
        for table in tablesWithCheckLists {
            try rebuild(table, in: db, as: comparisonChecks)
        }
    }

    /// Makes `table` again from its definition as `change` rewrites it (SQLite alters no
    /// constraint in place): every row copied as it is, its indexes made again in their
    /// order, and its row counter kept.
    static func rebuild(_ table: String, in db: Database, as change: (String) throws -> String) throws {
        guard let definition = try String.fetchOne(
            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table])
        else { return }
        let indexes = try String.fetchAll(
            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY rowid",
            arguments: [table])
        let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table])
        // A table renamed once is stored with its name quoted (`CREATE TABLE "revision" (`).
        var rebuilt = try change(definition)
        for name in [table, "\"\(table)\""] {
            rebuilt = rebuilt.replacing("CREATE TABLE \(name) (", with: "CREATE TABLE \(table)_rebuilt (", maxReplacements: 1)
        }
        try db.execute(sql: rebuilt)
        try db.execute(sql: "INSERT INTO \(table)_rebuilt SELECT * FROM \(table)")
        try db.execute(sql: "DROP TABLE \(table)")
        try db.execute(sql: "ALTER TABLE \(table)_rebuilt RENAME TO \(table)")
        for index in indexes { try db.execute(sql: index) }
        if let sequence {
            // A purged last revision must not give its number to the next one.
            try db.execute(sql: "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", arguments: [sequence, table])
        }
    }

    /// `column IN (a, b, c)` with three or more values, as `(column = a OR column = b OR
    /// column = c)`; shorter lists, which SQLite already compares one by one, stay.
    static func comparisonChecks(_ sql: String) -> String {
        sql.replacing(/(\w+) IN \(([^()]*)\)/) { match in
            let column = String(match.output.1)
            let values = match.output.2.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard values.count > 2 else { return String(match.output.0) }
            return "(" + values.map { "\(column) = \($0)" }.joined(separator: " OR ") + ")"
        }
    }

    static func migrate(_ writer: any DatabaseWriter, path: String, readOnly: Bool = false) throws {
        let migrator = Ledger.migrator
        // The migrations table read once (GRDB's `hasBeenSuperseded` and `appliedMigrations`
        // read it once each, at every start of every command).
        let applied = try writer.read { try migrator.appliedIdentifiers($0) }
        let known = Set(migrator.migrations)
        // A migration this version does not know: the file was made by a newer one.
        if !applied.isSubset(of: known) { throw LedgerError.newerSchema(path: path) }
        // Opening an up-to-date ledger must not write to it.
        guard !known.isSubset(of: applied) else { return }
        if readOnly {
            throw LedgerError.readOnly(path: path, reason: applied.isEmpty ? "it is empty, and `init` would write a new ledger into it"
                                                                          : "it was made by an older version of Pathfolio, and opening it upgrades it")
        }
        try migrator.migrate(writer)
        // v2 rebuilt every table of an existing ledger and v6 its revisions, leaving the old
        // pages free (zeroed: `secure_delete`) and the tables interleaved: compact the file
        // once. Best effort: the upgrade is committed, and a busy or full disk must not fail
        // the user's command.
        if !applied.isEmpty, !applied.contains(v2Identifier) || !applied.contains(v6Identifier) { try? writer.vacuum() }
    }

    private static let v1 = """
        CREATE TABLE person (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            nameVisibility TEXT NOT NULL CHECK (nameVisibility IN ('private', 'counselor', 'public')),
            details TEXT NOT NULL DEFAULT '[]',
            tags TEXT NOT NULL DEFAULT '[]',
            createdAt TEXT NOT NULL,
            updatedAt TEXT NOT NULL,
            deletedAt TEXT
        );

        CREATE TABLE organization (
            id TEXT PRIMARY KEY NOT NULL,
            personID TEXT NOT NULL REFERENCES person(id),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            kind TEXT CHECK (kind IN ('employer', 'trainingProvider', 'school', 'publicAgency', 'nonprofit', 'other')),
            location TEXT,
            website TEXT,
            createdAt TEXT NOT NULL,
            updatedAt TEXT NOT NULL
        );
        CREATE INDEX organization_person_name ON organization(personID, name);

        CREATE TABLE experience (
            id TEXT PRIMARY KEY NOT NULL,
            personID TEXT NOT NULL REFERENCES person(id),
            kind TEXT NOT NULL CHECK (kind IN ('job', 'training', 'workExperience', 'mentoring',
                                               'education', 'volunteering', 'project', 'other')),
            status TEXT NOT NULL CHECK (status IN ('planned', 'ongoing', 'completed', 'discontinued')),
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            organizationID TEXT REFERENCES organization(id),
            role TEXT,
            location TEXT,
            startDate TEXT,
            startLabel TEXT,
            endDate TEXT,
            endLabel TEXT,
            ongoing INTEGER NOT NULL DEFAULT 0 CHECK (ongoing IN (0, 1)),
            sortKey TEXT NOT NULL,
            summary TEXT,
            highlights TEXT NOT NULL DEFAULT '[]',
            skills TEXT NOT NULL DEFAULT '[]',
            evidence TEXT NOT NULL DEFAULT '[]',
            tags TEXT NOT NULL DEFAULT '[]',
            visibility TEXT NOT NULL CHECK (visibility IN ('private', 'counselor', 'public')),
            employmentType TEXT,
            trainingHours REAL CHECK (trainingHours >= 0),
            credential TEXT,
            courseCode TEXT,
            ncsCode TEXT,
            funding TEXT,
            programme TEXT,
            sponsor TEXT,
            mentoringRole TEXT CHECK (mentoringRole IN ('mentor', 'mentee')),
            counterpart TEXT,
            createdAt TEXT NOT NULL,
            updatedAt TEXT NOT NULL,
            deletedAt TEXT,
            CHECK (NOT (ongoing = 1 AND endDate IS NOT NULL))
        );
        CREATE INDEX experience_person_order ON experience(personID, sortKey);
        CREATE INDEX experience_organization ON experience(organizationID);

        CREATE TABLE link (
            fromID TEXT NOT NULL REFERENCES experience(id),
            toID TEXT NOT NULL REFERENCES experience(id),
            type TEXT NOT NULL CHECK (type IN ('ledTo', 'partOf', 'supports', 'relatedTo')),
            note TEXT,
            createdAt TEXT NOT NULL,
            PRIMARY KEY (fromID, type, toID),
            CHECK (fromID <> toID)
        ) WITHOUT ROWID;
        CREATE INDEX link_to ON link(toID, type);

        CREATE TABLE reflection (
            id TEXT PRIMARY KEY NOT NULL,
            experienceID TEXT NOT NULL REFERENCES experience(id),
            kind TEXT NOT NULL CHECK (kind IN ('postPlacement', 'postTraining', 'checkpoint', 'free')),
            written TEXT NOT NULL,
            template TEXT,
            locale TEXT,
            entries TEXT NOT NULL DEFAULT '[]',
            rating INTEGER CHECK (rating BETWEEN 1 AND 5),
            outcome TEXT,
            skillsGained TEXT NOT NULL DEFAULT '[]',
            visibility TEXT NOT NULL CHECK (visibility IN ('private', 'counselor', 'public')),
            createdAt TEXT NOT NULL,
            updatedAt TEXT NOT NULL,
            deletedAt TEXT
        );
        CREATE INDEX reflection_experience ON reflection(experienceID, written);

        -- Every change appends one row. `snapshot` is the record as JSON after the change
        -- (NULL once purged); `hash` chains each person's revisions:
        -- sha256(previousHash, metadata, contentHash).
        CREATE TABLE revision (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            personID TEXT NOT NULL,
            entity TEXT NOT NULL CHECK (entity IN ('person', 'organization', 'experience', 'link', 'reflection')),
            entityID TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore', 'purge')),
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            snapshot TEXT,
            contentHash TEXT NOT NULL,
            previousHash TEXT,
            hash TEXT NOT NULL UNIQUE
        );
        CREATE INDEX revision_person ON revision(personID, id);
        CREATE INDEX revision_entity ON revision(entityID, id);

        CREATE TABLE setting (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """
}
