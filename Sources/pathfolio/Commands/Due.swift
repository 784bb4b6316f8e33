import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioStore

extension Pathfolio {
    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "due",
            abstract: "List experiences that ended without their reflection, oldest first.",
            discussion: "Jobs, work-experience programmes and volunteering call for a postPlacement reflection; trainings and education for a postTraining one.").parsedAlone

        @OptionGroup var store: StoreOptions
        @Flag(name: .customLong("all-people"), help: "Every person's, not only one person's (a counselor's caseload).") var allPeople = false
        @Option(name: .customLong("person-tag"), help: ArgumentHelp("With --all-people, only the people with this tag (repeatable: any of them).", valueName: "tag"))
        var personTag: [String] = []
        @Flag(help: "Print them as JSON.") var json = false

        struct Item: Encodable {
            var id: String
            var shortID: String
            var personID: String
            var person: String
            var title: String
            var organization: String?
            var kind: ExperienceKind
            var reflectionKind: ReflectionKind
            var ended: String?
        }

        func validate() throws {
            // As `export --all` refuses it: one of the two would be ignored without a word.
            if allPeople, store.person != nil { throw ValidationError("--all-people and --person contradict each other; give one of them") }
            if !personTag.isEmpty, !allPeople { throw ValidationError("--person-tag chooses among people: give it with --all-people") }
        }

        func run() throws {
            let ledger = try store.open()
            let today = Clock.today()
            let portfolios = try ledger.read { tx -> [Portfolio] in
                allPeople ? try tx.portfolios() : [try tx.portfolio(of: try tx.person(matching: store.person).id)]
            }.filter { Describe.isTagged($0.person, anyOf: personTag) }
            let names = Describe.distinctNames(Dictionary(portfolios.map { ($0.person.id, $0.person.name) }) { first, _ in first })
            let items = portfolios.flatMap { portfolio in
                portfolio.reflectionsDue(today: today).map { due in
                    Item(id: due.experience.id.rawValue, shortID: due.experience.id.short, personID: portfolio.person.id.rawValue,
                         person: portfolio.person.name, title: due.experience.title,
                         organization: portfolio.organization(due.experience.organizationID)?.name,
                         kind: due.experience.kind, reflectionKind: due.kind, ended: due.ended.map(Describe.date))
                }
            }.sorted { ($0.ended ?? "~") < ($1.ended ?? "~") }
            if json { return try Output.json(items) }
            guard let first = items.first else {
                print("Nothing due: every ended placement and training has its reflection.")
                return
            }
            // Each as the user can type it back: whole where the short form names another
            // experience too (listed or not, anyone's).
            let whole = try ledger.read { tx in try tx.experiencesSharingShortForms(items.map { ExperienceID(rawValue: $0.id) }) }
            print(Output.table(items.map { item in
                var row = [Output.id(ExperienceID(rawValue: item.id).shown(wholeAmong: whole)), "ended " + (item.ended ?? "?"), item.reflectionKind.rawValue]
                if allPeople { row.append(names[PersonID(rawValue: item.personID)] ?? item.person) }
                row.append(item.organization.map { "\(item.title) · \($0)" } ?? item.title)
                return row
            }))
            print(Output.dim("Write one with: pathfolio reflect \(ExperienceID(rawValue: first.id).shown(wholeAmong: whole))"))
        }
    }
}
