public import Foundation
public import PathfolioCore
import CSQLiteConfig
import GRDB
import GRDBSQLite

/// A person's (or a caseload's) career ledger: one SQLite file.
///
/// The ledger owns the database connection and migrates the file on open. Every method
/// that writes runs in one transaction, and appends a ``Revision`` for each record it
/// changes: nothing is overwritten without a trace, and a failure leaves the file exactly
/// as it was. Compose several writes into one transaction with ``transaction(_:)``.
///
/// ```swift
/// let ledger = try Ledger.open(at: "career.sqlite", create: true)
/// let me = try ledger.addPerson(name: "김하늘")
/// var course = Experience(id: ledger.newID(), kind: .training, title: "데이터 분석 실무")
/// course.period = Period(start: try PartialDate("2024-03"), end: .date(try PartialDate("2024-08")))
/// let saved = try ledger.add(course, for: me.id, organizationName: "한국폴리텍대학")
/// ```
public final class Ledger: Sendable {
    /// What a ledger needs from the world: the time, new IDs, and who is writing.
    public struct Options: Sendable {
        /// The current time, recorded on revisions.
        public var now: @Sendable () -> Date
        /// Makes IDs for new records.
        public var ids: IDGenerator
        /// Who makes the changes, recorded on revisions: ``defaultActor`` unless set.
        public var actor: String {
            get { chosenActor ?? Options.defaultActor }
            set { chosenActor = newValue }
        }
        /// Set or not: the default is looked up only when a revision is written, since it
        /// may read the password database (`getpwuid`), and a command that only reads
        /// never needs it.
        private var chosenActor: String?
        /// How long a write waits for another process's write to finish.
        public var busyTimeout: TimeInterval
        /// When set, new IDs come from a generator seeded with this number and the ledger's
        /// revision count at open, so that a script run twice on fresh ledgers gives the same
        /// IDs (for reproducible examples and tests). Overrides ``ids``.
        public var idSeed: UInt64?
        /// For commands that write many records in one transaction (`import`): a page cache of
        /// ``bulkCacheMebibytes`` MiB instead of SQLite's 2 MiB, and savepoint journals in
        /// memory. With the small cache, pages of a large transaction are written out to the
        /// write-ahead log and read back before the commit (5.2 million `pwrite` and 2.1
        /// million `pread` calls importing 10,000 files), and each savepoint copied the pages
        /// changed since the transaction began to a temporary file.
        public var bulk = false
        /// For reading a whole caseload (`export --all`): the file is read through a memory
        /// map (`PRAGMA mmap_size`, up to ``mappedBytes``) rather than a `pread` call copying
        /// each page into SQLite's cache. An export of 10,000 people made 231,654 such calls,
        /// a tenth of its CPU in the kernel.
        ///
        /// - Important: a page that cannot be read (a failing disk, or the file cut short by
        ///   another program while it is mapped) then raises `SIGBUS` in the reading thread
        ///   instead of throwing an error. Set this only where `SIGBUS` is handled: the
        ///   `pathfolio` command reports it as an I/O error and removes what it was writing.
        public var mapsFile = false
        /// How much of a ``mapsFile`` ledger is mapped: 2 GiB (SQLite's own limit on Linux);
        /// what lies beyond is read with `pread`.
        public static let mappedBytes = 0x7fff_0000
        /// The page cache of a ``bulk`` ledger, in MiB.
        ///
        /// 32 MiB took an import of 10,000 files from 12.6 to 8.5 s and added 32 MB to its
        /// peak memory (55 → 87 MB); 64 MiB was no faster for the files. A collection file
        /// still overflowed 32 MiB: each new row goes into indexes of random IDs and hashes, a
        /// random page of each, and the pages pushed out were written to the log and read
        /// back (149,000 writes of a page and 194,000 reads importing 50,000 experiences, for
        /// a ledger of 51,000 pages). 48 MiB: 50,000 experiences 5.7 → 5.2 s (max RSS 86 →
        /// 106 MB), 100,000 experiences 16.0 → 12.7 s (100 → 121 MB); 64 MiB was no faster
        /// than 48 and took 137 MB.
        public static let bulkCacheMebibytes = 48

        public init(now: @escaping @Sendable () -> Date = { Date() }, ids: IDGenerator = .random,
                    actor: String? = nil, busyTimeout: TimeInterval = 15) {
            self.now = now
            self.ids = ids
            self.chosenActor = actor
            self.busyTimeout = busyTimeout
        }

        /// `$PATHFOLIO_ACTOR`, else the login name, else `uid N`; looked up once.
        public static let defaultActor: String = {
            // One line, as `history` prints it, without control characters: an escape
            // sequence in the environment must not reach the terminal from every revision.
            if let given = Environment.value("PATHFOLIO_ACTOR") ?? Environment.value("USER") ?? Environment.value("LOGNAME") {
                let line = given.withoutControlSequences.normalizedLine
                if !line.isEmpty { return line }
            }
            if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name {
                return String(cString: name)
            }
            return "uid \(getuid())"
        }()
    }

    let database: any DatabaseWriter
    let options: Options
    /// The file, or `nil` for an in-memory ledger.
    public let path: String?
    /// Whether this process may only read the ledger (on read-only media, or a file it may
    /// read but not write): ``transaction(_:)`` then fails before doing anything.
    public let isReadOnly: Bool

    private init(database: any DatabaseWriter, options: Options, path: String?, readOnly: Bool = false) throws {
        try Ledger.migrate(database, path: path ?? ":memory:", readOnly: readOnly)
        Ledger.dropStatementAuthorizer(database)
        var options = options
        if let seed = options.idSeed {
            let revisions = try database.read { db in try Int.fetchOne(db, sql: "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'revision'), 0)") ?? 0 }
            // A separate stream per ledger state, so runs that follow each other never repeat IDs.
            var mixer = SplitMix64(seed: seed ^ (UInt64(revisions) &* 0xD6E8_FEB8_6659_FD93))
            options.ids = .seeded(mixer.next())
        }
        self.database = database
        self.options = options
        self.path = path
        self.isReadOnly = readOnly
    }

    /// Takes GRDB's statement authorizer off the connection, once the schema is up to date.
    ///
    /// GRDB has SQLite call back into Swift for every column each statement reads while it
    /// is prepared, and makes a set of table and column names of them: the tables a
    /// `ValueObservation` would watch. Nothing here observes, and what else the callback
    /// tells GRDB matters only for observers, for suspending a connection (neither used
    /// here) and for statements that change the schema, which only the migrations run,
    /// before this. It was 9% of `show`'s instructions (1.9M of 20.7M, twenty-first round
    /// in BENCHMARKS.md). Done once per connection: changing the authorizer makes SQLite
    /// prepare its statements again.
    private static func dropStatementAuthorizer(_ database: any DatabaseWriter) {
        database.writeWithoutTransaction { db in
            _ = sqlite3_set_authorizer(db.sqliteConnection, nil, nil)
        }
    }

    /// Opens the ledger file at `path`, upgrading it to the current schema.
    ///
    /// With `create`, a missing file is created with mode 0600 in a folder created with
    /// mode 0700; without, a missing file is an error (so a mistyped `--store` never starts
    /// an empty ledger by accident).
    ///
    /// - Throws: ``LedgerError/storeMissing(path:)``, ``LedgerError/storeUnusable(path:reason:)``
    ///   when the path is a folder or not a ledger, ``LedgerError/newerSchema(path:)``.
    public static func open(at path: String, create: Bool = false, options: Options = Options()) throws -> Ledger {
        // One `stat` (FileManager's attributes cost 1.5M instructions, a third of opening).
        var info = stat()
        let existed = stat(path, &info) == 0
        if existed {
            if info.st_mode & S_IFMT == S_IFDIR {
                throw LedgerError.storeUnusable(path: path, reason: "it is a folder")
            }
            guard access(path, R_OK) == 0 else {
                throw LedgerError.storeUnusable(path: path, reason: "it cannot be read (check its permissions)")
            }
            // SQLite would take an empty file for a new database and write one into it.
            if !create, info.st_size == 0 {
                throw LedgerError.storeUnusable(path: path, reason: "it is an empty file, not a ledger (`pathfolio init` makes one)")
            }
        } else {
            guard create else { throw LedgerError.storeMissing(path: path) }
            try createPrivateFile(at: path)
        }
        var configuration = GRDB.Configuration()
        configuration.busyMode = .timeout(options.busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "pathfolio"
        configuration.prepareDatabase { db in
            // Another program's database (tables, but no migrations of ours): turning on
            // write-ahead logging or adding our tables would write to it, so it is refused first.
            if try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name NOT LIKE 'sqlite_%')
                   AND NOT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'grdb_migrations')
                """) == true {
                throw LedgerError.storeUnusable(path: path, reason: "it is an SQLite database of another program, not a Pathfolio ledger; it was left as it was")
            }
            // Write-ahead logging lets readers and a writer of other processes work at once.
            // The mode is stored in the file, so this writes only the first time (and a
            // ledger opened only to read is read as it is).
            if !db.configuration.readonly, try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                    throw LedgerError.storeUnusable(path: path, reason: "write-ahead logging cannot be turned on")
                }
            }
            // Every commit reaches the disk before the command reports success.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Deleted content is overwritten, so that a purge really erases.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            // Sorts and temporary tables stay in memory: SQLite would otherwise spill a large
            // sort (the 10,000 people of a caseload export, 3.4 MB) to a file in /var/tmp,
            // putting names and contact details on the disk outside the ledger's private folder.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            if options.mapsFile {
                try db.execute(sql: "PRAGMA mmap_size = \(Options.mappedBytes)")
            }
            if options.bulk {
                try db.execute(sql: "PRAGMA cache_size = -\(Options.bulkCacheMebibytes * 1024)")
            }
        }
        // A file this process may not write (on read-only media, or not its own), `init` of an
        // existing ledger too: SQLite would open it for writing all the same and fail only at
        // the first write, leaving its log and index files (this process's) behind in a folder
        // it may write, where they would stop the owner's next write.
        if existed, access(path, W_OK) != 0 {
            let reason = String(cString: strerror(errno))
            if let ledger = try openReadOnly(at: path, configuration: configuration, options: options) { return ledger }
            throw LedgerError.storeUnusable(path: path, reason: "it cannot be opened for writing (\(reason)); you need write access to the file and its folder")
        }
        do {
            // One connection per process: a command does one thing at a time, and opening a
            // queue writes nothing to the file (a failed command leaves it byte for byte as it was).
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try Ledger(database: queue, options: options, path: path)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw LedgerError.storeUnusable(path: path, reason: "it is not a Pathfolio ledger (not an SQLite file)")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            throw LedgerError.storeUnusable(path: path, reason: "it is damaged (\(error.message ?? "malformed")); restore it from a backup")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN || error.resultCode == .SQLITE_READONLY {
            if existed, let ledger = try openReadOnly(at: path, configuration: configuration, options: options) { return ledger }
            throw LedgerError.storeUnusable(path: path, reason: "it cannot be opened for writing (\(error.message ?? "permission denied")); you need write access to the file and its folder")
        } catch let error as DatabaseError {
            throw Ledger.mapped(error, path: path) ?? error
        }
    }

    /// The ledger at `path` opened only to read, for a process that may not write it or its
    /// folder (a ledger on read-only media, a copy someone may only read), or `nil` when it
    /// cannot be read either.
    ///
    /// A ledger closed cleanly is its file alone (SQLite removes the write-ahead log and its
    /// index on close), and SQLite reads it as immutable: no locks and no index file, which a
    /// read-only folder could not hold. With a log beside it, the log has commits the file has
    /// not, and reading the file alone would show the ledger as it was before them: then it
    /// is read through the log, which needs the log's index beside it. (SQLite must read
    /// `file:` names as URIs, as Debian's does; where it does not, this gives up.)
    private static func openReadOnly(at path: String, configuration: GRDB.Configuration, options: Options) throws -> Ledger? {
        var configuration = configuration
        configuration.readonly = true
        var log = stat()
        let logged = stat(path + "-wal", &log) == 0 && log.st_size > 0
        guard logged || sqlite3_compileoption_used("USE_URI") == 1 else { return nil }
        // An absolute path after `file://` (an empty authority): a path of its own beginning
        // with `//` would otherwise be read as one.
        let target = logged ? path : (path.hasPrefix("/") ? "file://" : "file:") + uriPath(path) + "?immutable=1"
        do {
            return try Ledger(database: try DatabaseQueue(path: target, configuration: configuration), options: options,
                              path: path, readOnly: true)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN || error.resultCode == .SQLITE_READONLY {
            return nil
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw LedgerError.storeUnusable(path: path, reason: "it is not a Pathfolio ledger (not an SQLite file)")
        } catch let error as DatabaseError {
            throw Ledger.mapped(error, path: path) ?? error
        }
    }

    /// `path` as the path of a `file:` URI: every byte but letters, digits, `-._~` and `/`
    /// percent-encoded (a `?` or `#` in a folder's name would end the path).
    static func uriPath(_ path: String) -> String {
        var text = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                text.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                text += (hex.count == 1 ? "%0" : "%") + hex
            }
        }
        return text
    }

    /// Turns off SQLite's count of every memory allocation, for the whole process: SQLite
    /// takes a process-wide mutex for each allocation and each free to keep that count, which
    /// nothing here reads (an import's writing thread: 2.57G → 2.33G instructions for 1,000
    /// portfolios, the ledger byte for byte the same). Only a program's first SQLite call can do this (the
    /// `pathfolio` command does, before anything else): afterwards it does nothing and
    /// returns `false`.
    @discardableResult
    public static func turnOffSQLiteMemoryStatistics() -> Bool {
        pathfolio_sqlite_set_memory_statistics(0) == SQLITE_OK
    }

    /// A ledger that lives in memory only, for tests and previews.
    public static func inMemory(options: Options = Options()) throws -> Ledger {
        try Ledger(database: DatabaseQueue(), options: options, path: nil)
    }

    /// Closes the connection now, not when the last reference to the ledger goes: SQLite
    /// removes the write-ahead log and its index as on any close. Anything read or written
    /// through this ledger afterwards throws. For a program about to end that will not take
    /// apart what it read (the `pathfolio` command after a listing: see `Output.finish`).
    public func close() throws {
        try database.close()
    }

    /// Moves everything in the write-ahead log into the file and empties the log, so that
    /// no copy of erased data stays behind in it.
    func checkpoint() throws {
        guard path != nil, !isReadOnly else { return }
        try database.writeWithoutTransaction { db in
            _ = try db.checkpoint(.truncate)
        }
    }

    /// The default file: `$XDG_DATA_HOME/pathfolio/ledger.sqlite`, else
    /// `~/.local/share/pathfolio/ledger.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return data + "/pathfolio/ledger.sqlite"
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/pathfolio/ledger.sqlite"
    }

    /// A new ID from this ledger's generator.
    public func newID<Entity>(_: Entity.Type = Entity.self) -> Identifier<Entity> {
        options.ids.next()
    }

    /// Throws what ``transaction(_:)`` would for a ledger opened only to read, before
    /// anything else is done (before an editor opens on a reflection that could not be saved).
    ///
    /// - Throws: ``LedgerError/storeUnusable(path:reason:)`` when ``isReadOnly``.
    public func requireWritable() throws {
        if isReadOnly, let path { throw LedgerError.readOnly(path: path, reason: nil) }
    }


    /// Runs `body` in one write transaction: either everything it does is saved, or (when
    /// it throws) nothing is.
    public func transaction<T>(_ body: (Transaction) throws -> T) throws -> T {
        try requireWritable()
        return try mapErrors {
            try database.write { db in try body(Transaction(db: db, options: options, path: path ?? ":memory:")) }
        }
    }

    /// Runs `body` with a consistent read-only view of the ledger.
    public func read<T>(_ body: (Transaction) throws -> T) throws -> T {
        try mapErrors {
            try database.read { db in try body(Transaction(db: db, options: options, path: path ?? ":memory:")) }
        }
    }

    private func mapErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw Ledger.mapped(error, path: path ?? ":memory:") ?? error
        }
    }

    /// The ledger error a user can act on for an SQLite failure, or `nil` for a failure
    /// that is a bug.
    static func mapped(_ error: DatabaseError, path: String) -> LedgerError? {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            .busy(path: path)
        case .SQLITE_FULL:
            .io(path: path, reason: "the disk is full; nothing was written")
        case .SQLITE_IOERR, .SQLITE_READONLY, .SQLITE_CANTOPEN:
            .io(path: path, reason: "\(error.message ?? "I/O error"); nothing was written")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            .storeUnusable(path: path, reason: "it is damaged (\(error.message ?? "malformed")); restore it from a backup")
        default:
            nil
        }
    }

    /// Creates an empty file readable only by its owner, in a folder only its owner can enter.
    private static func createPrivateFile(at path: String) throws {
        let folder = PathText.folder(of: path)
        if folder != ".", !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw LedgerError.io(path: folder, reason: "the folder cannot be created: \(error.localizedDescription)")
            }
        }
        let descriptor = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw LedgerError.io(path: path, reason: "the file cannot be created: \(String(cString: strerror(errno)))")
        }
        Foundation.close(descriptor)
    }
}
