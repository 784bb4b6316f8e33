import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioStore

/// `--store`, the ledger file, as given: each option group that offers it (``StoreOptions``
/// with `--person`, ``WholeLedgerOptions`` refusing it) declares the option itself with
/// ``help`` and answers for it with this.
///
/// Why not an option group of its own, nested in theirs: ArgumentParser finds a group's
/// options by reflecting it at run time, and each group type costs the Swift runtime three
/// searches of all 7,000 protocol conformances in the binary (is it `ParsableArguments`,
/// `CustomReflectable`, `ParsableCommand`), about 0.95M instructions a command: `show` −4.4%
/// (BENCHMARKS.md, eighteenth round).
struct LedgerOptions {
    /// `--store` as given.
    var store: String?

    /// `--store`'s help, the same in every group that offers it.
    static let help = ArgumentHelp(
        "The ledger file.",
        discussion: "Default: $PATHFOLIO_STORE, else $XDG_DATA_HOME/pathfolio/ledger.sqlite.",
        valueName: "path")

    /// The ledger file this invocation uses.
    var path: String {
        let chosen = store ?? Environment.nonEmpty("PATHFOLIO_STORE")
        return chosen.map(Self.expandTilde) ?? Ledger.defaultPath()
    }

    /// Opens the ledger (creating it only for `init`). `mapped` reads it through a memory
    /// map, with `SIGBUS` handled (``Interruption/endingCleanlyOnBusError(reading:)``).
    func open(create: Bool = false, bulk: Bool = false, mapped: Bool = false) throws -> Ledger {
        var options = try Self.ledgerOptions()
        options.bulk = bulk
        // Mapped only where a SIGBUS from the map is handled.
        if mapped { options.mapsFile = Interruption.endingCleanlyOnBusError(reading: path) }
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

/// `--store` for the commands that act on the ledger as a whole or name their people
/// themselves (`init`, `verify`, `backup`, `import`, `person add|list|use`): their help offers
/// no `--person`, and one given is refused in words that say why (ArgumentParser's own
/// "unknown option" suggested `--json`).
struct WholeLedgerOptions: ParsableArguments, HoldsLedgerOptions {
    @Option(name: .long, help: LedgerOptions.help) var store: String?

    @Option(name: .long, help: ArgumentHelp(visibility: .private)) var person: String?

    func validate() throws {
        if person != nil {
            throw ValidationError("""
                --person does not apply here: this command acts on the whole ledger, or names \
                its people itself (import takes them from the files; person add, list and use \
                take a name)
                """)
        }
    }
}

/// `--store` and `--person`, shared by every command that reads or writes a person's records.
struct StoreOptions: ParsableArguments, HoldsLedgerOptions {
    @Option(name: .long, help: LedgerOptions.help) var store: String?

    @Option(name: .long, help: ArgumentHelp(
        "Whose records to act on: a name, part of one, or an ID prefix (default: the person chosen with `person use`).",
        valueName: "name-or-id"))
    var person: String?

    /// Refuses a command line naming the person twice, as an argument and with `--person`
    /// (one of them would be ignored without a word).
    func refuseBoth(_ reference: String?) throws {
        if reference != nil, person != nil {
            throw ValidationError("name the person once: as the argument or with --person, not both")
        }
    }
}

/// Option groups that hold `--store` with options of their own, and answer for it with
/// ``LedgerOptions``.
protocol HoldsLedgerOptions {
    /// `--store` as given.
    var store: String? { get }
}

extension HoldsLedgerOptions {
    /// The ledger `--store` names.
    var ledger: LedgerOptions { LedgerOptions(store: store) }

    /// The ledger file this invocation uses.
    var path: String { ledger.path }

    /// Opens the ledger (creating it only for `init`; `mapped`: see ``LedgerOptions/open(create:bulk:mapped:)``).
    func open(create: Bool = false, bulk: Bool = false, mapped: Bool = false) throws -> Ledger {
        try ledger.open(create: create, bulk: bulk, mapped: mapped)
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
        // A clock fixed to a day (`PATHFOLIO_NOW=2026-11-23`) is that day in every zone: read
        // as its noon in UTC, it was the next day from UTC+12 on.
        if let fixedText, let day = try? PartialDate(fixedText), day.precision == .day { return day }
        let local = localTime(now())
        return try! PartialDate(year: local.year, month: local.month, day: local.day)
    }()

    /// A moment's date and time on the local clock, in the zone the C library takes from
    /// `TZ` or `/etc/localtime`, as `date`, `ls` and `sqlite3`'s `'localtime'` show it.
    /// (Foundation's `TimeZone.current` and calendar cost 1.9M instructions the first time,
    /// 7% of a `show`.) Seconds are cut, not rounded, as a formatter without fractions does.
    static func localTime(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        tzset()
        guard localtime_r(&seconds, &parts) != nil else {
            // Outside what `tm` holds (a year beyond Int32): the day in UTC, from Foundation.
            let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
            return (parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        }
        return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// `2026-11-23 18:00:00`: when a revision was made, on the local clock (`show`, `history`).
    static func localTimeText(_ date: Date) -> String {
        let local = localTime(date)
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(local.year, 4))-\(padded(local.month, 2))-\(padded(local.day, 2)) "
            + "\(padded(local.hour, 2)):\(padded(local.minute, 2)):\(padded(local.second, 2))"
    }

    static func parse(_ text: String) -> Date? {
        if hasUTCForm(text) { return utcSeconds(text) }
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        if let day = try? PartialDate(text), day.precision == .day {
            return try? Date.ISO8601FormatStyle().parse(text + "T12:00:00Z")
        }
        return nil
    }
}

extension Clock {
    /// Whether `text` has the form `YYYY-MM-DDTHH:MM:SSZ` (ASCII digits where the form has
    /// them), the form tests, examples and benchmarks fix the clock with.
    static func hasUTCForm(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 20 else { return false }
        return bytes.indices.allSatisfy { index in
            switch index {
            case 4, 7: bytes[index] == UInt8(ascii: "-")
            case 10: bytes[index] == UInt8(ascii: "T")
            case 13, 16: bytes[index] == UInt8(ascii: ":")
            case 19: bytes[index] == UInt8(ascii: "Z")
            default: (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
            }
        }
    }

    /// A date-time of ``hasUTCForm(_:)``'s form, read without Foundation's parser (whose first
    /// use cost 1.1M instructions, 1.8% of a `list` of 1,000 experiences); `nil` for any other
    /// text and for a date or time that does not exist (`2023-02-29T…`, `…T24:00:00Z`).
    static func utcSeconds(_ text: String) -> Date? {
        guard hasUTCForm(text) else { return nil }
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int {
            range.reduce(0) { $0 * 10 + Int(bytes[$1] - UInt8(ascii: "0")) }
        }
        let (year, month, day) = (number(0..<4), number(5..<7), number(8..<10))
        let (hour, minute, second) = (number(11..<13), number(14..<16), number(17..<19))
        guard year >= 1, (1...12).contains(month), (1...PartialDate.daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second < 60 else { return nil }
        // Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
        let shifted = month <= 2 ? year - 1 : year
        let era = shifted / 400  // years are 0…9999 here
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3_600 + minute * 60 + second))
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
