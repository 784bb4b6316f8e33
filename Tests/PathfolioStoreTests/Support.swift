import Foundation
import GRDB
import PathfolioCore
@testable import PathfolioStore

/// A temporary folder with a ledger file in it, removed at the end of a test.
struct TemporaryLedger {
    let folder: URL
    var path: String { folder.appendingPathComponent("data/ledger.sqlite").path }

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pathfolio-store-\(UUID().uuidString)")
    }

    /// Opens (creating) the ledger with a fixed clock and sequential IDs.
    func open(create: Bool = true, clock: Date = Date(timeIntervalSince1970: 1_795_000_000), prefix: String = "") throws -> Ledger {
        try Ledger.open(at: path, create: create, options: Ledger.Options(
            now: { clock }, ids: .sequential(prefix: prefix), actor: "tester"))
    }

    /// The bytes of the file and its write-ahead log.
    func bytes() throws -> Data {
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: path + "-wal")) { data.append(wal) }
        return data
    }

    /// Runs raw SQL on the file, behind the ledger's back.
    func tamper(_ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: sql) }
        try queue.close()
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// A person with a few experiences, linked, in a fresh in-memory ledger.
struct Seeded {
    let ledger: Ledger
    let person: Person
    let training: StoredExperience
    let programme: StoredExperience
    let mentoring: StoredExperience
    let job: StoredExperience

    init(_ ledger: Ledger? = nil) throws {
        let ledger = try ledger ?? Ledger.inMemory(options: .init(ids: .sequential(), actor: "tester"))
        self.ledger = ledger
        person = try ledger.addPerson(name: "김하늘")
        func date(_ text: String) throws -> PartialDate { try PartialDate(text) }
        training = try ledger.add(Experience(id: ledger.newID(), kind: .training, title: "데이터 분석 실무",
                                             period: Period(start: date("2024-03"), end: .date(date("2024-08"))),
                                             skills: ["SQL"], training: TrainingDetails(hours: 600)),
                                  for: person.id, organizationName: "한국폴리텍대학")
        programme = try ledger.add(Experience(id: ledger.newID(), kind: .workExperience, title: "청년 일경험",
                                              period: Period(start: date("2024-09"), end: .date(date("2024-12")))),
                                   for: person.id, organizationName: "㈜데이터랩")
        mentoring = try ledger.add(Experience(id: ledger.newID(), kind: .mentoring, title: "현직자 멘토링",
                                              period: Period(start: date("2024-10"), end: .date(date("2024-12")))),
                                   for: person.id)
        job = try ledger.add(Experience(id: ledger.newID(), kind: .job, status: .ongoing, title: "주니어 데이터 분석가",
                                        period: Period(start: date("2025-01"), end: .ongoing)),
                             for: person.id, organizationName: "㈜데이터랩")
        try ledger.link(from: training.id, to: programme.id, type: .ledTo)
        try ledger.link(from: programme.id, to: job.id, type: .ledTo)
        try ledger.link(from: mentoring.id, to: programme.id, type: .partOf)
        try ledger.link(from: mentoring.id, to: job.id, type: .supports)
    }
}
