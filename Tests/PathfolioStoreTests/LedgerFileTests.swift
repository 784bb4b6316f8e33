import Foundation
import GRDB
import PathfolioCore
@testable import PathfolioStore
import Testing

struct LedgerFileTests {
    /// A ledger opened only to read is named to SQLite by a `file:` URI: a `?`, `#` or `%`
    /// in a folder's name must stay part of the path.
    @Test func aFileURIPathKeepsEveryCharacterOfTheFolderName() {
        #expect(Ledger.uriPath("/media/usb/ledger.sqlite") == "/media/usb/ledger.sqlite")
        #expect(Ledger.uriPath("/tmp/a?b#c%d e/김.sqlite") == "/tmp/a%3Fb%23c%25d%20e/%EA%B9%80.sqlite")
    }

    @Test func createsAPrivateFileInAPrivateFolder() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        _ = try temporary.open()
        let file = try FileManager.default.attributesOfItem(atPath: temporary.path)
        let folder = try FileManager.default.attributesOfItem(atPath: (temporary.path as NSString).deletingLastPathComponent)
        #expect((file[.posixPermissions] as? Int) == 0o600)
        #expect((folder[.posixPermissions] as? Int) == 0o700)
    }

    @Test func theWriteAheadLogAndSharedMemoryFilesArePrivateToo() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let ledger = try temporary.open()
        _ = try ledger.addPerson(name: "Alex")  // the connection stays open: -wal and -shm exist
        for suffix in ["-wal", "-shm"] {
            let mode = try FileManager.default.attributesOfItem(atPath: temporary.path + suffix)[.posixPermissions] as? Int
            #expect(mode == 0o600, "ledger.sqlite\(suffix)")
        }
    }

    @Test func opensInWALModeWithForeignKeys() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let ledger = try temporary.open()
        let (mode, keys) = try ledger.database.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(mode == "wal")
        #expect(keys == 1)
    }

    /// Only a ledger opened to read a whole caseload maps its file into memory; any other
    /// reads each page with a call (an unreadable page is then an error, not a signal).
    @Test func onlyALedgerOpenedToMapItsFileMapsIt() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        _ = try temporary.open()
        var options = Ledger.Options()
        let plain = try Ledger.open(at: temporary.path, options: options)
        options.mapsFile = true
        let mapped = try Ledger.open(at: temporary.path, options: options)
        #expect(try plain.database.read { try Int.fetchOne($0, sql: "PRAGMA mmap_size") } == 0)
        #expect(try mapped.database.read { try Int.fetchOne($0, sql: "PRAGMA mmap_size") } == Ledger.Options.mappedBytes)
    }

    @Test func aMissingFileIsNotCreatedUnlessAsked() {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        #expect {
            try temporary.open(create: false)
        } throws: { error in
            guard case LedgerError.storeMissing = error else { return false }
            return !FileManager.default.fileExists(atPath: temporary.path)
        }
    }

    @Test func aFolderOrAForeignFileIsRefusedWithoutTouchingIt() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        try FileManager.default.createDirectory(atPath: temporary.path, withIntermediateDirectories: true)
        #expect { try temporary.open() } throws: { error in
            guard case LedgerError.storeUnusable(_, let reason) = error else { return false }
            return reason == "it is a folder"
        }
        try FileManager.default.removeItem(atPath: temporary.path)
        let notes = Data("my notes, not a database\n".utf8)
        try notes.write(to: URL(fileURLWithPath: temporary.path))
        #expect { try temporary.open() } throws: { error in
            guard case LedgerError.storeUnusable = error else { return false }
            return true
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: temporary.path)) == notes)
        // Another program's SQLite database: refused before anything is written to it.
        try FileManager.default.removeItem(atPath: temporary.path)
        try DatabaseQueue(path: temporary.path).write { db in
            try db.execute(sql: "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: temporary.path))
        #expect { try temporary.open() } throws: { error in
            guard case LedgerError.storeUnusable(_, let reason) = error else { return false }
            return reason.contains("another program")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: temporary.path)) == before)
        #expect(!FileManager.default.fileExists(atPath: temporary.path + "-wal"))
    }

    @Test func migratesAnEmptyFileAndReopensWithoutChange() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let ledger = try temporary.open()
        let applied = try ledger.database.read { try Ledger.migrator.appliedMigrations($0) }
        #expect(applied == Ledger.migrator.migrations)
        let tables = try ledger.database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
        }
        #expect(tables == ["experience", "link", "organization", "person", "reflection", "revision", "setting"])
        _ = try ledger.addPerson(name: "Alex")
        let reopened = try temporary.open(create: false)
        #expect(try reopened.people().map(\.person.name) == ["Alex"])
    }

    @Test func refusesAFileFromANewerVersion() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        _ = try temporary.open()
        try temporary.tamper("INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')")
        #expect { try temporary.open(create: false) } throws: { error in
            guard case LedgerError.newerSchema = error else { return false }
            return true
        }
    }

    @Test func aFailedWriteLeavesTheFileExactlyAsItWas() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let seeded = try Seeded(temporary.open())
        let before = try temporary.bytes()
        // One transaction: a new organization and a person are written, then a bad experience fails.
        #expect(throws: LedgerError.self) {
            try seeded.ledger.transaction { tx in
                _ = try tx.organization(named: "New employer", for: seeded.person.id)
                try tx.addPerson(Person(id: tx.newID(), name: "Someone else"))
                var bad = Experience(id: tx.newID(), kind: .job, title: "Bad dates")
                bad.period = Period(start: try PartialDate("2024-05"), end: .date(try PartialDate("2024-01")))
                try tx.add(bad, for: seeded.person.id)
            }
        }
        #expect(try temporary.bytes() == before)
        #expect(try seeded.ledger.people().count == 1)
    }

    @Test func aFailedSavepointUndoesOnlyItsOwnWritesAndKeepsTheHistoryChained() throws {
        // Given a person with a history, and one transaction with three savepoints for them
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let ledger = try temporary.open()
        let person = try ledger.addPerson(name: "김하늘")
        struct Refused: Error {}
        // When the middle one writes revisions and then fails
        try ledger.transaction { tx in
            _ = try tx.savepoint { try tx.add(Experience(id: tx.newID(), kind: .job, title: "first"), for: person.id) }
            #expect(throws: Refused.self) {
                try tx.savepoint {
                    _ = try tx.add(Experience(id: tx.newID(), kind: .job, title: "undone"), for: person.id)
                    throw Refused()
                }
            }
            _ = try tx.savepoint { try tx.add(Experience(id: tx.newID(), kind: .job, title: "third"), for: person.id) }
        }
        // Then the others are saved, and the hash chain skips what was undone
        let reopened = try temporary.open()
        #expect(try reopened.experiences(matching: ExperienceFilter(person: person.id)).map(\.experience.title).sorted() == ["first", "third"])
        #expect(try reopened.verify().problems.map(\.description) == [])
    }

    @Test func twoWritersAtOnceBothSucceed() async throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let first = try temporary.open(prefix: "a")
        let person = try first.addPerson(name: "Alex")
        let second = try temporary.open(prefix: "b")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (ledger, name) in [(first, "a"), (second, "b")] {
                group.addTask {
                    for index in 0..<100 {
                        try ledger.add(Experience(id: ledger.newID(), kind: .project, title: "\(name) \(index)"), for: person.id)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try first.experiences().count == 200)
        #expect(try first.verify().isIntact)
    }

    @Test func backupIsACompletePrivateCopy() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let seeded = try Seeded(temporary.open())
        let copy = temporary.folder.appendingPathComponent("backup.sqlite").path
        try seeded.ledger.backup(to: copy)
        #expect((try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int) == 0o600)
        let restored = try Ledger.open(at: copy)
        #expect(try restored.experiences().map(\.experience.title) == seeded.ledger.experiences().map(\.experience.title))
        #expect(try restored.verify().isIntact)
        #expect(throws: LedgerError.self) { try seeded.ledger.backup(to: copy) }
    }
}

/// Every ledger keeps SQLite's temporary data (a large sort, a savepoint's journal) in memory,
/// never in a file in /var/tmp where names and contact details would outlive the command; a
/// bulk ledger (import) also keeps more pages in memory.
struct BulkLedgerTests {
    @Test func aBulkLedgerHasALargerCacheAndEveryLedgerKeepsTemporaryDataInMemory() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let settings = { (ledger: Ledger) in
            try ledger.database.read { db in
                (try Int.fetchOne(db, sql: "PRAGMA cache_size"), try Int.fetchOne(db, sql: "PRAGMA temp_store"))
            }
        }
        let plain = try settings(temporary.open())
        #expect(plain.0 == -2000)
        #expect(plain.1 == 2)  // MEMORY
        var options = Ledger.Options()
        options.bulk = true
        let bulk = try settings(Ledger.open(at: temporary.path, options: options))
        #expect(bulk.0 == -Ledger.Options.bulkCacheMebibytes * 1024)
        #expect(bulk.1 == 2)  // MEMORY
    }

    /// Savepoints rolled back inside a bulk transaction (a file with an error in an import)
    /// undo exactly their own writes, with the journal in memory.
    @Test func aRolledBackSavepointUndoesOnlyItsOwnWrites() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        _ = try temporary.open()
        var options = Ledger.Options()
        options.bulk = true
        let ledger = try Ledger.open(at: temporary.path, options: options)
        struct Refused: Error {}
        try ledger.transaction { tx in
            for index in 0..<300 {
                do {
                    try tx.savepoint {
                        let person = try tx.addPerson(Person(id: tx.newID(), name: "사람 \(index)"))
                        _ = try tx.add(Experience(id: tx.newID(), kind: .job, title: String(repeating: "직무 \(index) ", count: 40)),
                                       for: person.id)
                        if index % 3 == 1 { throw Refused() }
                    }
                } catch is Refused {}
            }
        }
        let names = try ledger.people().map(\.person.name)
        #expect(names.count == 200)
        #expect(!names.contains { Int($0.dropFirst(3))! % 3 == 1 })
        #expect(try ledger.experiences(matching: ExperienceFilter()).count == 200)
        #expect(try ledger.verify().isIntact)
    }
}
