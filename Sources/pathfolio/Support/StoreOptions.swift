import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioStore

/// `--store`: which ledger file, for the commands that act on the ledger as a whole or name
/// their people themselves (`init`, `verify`, `backup`, `import`, `person add|list|use`),
/// whose help then offers no `--person` that they would ignore.
struct LedgerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The ledger file.",
        discussion: "Default: $PATHFOLIO_STORE, else $XDG_DATA_HOME/pathfolio/ledger.sqlite.",
        valueName: "path"))
    var store: String?

    /// The ledger file this invocation uses.
    var path: String {
        let chosen = store ?? Environment.nonEmpty("PATHFOLIO_STORE")
        return chosen.map(Self.expandTilde) ?? Ledger.defaultPath()
    }

    /// Opens the ledger (creating it only for `init`).
    func open(create: Bool = false, bulk: Bool = false) throws -> Ledger {
        var options = try Self.ledgerOptions()
        options.bulk = bulk
        return try Ledger.open(at: path, create: create, options: options)
    }

    /// The ledger's clock, IDs and actor, from the environment:
    /// `PATHFOLIO_NOW` (ISO 8601 date-time) fixes the clock and `PATHFOLIO_ID_SEED` makes IDs
    /// deterministic, for reproducible examples and tests.
    static func ledgerOptions() throws -> Ledger.Options {
        var options = Ledger.Options()
        if let text = Clock.fixedText {
            guard let fixed = Clock.fixedNow else {
                throw Failure(.usage, "PATHFOLIO_NOW='\(text)' is not a date-time",
                              hint: "use ISO 8601, e.g. 2026-11-23T09:00:00Z, or unset it")
            }
            options.now = { fixed }
        }
        if let text = Environment.nonEmpty("PATHFOLIO_ID_SEED") {
            guard let seed = UInt64(text) else {
                throw Failure(.usage, "PATHFOLIO_ID_SEED='\(text)' is not a number", hint: "use a whole number, or unset it")
            }
            options.idSeed = seed
        }
        return options
    }

    private static func expandTilde(_ path: String) -> String {
        guard path.hasPrefix("~/") else { return path }
        return NSHomeDirectory() + path.dropFirst()
    }
}

/// `--store` and `--person`, shared by every command that reads or writes a person's records.
struct StoreOptions: ParsableArguments {
    @OptionGroup var ledger: LedgerOptions

    @Option(name: .long, help: ArgumentHelp(
        "Whose records to act on: a name, part of one, or an ID prefix (default: the person chosen with `person use`).",
        valueName: "name-or-id"))
    var person: String?

    /// `--store` as given.
    var store: String? { ledger.store }

    /// The ledger file this invocation uses.
    var path: String { ledger.path }

    /// Opens the ledger (creating it only for `init`).
    func open(create: Bool = false, bulk: Bool = false) throws -> Ledger {
        try ledger.open(create: create, bulk: bulk)
    }
}

/// The current time, honouring `PATHFOLIO_NOW`.
enum Clock {
    static func now() -> Date {
        fixedNow ?? Date()
    }

    /// `PATHFOLIO_NOW` as set (`nil` when unset or empty).
    static let fixedText: String? = Environment.nonEmpty("PATHFOLIO_NOW")

    /// The time `PATHFOLIO_NOW` fixes; `nil` when unset or not a date-time
    /// (``LedgerOptions/ledgerOptions()`` refuses the latter).
    static let fixedNow: Date? = fixedText.flatMap(parse)

    /// Today in the local time zone, as a day-precision date: one day for the whole run
    /// (an import that crosses midnight judges every file by the day it started), and
    /// worked out once (it cost more than reading a small file).
    static func today() -> PartialDate { todayOnce }

    private static let todayOnce: PartialDate = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        let parts = calendar.dateComponents([.year, .month, .day], from: now())
        return try! PartialDate(year: parts.year!, month: parts.month, day: parts.day)
    }()

    static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        if let day = try? PartialDate(text), day.precision == .day {
            return try? Date.ISO8601FormatStyle().parse(text + "T12:00:00Z")
        }
        return nil
    }
}

/// Parses dates given on the command line, with errors that name the option.
enum DateArgument {
    static func parse(_ text: String, option: String) throws -> PartialDate {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "today" { return Clock.today() }
        do {
            return try PartialDate(trimmed)
        } catch {
            throw Failure.badValue(option, error.description, hint: error.hint, code: "date.invalid")
        }
    }
}
