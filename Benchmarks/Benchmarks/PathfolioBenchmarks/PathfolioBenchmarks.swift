// In-process figures for Pathfolio, each beside its floor measured in the same run.
//
// The inputs come from `pathfolio-benchdata` (run `./compare.sh --data-only` first, or
// set PATHFOLIO_BENCH_DATA to a folder that holds them). A benchmark whose input is
// missing is skipped with a note on standard error.
import Benchmark
import Foundation
import GRDB
import PathfolioCore
import PathfolioStore

let dataFolder = ProcessInfo.processInfo.environment["PATHFOLIO_BENCH_DATA"]
    ?? FileManager.default.currentDirectoryPath + "/.data"

/// A copy of an input ledger in a temporary folder, opened read-only in spirit: the
/// benchmarks never write, but a copy keeps WAL files out of the data folder.
func openInput(_ name: String) -> Ledger? {
    let path = dataFolder + "/" + name
    guard FileManager.default.fileExists(atPath: path) else {
        FileHandle.standardError.write(Data("skipping benchmarks on \(name): \(path) is missing (run ./compare.sh --data-only)\n".utf8))
        return nil
    }
    return try? Ledger.open(at: path)
}

let chain = openInput("chain-100000.sqlite")
let thousand = openInput("ledger-1000.sqlite")

/// The bare recursive CTE over the same file, through SQLite directly.
let chainQueue: DatabaseQueue? = chain == nil ? nil : try? DatabaseQueue(path: dataFolder + "/chain-100000.sqlite")
let thousandQueue: DatabaseQueue? = thousand == nil ? nil : try? DatabaseQueue(path: dataFolder + "/ledger-1000.sqlite")

let bareWalk = """
    WITH RECURSIVE walk(id, depth) AS (
        SELECT ?, 0
        UNION ALL
        SELECT l.toID, walk.depth + 1 FROM walk JOIN link l ON l.fromID = walk.id AND l.type = 'ledTo'
    )
    SELECT id, depth FROM walk
    """

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 30)

    if let chain, let chainQueue {
        Benchmark("walk ledTo chain of 100,000 · Ledger.walk(from:.descendants)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try chain.walk(from: "c0000000", .descendants, following: [.ledTo]))
            }
        }
        Benchmark("walk ledTo chain of 100,000 · floor: bare recursive CTE") { benchmark in
            for _ in benchmark.scaledIterations {
                try chainQueue.read { db in
                    let rows = try Row.fetchCursor(db, sql: bareWalk, arguments: ["c0000000"])
                    var count = 0
                    while let row = try rows.next() {
                        blackHole(row[0] as String)
                        count += 1
                    }
                    blackHole(count)
                }
            }
        }
    }

    if let thousand, let thousandQueue {
        Benchmark("1,000 experiences · Ledger.experiences(matching:)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try thousand.experiences(matching: ExperienceFilter()))
            }
        }
        Benchmark("1,000 experiences · floor: SELECT every column") { benchmark in
            for _ in benchmark.scaledIterations {
                try thousandQueue.read { db in
                    let rows = try Row.fetchCursor(db, sql: """
                        SELECT e.*, o.name FROM experience e JOIN person p ON p.id = e.personID
                        LEFT JOIN organization o ON o.id = e.organizationID
                        WHERE e.deletedAt IS NULL ORDER BY e.personID, e.sortKey, e.title, e.id
                        """)
                    while let row = try rows.next() {
                        for index in 0..<row.count { blackHole(row[index] as DatabaseValue) }
                    }
                }
            }
        }
        Benchmark("1,000 experiences · Ledger.portfolio(of:)") { benchmark in
            let person = try thousand.read { try $0.people()[0].person.id }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try thousand.portfolio(of: person))
            }
        }
        Benchmark("1,000 experiences · Ledger.careerPath(of:)") { benchmark in
            let person = try thousand.read { try $0.people()[0].person.id }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try thousand.careerPath(of: person))
            }
        }
    }
}
