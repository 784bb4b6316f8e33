import ArgumentParser
import PathfolioCore

/// A command line of `list`, `show`, `path`, `due`, `history` or `person show`, the commands
/// that read and that a person (or a counselor) runs many times a day, read without
/// ArgumentParser when it holds only what they usually do: long options with
/// their values (`--store PATH`, `--since=2024`), flags and plain words. Anything else
/// (help, a short option, `--`, an unknown or repeated option, a missing or empty value, a
/// value in a word of its own that begins with `-`, an unknown kind) is `nil`, and
/// ArgumentParser reads the line as before, with its messages.
///
/// Why: ArgumentParser finds a command's options by reflecting over the command (`Mirror`)
/// and casting each property wrapper to its protocols; in a binary of 7,000 protocol
/// conformances, each first cast is a scan of all of them. That was 8.3M of `show`'s 18.0M
/// instructions (BENCHMARKS.md, twenty-first round). A test keeps each command's
/// ``Grammar`` in step with its definition, and checks, line by line, that what this makes
/// is what ArgumentParser makes.
struct QuickLine {
    /// What a command takes, by its long names (`--store`).
    struct Grammar {
        /// Options given at most once.
        var options: Set<String> = []
        /// Options that may be given again, each value kept in order.
        var repeating: Set<String> = []
        var flags: Set<String> = []
        /// How many plain words (positional arguments) the command takes.
        var words: ClosedRange<Int> = 0...0
    }

    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []
    /// The plain words, in order.
    private(set) var words: [String] = []

    init?(_ arguments: ArraySlice<String>, _ grammar: Grammar) {
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let word = arguments[index]
            index += 1
            guard word.hasPrefix("-") else {
                words.append(word)
                continue
            }
            if grammar.flags.contains(word) {
                guard flags.insert(word).inserted else { return nil }
                continue
            }
            let name: String, value: String
            if let equals = word.firstIndex(of: "=") {
                // `--store=-old.sqlite`: after `=`, a value may begin with a dash.
                (name, value) = (String(word[..<equals]), String(word[word.index(after: equals)...]))
            } else {
                // ArgumentParser takes a word that begins with a dash for an option, and the
                // value for missing (`Pathfolio.dashedValueHint` adds how to give it).
                guard index < arguments.endIndex, !arguments[index].hasPrefix("-") else { return nil }
                (name, value) = (word, arguments[index])
                index += 1
            }
            guard !value.isEmpty else { return nil }
            if grammar.repeating.contains(name) {
                values[name, default: []].append(value)
            } else {
                guard grammar.options.contains(name), values[name] == nil else { return nil }
                values[name] = [value]
            }
        }
        guard grammar.words.contains(words.count) else { return nil }
    }

    /// The value of an option given at most once.
    func value(_ option: String) -> String? { values[option]?.first }

    /// The values of a repeating option, in the order given.
    func values(_ option: String) -> [String] { values[option] ?? [] }

    /// The values of a repeating option as `T`, or `nil` when one is not a `T`.
    func values<T: ExpressibleByArgument>(_ option: String, as _: T.Type) -> [T]? {
        var parsed: [T] = []
        for value in values(option) {
            guard let item = T(argument: value) else { return nil }
            parsed.append(item)
        }
        return parsed
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }
}

extension Pathfolio {
    /// The command a usual command line of a reading command names (``QuickLine``),
    /// checked as ArgumentParser checks it (`validate()`); `nil` for any other line.
    static func parsedQuickly(_ arguments: [String]) -> (any ParsableCommand)? {
        guard let name = arguments.first else { return nil }
        let rest = arguments.dropFirst()
        let command: (any ParsableCommand)?
        switch name {
        case "list": command = List(quickly: rest)
        case "show": command = Show(quickly: rest)
        case "path": command = PathCommand(quickly: rest)
        case "due": command = Due(quickly: rest)
        case "history": command = History(quickly: rest)
        case "person" where rest.first == "show": command = PersonCommand.Show(quickly: rest.dropFirst())
        default: return nil
        }
        guard var command, (try? command.validate()) != nil else { return nil }
        return command
    }
}

/// A command ``Pathfolio/parsedQuickly(_:)`` reads: its grammar, and how it is made from a
/// line that fits it.
protocol QuicklyParsed: ParsableCommand {
    static var grammar: QuickLine.Grammar { get }
    init?(quick line: QuickLine)
}

extension QuicklyParsed {
    /// The command the `arguments` after its name make, when they fit its grammar.
    init?(quickly arguments: ArraySlice<String>) {
        guard let line = QuickLine(arguments, Self.grammar) else { return nil }
        self.init(quick: line)
    }
}

extension StoreOptions {
    static let grammar = QuickLine.Grammar(options: ["--store", "--person"])

    /// Every property set, as ArgumentParser sets it (one left unset would stop the program
    /// when read: the test that compares the two parses would see it).
    init?(quick line: QuickLine) {
        self.init()
        store = line.value("--store")
        person = line.value("--person")
        guard (try? validate()) != nil else { return nil }
    }
}

extension Pathfolio.List: QuicklyParsed {
    static let grammar = QuickLine.Grammar(
        options: StoreOptions.grammar.options.union(["--since", "--until"]),
        repeating: ["--kind", "--status", "--tag", "--person-tag"],
        flags: ["--all-people", "--deleted", "--json"])

    init?(quick line: QuickLine) {
        guard let store = StoreOptions(quick: line),
              let kind = line.values("--kind", as: ExperienceKind.self),
              let status = line.values("--status", as: ExperienceStatus.self) else { return nil }
        self.init()
        self.store = store
        self.kind = kind
        self.status = status
        tag = line.values("--tag")
        since = line.value("--since")
        until = line.value("--until")
        allPeople = line.has("--all-people")
        personTag = line.values("--person-tag")
        deleted = line.has("--deleted")
        json = line.has("--json")
    }
}

/// A reading command of one record (`show`, `path`, `history`, `person show`): the ledger's
/// options, a word (the record) and `--json`.
protocol OneRecordCommand: QuicklyParsed {
    var store: StoreOptions { get set }
    var json: Bool { get set }
    /// Takes the line's word: `nil` only where ``grammar`` lets it be left out.
    mutating func take(_ word: String?)
}

extension OneRecordCommand {
    init?(quick line: QuickLine) {
        guard let store = StoreOptions(quick: line) else { return nil }
        self.init()
        self.store = store
        take(line.words.first)
        json = line.has("--json")
    }
}

extension QuickLine.Grammar {
    /// `[--store PATH] [--person NAME] WORD [--json]`, the word optional or not.
    static func oneRecord(_ words: ClosedRange<Int>) -> Self {
        Self(options: StoreOptions.grammar.options, flags: ["--json"], words: words)
    }
}

extension Pathfolio.Show: OneRecordCommand {
    static let grammar = QuickLine.Grammar.oneRecord(1...1)
    mutating func take(_ word: String?) { if let word { id = word } }
}

extension Pathfolio.History: OneRecordCommand {
    static let grammar = QuickLine.Grammar.oneRecord(1...1)
    mutating func take(_ word: String?) { if let word { id = word } }
}

extension Pathfolio.PathCommand: OneRecordCommand {
    static let grammar = QuickLine.Grammar.oneRecord(0...1)
    mutating func take(_ word: String?) { id = word }
}

extension Pathfolio.PersonCommand.Show: OneRecordCommand {
    static let grammar = QuickLine.Grammar.oneRecord(0...1)
    mutating func take(_ word: String?) { reference = word }
}

extension Pathfolio.Due: QuicklyParsed {
    static let grammar = QuickLine.Grammar(
        options: StoreOptions.grammar.options, repeating: ["--person-tag"], flags: ["--all-people", "--json"])

    init?(quick line: QuickLine) {
        guard let store = StoreOptions(quick: line) else { return nil }
        self.init()
        self.store = store
        allPeople = line.has("--all-people")
        personTag = line.values("--person-tag")
        json = line.has("--json")
    }
}
