import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioStore

extension Pathfolio {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a ledger (mode 0600, in a folder of mode 0700).",
            discussion: "Running it again on an existing ledger changes nothing.").parsedAlone

        @OptionGroup var store: WholeLedgerOptions

        @Option(help: "Also add this person and make them the default.")
        var name: String?

        @Flag(help: "Print the result as JSON.")
        var json = false

        func run() throws {
            let path = store.path
            let existed = FileManager.default.fileExists(atPath: path)
            if let name { try Person.checkNew(name: name, given: "--name") }
            let ledger = try store.open(create: true)
            var added: Person?
            if let name {
                added = try ledger.transaction { tx in
                    if let existing = try? tx.resolvePerson(name) { return existing }
                    let person = try tx.addPerson(Person(id: tx.newID(), name: name))
                    try tx.setDefaultPerson(person.id)
                    return person
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
                print("Person: \(added.name) \(Output.id(added.id.short)) (default)")
            }
            if !existed, added == nil {
                print("Next: pathfolio person add \"Your Name\"")
            } else if !existed {
                print("Next: pathfolio add job --title \"…\" --org \"…\" --start 2024-03")
            }
        }
    }
}
