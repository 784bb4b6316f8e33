import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioStore

extension Pathfolio {
    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete an experience, reflection or person, reversibly.",
            discussion: "It disappears from lists, paths and exports; `pathfolio restore ID` brings it back. Use purge to erase for good.").parsedAlone

        @OptionGroup var store: StoreOptions
        @Argument(help: "An ID or unique prefix (KIND:ID, such as person:1, where records of two kinds share the ID).") var id: String
        @Flag(help: "Print what was deleted as JSON.") var json = false

        func run() throws {
            let (record, shown, undo) = try store.open().transaction { tx in
                let record = try tx.resolveRecord(id)
                try tx.delete(record)
                return (record, Output.record(record, in: tx), tx.typedID(of: record))
            }
            if json { return try Output.json(RecordActionJSON("delete", record)) }
            print("Deleted \(shown). Undo with: pathfolio restore \(undo)")
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: "Bring back a deleted record, or an earlier revision of it (as a new revision).").parsedAlone

        @OptionGroup var store: StoreOptions
        @Argument(help: "An ID or unique prefix (KIND:ID, such as person:1, where records of two kinds share the ID).") var id: String
        @Option(help: ArgumentHelp("The revision to bring back (see `pathfolio history ID`).", valueName: "n")) var revision: Int64?
        @Flag(help: "Print what was restored as JSON.") var json = false

        func run() throws {
            let (record, shown) = try store.open().transaction { tx in
                let record = try tx.resolveRecord(id)
                try tx.restore(record, revision: revision)
                return (record, Output.record(record, in: tx))
            }
            if json { return try Output.json(RecordActionJSON("restore", record, revision: revision)) }
            print("Restored \(shown)" + (revision.map { " to revision #\($0)" } ?? "") + ".")
        }
    }

    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "purge",
            abstract: "Erase a person, experience or reflection for good, with its history (right to erasure).",
            discussion: "This cannot be undone. A person's purge erases all their experiences, reflections and organizations.").parsedAlone

        @OptionGroup var store: StoreOptions
        @Argument(help: "An ID or unique prefix (KIND:ID, such as person:1, where records of two kinds share the ID).") var id: String
        @Flag(help: "Do not ask for confirmation (required when not at a terminal).") var yes = false
        @Flag(help: "Print what was erased as JSON.") var json = false

        func run() throws {
            let ledger = try store.open()
            try ledger.requireWritable()  // before asking to confirm what could not be done
            let (record, shown, label) = try ledger.read { tx -> (RecordReference, String, String) in
                let record = try tx.resolveRecord(id)
                let shown = Output.record(record, in: tx)
                switch record.entity {
                case .experience: return (record, shown, try Describe.titled(tx.stored(ExperienceID(rawValue: record.id))))
                case .person:
                    let person = try tx.person(PersonID(rawValue: record.id), includeDeleted: true)
                    let count = try tx.experiences(matching: ExperienceFilter(person: person.id, includeDeleted: true)).count
                    return (record, shown, "\(person.name) and their \(Output.count(count, "experience"))")
                default: return (record, shown, shown)
                }
            }
            if !yes {
                guard isatty(STDIN_FILENO) == 1 else {
                    throw Failure(.usage, "purge erases \(shown) for good and needs confirmation",
                                  hint: "add --yes to confirm without a terminal", errorCode: "purge.unconfirmed")
                }
                print("Erase \(shown) — \(label) — with all its history? This cannot be undone. Type 'purge' to confirm: ", terminator: "")
                guard readLine()?.trimmingWhitespace == "purge" else {
                    print("Nothing erased.")
                    return
                }
            }
            try ledger.purge(record)
            if json { return try Output.json(RecordActionJSON("purge", record)) }
            print("Purged \(shown).")
        }
    }
}
