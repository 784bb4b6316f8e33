import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioStore

/// `pathfolio`: the root command holds only configuration; each subcommand lives in its own
/// file as `extension Pathfolio { struct … }`. Every command names itself (`commandName:`):
/// otherwise ArgumentParser derives each name with `String(describing:)`, whose protocol
/// conformance scans cost about a third of a short command's start-up.
@main
struct Pathfolio: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pathfolio",
        abstract: "Keep your career as a path of experiences, with reflections, and export it as a portfolio.",
        discussion: """
            The ledger is one SQLite file: --store PATH (after the command or before it), \
            else $PATHFOLIO_STORE, else $XDG_DATA_HOME/pathfolio/ledger.sqlite \
            (~/.local/share/pathfolio/ledger.sqlite). IDs are shown short (whole where the \
            first 8 characters name another experience too); any unique prefix of at least 4 \
            characters is accepted.

            Exit codes: 0 ok · 64 usage error · 65 bad data · 66 not found (ledger, ID or \
            file) · 74 I/O failure or busy ledger · 70 internal error.
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, PersonCommand.self, Add.self, List.self, Show.self, Edit.self, End.self,
            Reflect.self, Due.self,
            LinkCommand.self, Unlink.self, PathCommand.self, History.self, Delete.self, Restore.self,
            Purge.self, Export.self, Import.self, Validate.self, Verify.self, Backup.self,
        ]
    )

    /// Runs the command line; failures print `error: …` and a hint on stderr and exit with a
    /// code that says what kind of failure it was.
    static func main() {
        // Everything pathfolio creates holds personal data: exports, backups, temporary
        // files and folders are private to the user (0600 / 0700), whatever the shell's umask.
        umask(0o077)
        // Before any ledger is opened: it can only be set before SQLite's first use.
        Ledger.turnOffSQLiteMemoryStatistics()
        // A file-size limit (`ulimit -f`) reached is a write that fails (EFBIG), reported as
        // an I/O error with the temporary files removed, not a signal that kills the process
        // and leaves them.
        signal(SIGXFSZ, SIG_IGN)
        do {
            // File operands go to ArgumentParser as one value (see `Operands`).
            let arguments = Operands.fold(try ledgerFirst(Array(CommandLine.arguments.dropFirst())))
            var command = try parsedAlone(arguments) ?? parseAsRoot(arguments)
            try command.run()
            try Output.finishStandardOutput()
        } catch let failure as Failure {
            failure.report()
        } catch let error as LedgerError {
            Failure(error).report()
        } catch let error as DiagnosticError {
            Failure(diagnostics: error.diagnostics, code: .dataError).report()
        } catch {
            let message = fullMessage(for: error)
            if exitCode(for: error) != .success,
               let hint = dashedValueHint(CommandLine.arguments.dropFirst(), message: message) {
                // ArgumentParser's own message, and what it cannot know.
                var standardError = StandardError()
                Swift.print(message + "\nHint: " + hint, to: &standardError)
                Foundation.exit(exitCode(for: error).rawValue)
            }
            exit(withError: error)
        }
    }

    /// A word that begins with one dash and names a file (`-ledger.sqlite`, `-old/ledger`),
    /// not an option (`-q`, `--json`).
    static func isDashedPath(_ word: String) -> Bool {
        word.hasPrefix("-") && !word.hasPrefix("--") && (word.contains(".") || word.contains("/"))
    }

    /// A word that is a negative number (`-5`, `-0.5`), not an option.
    static func isNegativeNumber(_ word: String) -> Bool {
        word.count > 1 && word.hasPrefix("-") && Double(word.dropFirst()) != nil
    }

    /// For a command line that failed to parse because an option has no value (`message` is
    /// ArgumentParser's): when the option is followed by a word that begins with a dash, a
    /// ledger path (`--store -ledger.sqlite`) or a negative number (`--hours -5`),
    /// ArgumentParser read that word as an option and says only that the value is missing;
    /// the way to give such a value.
    static func dashedValueHint(_ arguments: some Collection<String>, message: String) -> String? {
        let words = Array(arguments.prefix { $0 != "--" })
        for (index, option) in words.enumerated().dropLast() where option.hasPrefix("--")
            && message.contains("Missing value for '\(option) ") {
            let value = words[index + 1]
            if option == "--store", isDashedPath(value) {
                return "a ledger path that begins with '-' is given with '=' (--store=\(value)) or as ./\(value)"
            }
            if isNegativeNumber(value) {
                return "'\(value)' was read as an option, not as the value of \(option): a value that begins with '-' is given with '=' (\(option)=\(value))"
            }
        }
        return nil
    }
}

extension Pathfolio {
    /// The command a command line names, parsed as a root of its own, when that parse
    /// succeeds: `nil` for anything else (help, a mistake, a completion request, no
    /// subcommand), which then goes through the whole tree (`parseAsRoot`), as before, and
    /// gets the same messages.
    ///
    /// Why: ArgumentParser parses every command line twice more, as its
    /// `--generate-completion-script` commands, unless the root command has a super-command
    /// name, and builds the tree of every subcommand first. Each subcommand's configuration
    /// names `pathfolio` as its super-command (``CommandConfiguration/parsedAlone``), which
    /// keeps its usage lines and help as they are and skips that check: `list` 64.2M → 59.7M
    /// instructions, 14.4 → 12.7 ms; `show` 10.8 → 9.7 ms (BENCHMARKS.md, eleventh round).
    /// The usual lines of the reading commands do not reach ArgumentParser at all
    /// (``parsedQuickly(_:)``).
    static func parsedAlone(_ arguments: [String]) -> (any ParsableCommand)? {
        if let command = parsedQuickly(arguments) { return command }
        guard let name = arguments.first, let type = subcommand(named: name),
              !arguments.contains(where: { $0.hasPrefix("--generate-completion-script") || $0.hasPrefix("---") }),
              let command = try? type.parseAsRoot(Array(arguments.dropFirst())) else { return nil }
        // A command to run: not ArgumentParser's help, nor a command of subcommands (`person`).
        let parsed = Swift.type(of: command).configuration
        return parsed.subcommands.isEmpty && parsed.commandName != "help" ? command : nil
    }

    /// `pathfolio --store PATH COMMAND …` as `pathfolio COMMAND --store PATH …`: a ledger
    /// named before the command, as a counselor with one ledger per caseload may type it
    /// (ArgumentParser reads a subcommand's options only after its name). Any other command
    /// line is returned as it is.
    ///
    /// - Throws: a usage ``Failure`` when `--store` is given before the command and after it.
    static func ledgerFirst(_ arguments: [String]) throws -> [String] {
        guard let first = arguments.first else { return arguments }
        let option: [String], rest: ArraySlice<String>
        if first == "--store", arguments.count > 1 {
            // Before a command, the word after `--store` can only be the ledger, even one
            // whose name begins with a dash (ArgumentParser would take it for an option).
            let path = arguments[1]
            (option, rest) = (isDashedPath(path) ? ["--store=" + path] : Array(arguments[0...1]), arguments[2...])
        } else if first.hasPrefix("--store=") {
            (option, rest) = ([first], arguments[1...])
        } else {
            return arguments
        }
        // Help (`pathfolio --store X`, `… help [COMMAND]`, `… person`) uses no ledger.
        guard let name = rest.first, name != "help" else { return Array(rest) }
        guard subcommand(named: name) != nil else { return arguments }
        let options = rest.prefix { $0 != "--" }
        if options.contains(where: { $0 == "--store" || $0.hasPrefix("--store=") }) {
            throw Failure(.usage, "--store is given before the command and after it",
                          hint: "name the ledger once, before or after `\(name)`", errorCode: "usage.storeTwice")
        }
        // After `person add|list|show|edit|use`; after the name of any other command.
        if name == "person" {
            guard rest.count > 1, !rest[rest.startIndex + 1].hasPrefix("-") else { return Array(rest) }
            return Array(rest.prefix(2)) + option + rest.dropFirst(2)
        }
        return [name] + option + rest.dropFirst()
    }

    /// The subcommand called `name`, without making every subcommand's configuration (a test
    /// checks this names each of ``configuration``'s subcommands).
    static func subcommand(named name: String) -> (any ParsableCommand.Type)? {
        switch name {
        case "init": Init.self
        case "person": PersonCommand.self
        case "add": Add.self
        case "list": List.self
        case "show": Show.self
        case "edit": Edit.self
        case "end": End.self
        case "reflect": Reflect.self
        case "due": Due.self
        case "link": LinkCommand.self
        case "unlink": Unlink.self
        case "path": PathCommand.self
        case "history": History.self
        case "delete": Delete.self
        case "restore": Restore.self
        case "purge": Purge.self
        case "export": Export.self
        case "import": Import.self
        case "validate": Validate.self
        case "verify": Verify.self
        case "backup": Backup.self
        default: nil
        }
    }
}

extension CommandConfiguration {
    /// This configuration for a subcommand of `pathfolio` that ``Pathfolio/parsedAlone(_:)``
    /// may parse as a root: its usage lines still begin `pathfolio NAME`. (ArgumentParser
    /// reads the super-command name of a command stack's root only, so the whole tree's
    /// parse and help do not change.)
    var parsedAlone: CommandConfiguration {
        var configuration = self
        configuration._superCommandName = "pathfolio"
        return configuration
    }
}
