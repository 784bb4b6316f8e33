import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioStore

extension Pathfolio {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check the ledger file and its tamper-evident history.",
            discussion: "Runs SQLite's integrity and foreign-key checks, follows every person's revision hash chain, and compares every record with its latest revision. Exits 65 when anything is wrong.").parsedAlone

        @OptionGroup var store: WholeLedgerOptions
        @Flag(help: "Print the report as JSON.") var json = false

        func run() throws {
            let report = try store.open().verify()
            if json {
                struct Report: Encodable { var intact: Bool; var people: Int; var records: Int; var revisions: Int; var problems: [Diagnostic] }
                try Output.json(Report(intact: report.isIntact, people: report.people, records: report.recordsChecked,
                                       revisions: report.revisionsChecked, problems: report.problems))
            } else if report.isIntact {
                print("OK: \(Output.count(report.people, "person", "people")), \(Output.count(report.recordsChecked, "record")) and \(Output.count(report.revisionsChecked, "revision")) check out.")
            }
            if !report.isIntact {
                throw Failure(diagnostics: report.problems, code: .dataError)
            }
        }
    }

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Copy the ledger to a new file, safely while other processes write.").parsedAlone

        @OptionGroup var store: WholeLedgerOptions
        @Option(help: ArgumentHelp("The new file (never overwritten).", valueName: "file")) var out: String
        @Flag(help: "Print the two paths as JSON.") var json = false

        func validate() throws {
            if out.isEmpty { throw ValidationError("--out is empty: give the new file's name, e.g. --out ledger-backup.sqlite") }
        }

        func run() throws {
            try checkTarget()
            let partial = Ledger.partialBackup(for: out)
            // Interrupted (Ctrl-C), the unfinished copy goes.
            try Interruption.cleaningUp({ for suffix in ["", "-journal", "-wal", "-shm"] { unlink(partial + suffix) } }) {
                try store.open().backup(to: out)
            }
            if json { return try Output.json(["from": store.path, "to": out]) }
            print("Backed up \(store.path) to \(out)")
        }

        /// Refuses, named at the file and before anything is copied, what the user can fix:
        /// a name that is taken (a backup never overwrites) and a folder that is missing or
        /// cannot be written. The ledger checks the name again as it makes the file.
        private func checkTarget() throws {
            var status = stat()
            if lstat(out, &status) == 0 {
                let isFolder = status.st_mode & S_IFMT == S_IFDIR
                throw Failure(.dataError, isFolder ? "this is a folder; a backup is one file" : "the file exists already, and a backup never overwrites one",
                              hint: isFolder ? "give a file name in it, e.g. --out \(out.hasSuffix("/") ? out : out + "/")ledger-backup.sqlite" : "choose a new file name",
                              errorCode: "state.conflict", at: .file(out))
            }
            let folder = PathText.folder(of: out)
            let found = stat(folder, &status) == 0
            if found ? status.st_mode & S_IFMT != S_IFDIR : errno == ENOTDIR {
                throw Failure(.io, "a file stands where the folder \(folder) would be", hint: "choose another place, or move that file away",
                              errorCode: "file.write", at: .file(out))
            }
            if !found {
                let quoted = "'" + folder.replacingOccurrences(of: "'", with: "'\\''") + "'"
                throw Failure(.io, "the folder \(folder) does not exist", hint: "make it first (mkdir -p \(quoted)) or choose another place",
                              errorCode: "file.write", at: .file(out))
            }
            if access(folder, W_OK | X_OK) != 0 {
                throw Failure(.io, "the folder \(folder) cannot be written (\(String(cString: strerror(errno))))",
                              hint: "choose a folder you may write to", errorCode: "file.write", at: .file(out))
            }
        }
    }
}
