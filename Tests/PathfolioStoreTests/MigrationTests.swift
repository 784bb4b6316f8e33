import Foundation
import GRDB
import PathfolioCore
@testable import PathfolioStore
import Testing

/// Ledgers written by every earlier schema version open with today's code, upgrade, and
/// keep every row and value. Each version's file is kept in `Fixtures/` (made by
/// `Scripts/make-ledger-fixture.sh` just before the schema changed), so the next change to
/// the schema is checked against all the files people already have.
struct MigrationTests {
    /// `Fixtures/ledger-v1.sqlite`, `…-v2.sqlite`, …
    static let fixtures: [String] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix("ledger-v") && $0.hasSuffix(".sqlite") }.sorted()
            .map { folder.appendingPathComponent($0).path }
    }()

    @Test func thereIsAFixtureForEachShippedVersion() {
        // One fixture per migration, the newest included, so that a new migration is always
        // tested against the version before it.
        #expect(Self.fixtures.count == Ledger.migrator.migrations.count)
    }

    @Test(arguments: fixtures)
    func anEarlierLedgerUpgradesWithoutLosingAnything(_ fixture: String) throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        try FileManager.default.createDirectory(atPath: (temporary.path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixture, toPath: temporary.path)
        let before = try Self.contents(of: temporary.path)
        // Upgraded across v2 (every table made again) or v6 (the revisions): compacted once.
        let earlier: [String] = before["grdb_migrations"].map { Array($0.rows.joined()) } ?? []
        let rebuilt = ![Ledger.v2Identifier, Ledger.v6Identifier].allSatisfy { version in earlier.contains { $0.contains(version) } }
        #expect(before["experience"]?.rows.isEmpty == false)
        #expect(before["revision"]?.rows.isEmpty == false)

        let ledger = try temporary.open(create: false)
        let applied = try ledger.database.read { try Ledger.migrator.appliedMigrations($0) }
        #expect(applied == Ledger.migrator.migrations)
        let report = try ledger.verify()
        #expect(report.problems == [])
        #expect(report.people == 2)
        // Rebuilt tables leave no free pages behind (the upgrades to v2 and v6 compact the
        // file), and each table's indexes are in the order v1 made them (SQLite's planner
        // breaks ties by that order); v6 made the revisions' again, after the others.
        let (free, indexes) = try ledger.database.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA freelist_count"),
             try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY rowid"))
        }
        if rebuilt { #expect(free == 0) }
        #expect(indexes == ["organization_person_name", "experience_person_order", "experience_organization", "link_to",
                            "reflection_experience", "person_name", "revision_person", "revision_entity", "revision_link",
                            "revision_link_to"])
        // No index of the revisions' hashes (v6), nor any other unique one but the row number's.
        let unique = try ledger.database.read { db in
            try Row.fetchAll(db, sql: "PRAGMA index_list(revision)").filter { ($0["unique"] as Int?) == 1 }.map { $0["name"] as String? }
        }
        #expect(unique.isEmpty, "\(unique)")

        // Every row of every table, every column it had, the same value.
        let after = try Self.contents(of: temporary.path, columns: before.mapValues(\.columns))
        for (table, old) in before {
            #expect(after[table]?.rows == old.rows, "table \(table) lost or changed rows")
        }

        // The upgraded ledger reads and writes as a new one does.
        let portfolios = try ledger.read { try $0.portfolios() }
        #expect(portfolios.map(\.person.name).sorted() == ["Alex Morgan", "김하늘"])
        let haneul = try #require(portfolios.first { $0.person.name == "김하늘" })
        #expect(haneul.experiences.contains { $0.title == "주니어 데이터 분석가" && $0.summary == "캠페인 리포트 자동화 담당" })
        #expect(haneul.experiences.contains { $0.title == "지역 도서관 데이터 봉사" })
        #expect(!haneul.experiences.contains { $0.title == "잘못 입력한 항목" })
        #expect(!haneul.reflections.isEmpty)
        #expect(haneul.person.details.contains { $0.kind == .email && $0.value == "haneul.kim@example.kr" })
        _ = try ledger.add(Experience(id: ledger.newID(), kind: .training, title: "After the upgrade"), for: haneul.person.id)
        #expect(try ledger.verify().problems == [])
    }

    @Test func checkListsBecomeComparisons() {
        #expect(Ledger.comparisonChecks("kind TEXT CHECK (kind IN ('a', 'b', 'c'))")
                == "kind TEXT CHECK ((kind = 'a' OR kind = 'b' OR kind = 'c'))")
        // Lists spread over lines, and two-value lists (which SQLite already compares), as in v1.
        #expect(Ledger.comparisonChecks("CHECK (kind IN ('job',\n 'training', 'other'))")
                == "CHECK ((kind = 'job' OR kind = 'training' OR kind = 'other'))")
        #expect(Ledger.comparisonChecks("ongoing INTEGER CHECK (ongoing IN (0, 1))") == "ongoing INTEGER CHECK (ongoing IN (0, 1))")
        #expect(Ledger.comparisonChecks("CHECK (length(trim(name)) > 0)") == "CHECK (length(trim(name)) > 0)")
    }

    /// The point of v3: `--person NAME` is a lookup, not a read of every person, and it still
    /// matches in any letter case.
    @Test func aPersonIsFoundByNameThroughTheIndex() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let ledger = try temporary.open()
        let alex = try ledger.addPerson(name: "Alex Morgan")
        _ = try ledger.addPerson(name: "김하늘")
        let (found, haneul) = try ledger.read { tx in (try tx.resolvePerson("alex MORGAN"), try tx.resolvePerson("김하늘")) }
        #expect(found.id == alex.id)
        #expect(haneul.name == "김하늘")
        try ledger.database.read { db in
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Ledger.Transaction.peopleNamed + " AND deletedAt IS NULL",
                                        arguments: ["alex morgan"]).map { $0["detail"] as String }
            #expect(plan.contains { $0.contains("USING INDEX person_name") }, "\(plan)")
        }
    }

    /// The point of v4 and v5: an experience's history finds the revisions of its links among
    /// the person's link revisions in their own indexes (those from it by the key's start,
    /// those to it by its end), not by testing every key, and still finds the links from it,
    /// to it, and removed since, and no link of an experience whose ID starts the same.
    @Test func anExperiencesLinkRevisionsAreFoundThroughTheirIndex() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let ledger = try temporary.open()
        let person = try ledger.addPerson(name: "김하늘")
        var ids = try (0..<4).map { index in
            try ledger.add(Experience(id: ledger.newID(), kind: .job, title: "일 \(index)"), for: person.id).id
        }
        // Imported IDs may be any length: one that the second's starts, one that ends it.
        ids.append(try ledger.add(Experience(id: ExperienceID(rawValue: ids[1].rawValue + "x"), kind: .job, title: "일 4"), for: person.id).id)
        ids.append(try ledger.add(Experience(id: ExperienceID(rawValue: "x" + ids[1].rawValue), kind: .job, title: "일 5"), for: person.id).id)
        try ledger.link(from: ids[0], to: ids[1], type: .ledTo)
        try ledger.link(from: ids[1], to: ids[2], type: .ledTo)
        try ledger.link(from: ids[3], to: ids[1], type: .relatedTo)
        try ledger.transaction { _ = try $0.unlink(from: ids[3], to: ids[1], type: .relatedTo) }
        try ledger.link(from: ids[4], to: ids[2], type: .supports)
        try ledger.link(from: ids[0], to: ids[5], type: .partOf)
        try ledger.link(from: ids[5], to: ids[4], type: .relatedTo)
        let history = try ledger.read { try $0.history(of: RecordReference(.experience, ids[1].rawValue)) }
        let linkKeys = Set(history.filter { $0.entity == .link }.map(\.entityID))
        #expect(linkKeys == ["\(ids[0].rawValue):ledTo:\(ids[1].rawValue)", "\(ids[1].rawValue):ledTo:\(ids[2].rawValue)",
                             "\(ids[3].rawValue):relatedTo:\(ids[1].rawValue)"])
        #expect(history.filter { $0.entity == .link }.count == 4)  // three links, one of them removed
        let other = try ledger.read { try $0.history(of: RecordReference(.experience, ids[5].rawValue)) }
        #expect(Set(other.filter { $0.entity == .link }.map(\.entityID))
                == ["\(ids[0].rawValue):partOf:\(ids[5].rawValue)", "\(ids[5].rawValue):relatedTo:\(ids[4].rawValue)"])
        try ledger.database.read { db in
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Ledger.Transaction.experienceHistory,
                                        arguments: Ledger.Transaction.experienceHistoryArguments("x", person: "p")).map { $0["detail"] as String }
            #expect(plan.contains { $0.contains("USING INDEX revision_link (") }, "\(plan)")
            #expect(plan.contains { $0.contains("USING INDEX revision_link_to (") }, "\(plan)")
            #expect(!plan.contains { $0.contains("SCAN") }, "\(plan)")
        }
    }

    /// The point of v2: no CHECK makes SQLite build a temporary index for every row written,
    /// and the constraints still refuse what they refused.
    @Test func aNewLedgerHasNoCheckListsAndItsChecksStillHold() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        let ledger = try temporary.open()
        let person = try ledger.addPerson(name: "김하늘")
        try ledger.database.read { db in
            for table in Ledger.tablesWithCheckLists {
                let sql = try #require(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [table]))
                #expect(Ledger.comparisonChecks(sql) == sql, "\(table) still has a CHECK list")
                // The plan of an insert opens no ephemeral table.
                let columns = try db.columns(in: table).map(\.name)
                let plan = try Row.fetchAll(db, sql: "EXPLAIN INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "NULL" }.joined(separator: ", ")))")
                #expect(!plan.contains { ($0["opcode"] as String?) == "OpenEphemeral" }, "\(table)")
            }
        }
        let now = "2026-11-23T00:00:00.000Z"
        let insert = "INSERT INTO experience (id, personID, kind, status, title, visibility, sortKey, createdAt, updatedAt) VALUES"
        #expect(throws: DatabaseError.self) {
            try ledger.database.write { try $0.execute(sql: "\(insert) ('x1', ?, 'holiday', 'planned', 'T', 'public', '', ?, ?)", arguments: [person.id.rawValue, now, now]) }
        }
        #expect(throws: DatabaseError.self) {
            try ledger.database.write { try $0.execute(sql: "\(insert) ('x2', ?, 'job', 'planned', 'T', 'everyone', '', ?, ?)", arguments: [person.id.rawValue, now, now]) }
        }
        try ledger.database.write { try $0.execute(sql: "\(insert) ('x3', ?, 'job', 'planned', 'T', 'public', '', ?, ?)", arguments: [person.id.rawValue, now, now]) }
        // NULL passes a CHECK, as it did with IN: an organization without a kind.
        try ledger.database.write {
            try $0.execute(sql: "INSERT INTO organization (id, personID, name, kind, createdAt, updatedAt) VALUES ('o1', ?, 'Org', NULL, ?, ?)",
                           arguments: [person.id.rawValue, now, now])
        }
    }

    @Test func theRevisionCounterSurvivesTheRebuild() throws {
        let temporary = TemporaryLedger()
        defer { temporary.remove() }
        try FileManager.default.createDirectory(atPath: (temporary.path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try #require(Self.fixtures.first), toPath: temporary.path)
        // As if the newest revisions had been purged: the counter is ahead of the last row.
        try temporary.tamper("UPDATE sqlite_sequence SET seq = seq + 1000 WHERE name = 'revision'")
        let before = try DatabaseQueue(path: temporary.path).read { try Int64.fetchOne($0, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'revision'") }
        let ledger = try temporary.open(create: false)
        let after = try ledger.database.read { try Int64.fetchOne($0, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'revision'") }
        #expect(after == before)
    }

    struct Table: Equatable {
        var columns: [String]
        var rows: [[String]]
    }

    /// Every table's columns and rows (values as SQL literals), read with SQLite alone.
    /// With `columns`, only those columns of each table.
    static func contents(of path: String, columns wanted: [String: [String]]? = nil) throws -> [String: Table] {
        var configuration = GRDB.Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            var tables: [String: Table] = [:]
            let names = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table'
                AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name
                """)
            for name in names {
                let columns = try wanted?[name] ?? db.columns(in: name).map(\.name)
                guard !columns.isEmpty else { continue }
                let list = columns.map { "quote(\"\($0)\")" }.joined(separator: ", ")
                let order = (1...columns.count).map(String.init).joined(separator: ", ")
                let rows = try Row.fetchAll(db, sql: "SELECT \(list) FROM \"\(name)\" ORDER BY \(order)")
                    .map { row in (0..<columns.count).map { row[$0] as String? ?? "NULL" } }
                tables[name] = Table(columns: columns, rows: rows)
            }
            return tables
        }
    }
}
