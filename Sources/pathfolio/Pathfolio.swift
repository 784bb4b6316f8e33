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
            The ledger is one SQLite file: --store PATH, else $PATHFOLIO_STORE, else
            $XDG_DATA_HOME/pathfolio/ledger.sqlite (~/.local/share/pathfolio/ledger.sqlite).
            IDs are shown short; any unique prefix of at least 4 characters is accepted.

            Exit codes: 0 ok · 64 usage error · 65 bad data · 66 not found (ledger, ID or file)
            · 74 I/O failure or busy ledger · 70 internal error.
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
        // A file-size limit (`ulimit -f`) reached is a write that fails (EFBIG), reported as
        // an I/O error with the temporary files removed, not a signal that kills the process
        // and leaves them.
        signal(SIGXFSZ, SIG_IGN)
        do {
            // File operands go to ArgumentParser as one value (see `Operands`).
            var command = try parseAsRoot(Operands.fold(Array(CommandLine.arguments.dropFirst())))
            try command.run()
            try Output.finishStandardOutput()
        } catch let failure as Failure {
            failure.report()
        } catch let error as LedgerError {
            Failure(error).report()
        } catch let error as DiagnosticError {
            Failure(diagnostics: error.diagnostics, code: .dataError).report()
        } catch {
            exit(withError: error)
        }
    }
}
