import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioStore

extension Pathfolio {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check the ledger file and its tamper-evident history.",
            discussion: "Runs SQLite's integrity and foreign-key checks, follows every person's revision hash chain, and compares every record with its latest revision. Exits 65 when anything is wrong.")

        @OptionGroup var store: StoreOptions
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
            abstract: "Copy the ledger to a new file, safely while other processes write.")

        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("The new file (never overwritten).", valueName: "file")) var out: String
        @Flag(help: "Print the two paths as JSON.") var json = false

        func run() throws {
            let partial = Ledger.partialBackup(for: out)
            // Interrupted (Ctrl-C), the unfinished copy goes.
            try Interruption.cleaningUp({ for suffix in ["", "-journal", "-wal", "-shm"] { unlink(partial + suffix) } }) {
                try store.open().backup(to: out)
            }
            if json { return try Output.json(["from": store.path, "to": out]) }
            print("Backed up \(store.path) to \(out)")
        }
    }
}
