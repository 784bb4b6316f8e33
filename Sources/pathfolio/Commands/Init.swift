import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioStore

extension Pathfolio {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a ledger (mode 0600, in a folder of mode 0700).",
            discussion: """
                Running it again on an existing ledger changes nothing. With --name, on a ledger
                that already has people, one of them must have that name (nothing is added, and the
                default person stays); to add someone, use pathfolio person add.
                """).parsedAlone

        @OptionGroup var store: WholeLedgerOptions

        @Option(help: "Also add this person and make them the default (on a new ledger, or one with no one in it yet).")
        var name: String?

        @Flag(help: "Print the result as JSON.")
        var json = false

        func run() throws {
            let path = store.path
            let existed = FileManager.default.fileExists(atPath: path)
            if let name { try Person.checkNew(name: name, given: "--name") }
            let ledger = try store.open(create: true)
            var added: Person?, isDefault = true
            if let name {
                (added, isDefault) = try ledger.transaction { tx in
                    let people = try tx.livePeople()
                    guard !people.isEmpty else {
                        let person = try tx.addPerson(Person(id: tx.newID(), name: name))
                        try tx.setDefaultPerson(person.id)
                        return (person, true)
                    }
                    // Run again, as a setup script does: the person it added is there already.
                    let named = try tx.people(named: name)
                    guard named.count == 1, let person = named.first else {
                        throw Self.notAdded(name, path: path, people: people.count, named: named)
                    }
                    return (person, try tx.defaultPerson()?.id == person.id)
                }
            }
            let people = try ledger.people()
            if json {
                struct Result: Encodable { var path: String; var created: Bool; var person: Person?; var people: Int }
                try Output.json(Result(path: path, created: !existed, person: added, people: people.count))
                return
            }
            print(existed ? "Ledger already at \(path) (\(Output.count(people.count, "person", "people")))." : "Created ledger at \(path)")
            if let added {
                print("Person: \(added.name) \(Output.id(added.id.short))" + (isDefault ? " (default)" : ""))
            }
            if !existed, added == nil {
                print("Next: pathfolio person add \"Your Name\"")
            } else if !existed {
                print("Next: pathfolio add job --title \"…\" --org \"…\" --start 2024-03")
            }
        }

        /// `--name` on a ledger whose people include no one, or more than one, of that name:
        /// `init` adds no one to a ledger that has people (a second run must change nothing).
        static func notAdded(_ name: String, path: String, people: Int, named: [Person]) -> Failure {
            guard named.isEmpty else {
                let ids = named.map { $0.id.short }.joined(separator: ", ")
                return Failure(.usage, "\(named.count) people in the ledger at \(path) are named \(name) (\(ids)); init adds no one",
                               hint: "choose one with: pathfolio person use ID; or add another with: pathfolio person add \(ReflectionSession.shellWord(name))",
                               errorCode: "init.ambiguousName")
            }
            return Failure(.usage, "the ledger at \(path) already has \(Output.count(people, "person", "people")), none named \(name); init adds no one to it",
                           hint: "add them with: pathfolio person add \(ReflectionSession.shellWord(name))",
                           errorCode: "init.existingLedger")
        }
    }
}
