// pathfolio-benchdata: makes the benchmark inputs, deterministically.
//
//   pathfolio-benchdata ledger OUT.sqlite --people 1 --experiences 1000
//       a ledger written through the library (Ledger API), one transaction per person
//   pathfolio-benchdata chain OUT.sqlite --length 100000
//       one person whose experiences form one ledTo chain (rows written in one transaction)
//   pathfolio-benchdata journal DIR --people 10000 --experiences 5
//       a jrnl journal with one entry per experience, and its config
//   pathfolio-benchdata xml-collection OUT.xml --people 10000 --experiences 5
//   pathfolio-benchdata xml-files DIR --people 10000 --experiences 5
//       portfolio XML written with the project's own writer (once the XML format exists)
//
// The same --seed, --people and --experiences always give the same records.
import Foundation
import GRDB
import PathfolioCore
import PathfolioStore

struct Arguments {
    var command: String
    var output: String
    var people = 1
    var experiences = 5
    var length = 100_000
    var seed: UInt64 = 2026

    init(_ raw: [String]) throws {
        guard raw.count >= 2 else { throw Usage() }
        command = raw[0]
        output = raw[1]
        var rest = raw.dropFirst(2).makeIterator()
        while let flag = rest.next() {
            guard let value = rest.next(), let number = Int(value) else { throw Usage() }
            switch flag {
            case "--people": people = number
            case "--experiences": experiences = number
            case "--length": length = number
            case "--seed": seed = UInt64(number)
            default: throw Usage()
            }
        }
    }
}

struct Usage: Error, CustomStringConvertible {
    var description: String {
        "usage: pathfolio-benchdata ledger|chain|journal|xml-collection|xml-files OUT [--people N] [--experiences N] [--length N] [--seed N]"
    }
}

/// A fixed clock and seeded IDs, so that two runs make the same file.
func ledgerOptions(seed: UInt64) -> Ledger.Options {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    var options = Ledger.Options(now: { now }, actor: "benchdata")
    options.idSeed = seed
    return options
}

func removeLedger(at path: String) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}

/// Writes portfolios through the public Ledger API, one transaction per person.
func writeLedger(_ arguments: Arguments) throws {
    removeLedger(at: arguments.output)
    let ledger = try Ledger.open(at: arguments.output, create: true, options: ledgerOptions(seed: arguments.seed))
    let synthetic = Synthetic(seed: arguments.seed)
    for index in 1...arguments.people {
        let portfolio = synthetic.portfolio(index: index, experiences: arguments.experiences)
        try ledger.transaction { tx in
            try tx.addPerson(portfolio.person)
            for organization in portfolio.organizations { try tx.insert(organization, for: portfolio.person.id) }
            for experience in portfolio.experiences { try tx.add(experience, for: portfolio.person.id) }
            for link in portfolio.links { try tx.link(link) }
            for reflection in portfolio.reflections { try tx.add(reflection) }
        }
    }
}

/// One person, `length` experiences, each led to by the one before.
///
/// Adding a link through the Ledger API checks for cycles against all of the person's
/// links (O(links) per call), which makes a 100,000-link chain quadratic; so the rows are
/// written directly, in one transaction, into a ledger the library created and migrated.
/// No revisions are written for them: the walk never reads revisions.
func writeChain(_ arguments: Arguments) throws {
    removeLedger(at: arguments.output)
    let ledger = try Ledger.open(at: arguments.output, create: true, options: ledgerOptions(seed: arguments.seed))
    let person = try ledger.addPerson(name: "Chain Walker")
    let queue = try DatabaseQueue(path: arguments.output)
    try queue.write { db in
        let experience = try db.makeStatement(sql: """
            INSERT INTO experience (id, personID, kind, status, title, startDate, sortKey, visibility, createdAt, updatedAt)
            VALUES (?, ?, ?, 'completed', ?, ?, ?, 'public', '2026-11-20T00:00:00.000Z', '2026-11-20T00:00:00.000Z')
            """)
        let link = try db.makeStatement(sql: """
            INSERT INTO link (fromID, toID, type, createdAt) VALUES (?, ?, 'ledTo', '2026-11-20T00:00:00.000Z')
            """)
        let kinds = ExperienceKind.allCases
        for n in 0..<arguments.length {
            let year = 1900 + n / 1200, month = 1 + (n / 100) % 12
            let start = String(format: "%04d-%02d", year, month)
            let id = String(format: "c%07d", n)
            try experience.execute(arguments: [id, person.id.rawValue, kinds[n % kinds.count].rawValue,
                                               n % 2 == 0 ? "단계 \(n)" : "Step \(n)", start,
                                               start.padding(toLength: 10, withPad: " ", startingAt: 0) + "~~~~~~~~~~"])
            if n > 0 { try link.execute(arguments: [String(format: "c%07d", n - 1), id]) }
        }
    }
}

/// A jrnl journal with one entry per experience: the title as the entry's title, the
/// summary, highlights and reflection answers as its body.
func writeJournal(_ arguments: Arguments) throws {
    let folder = URL(fileURLWithPath: arguments.output)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let synthetic = Synthetic(seed: arguments.seed)
    var text = ""
    text.reserveCapacity(arguments.people * arguments.experiences * 900)
    var minute = 0
    for index in 1...arguments.people {
        let portfolio = synthetic.portfolio(index: index, experiences: arguments.experiences)
        for experience in portfolio.experiences {
            minute += 1
            var seconds = time_t(946_684_800 + minute * 3600)
            var parts = tm()
            gmtime_r(&seconds, &parts)
            let stamp = String(format: "%04d-%02d-%02d %02d:%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                               parts.tm_hour, parts.tm_min)
            text += "[\(stamp)] \(experience.title).\n"
            if let summary = experience.summary { text += summary + "\n" }
            for highlight in experience.highlights { text += "- " + highlight + "\n" }
            for reflection in portfolio.reflections(on: experience.id) {
                for entry in reflection.entries { text += entry.prompt + " " + entry.answer + "\n" }
            }
            text += "@" + experience.kind.rawValue + "\n\n"
        }
    }
    let journal = folder.appendingPathComponent("journal.txt")
    try text.write(to: journal, atomically: true, encoding: .utf8)
    let config = """
        colors:
          body: none
          date: none
          tags: none
          title: none
        default_hour: 9
        default_minute: 0
        editor: ''
        encrypt: false
        highlight: false
        indent_character: '|'
        journals:
          default:
            journal: \(journal.path)
        linewrap: false
        tagsymbols: '#@'
        template: false
        timeformat: '%Y-%m-%d %H:%M'
        version: v4.6

        """
    try config.write(to: folder.appendingPathComponent("jrnl.yaml"), atomically: true, encoding: .utf8)
}

do {
    let arguments = try Arguments(Array(CommandLine.arguments.dropFirst()))
    switch arguments.command {
    case "ledger": try writeLedger(arguments)
    case "chain": try writeChain(arguments)
    case "journal": try writeJournal(arguments)
    case "xml-collection", "xml-files": try writeXML(arguments)
    default: throw Usage()
    }
} catch {
    FileHandle.standardError.write(Data("pathfolio-benchdata: \(error)\n".utf8))
    exit(1)
}
