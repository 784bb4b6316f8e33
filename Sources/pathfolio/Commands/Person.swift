import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioStore

extension Pathfolio {
    struct PersonCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "person",
            abstract: "Add, list, show, edit and choose the people whose paths the ledger keeps.",
            subcommands: [Add.self, List.self, Show.self, Use.self, Edit.self]).parsedAlone
    }
}

/// Personal fields as options, shared by `person add` and `person edit`.
struct PersonalDetailOptions: ParsableArguments {
    @Option(help: "A one-line description (public by default).") var headline: String?
    @Option(help: "A short profile (public by default).") var summary: String?
    @Option(help: "Email address (counselor by default).") var email: String?
    @Option(help: "Phone number (counselor by default).") var phone: String?
    @Option(help: "City or region (counselor by default).") var location: String?
    @Option(help: "Postal address (private by default).") var address: String?
    @Option(help: "A web page (public by default).") var website: String?
    @Option(name: .customLong("birth-date"), help: ArgumentHelp("YYYY, YYYY-MM or YYYY-MM-DD (private by default).", valueName: "date"))
    var birthDate: String?
    @Option(help: "A photo's path or URI (counselor by default).") var photo: String?

    @Option(name: .customLong("tag"), help: ArgumentHelp("A caseload tag such as youth or career-changer (repeatable).", valueName: "tag"))
    var tags: [String] = []

    @Option(name: .customLong("show"), help: ArgumentHelp(
        "Who may see a field: FIELD=private|counselor|public, FIELD being name, email, phone, … (repeatable).",
        valueName: "field=visibility"))
    var visibilities: [String] = []

    /// The details given, with their visibility.
    func details() throws -> [PersonalDetail] {
        let overrides = try visibilityOverrides()
        if let birthDate { _ = try DateArgument.parse(birthDate, option: "--birth-date") }
        let given: [(PersonalDetailKind, String?)] = [
            (.headline, headline), (.summary, summary), (.email, email), (.phone, phone), (.location, location),
            (.address, address), (.website, website), (.birthDate, birthDate), (.photo, photo),
        ]
        return given.compactMap { kind, value in
            value.map { PersonalDetail(kind, $0, visibility: overrides[kind.rawValue]) }
        }
    }

    /// Applies the options to a person: given details replace those of the same kind.
    func apply(to person: inout Person) throws {
        let overrides = try visibilityOverrides()
        for detail in try details() {
            person.details.removeAll { $0.kind == detail.kind }
            person.details.append(detail)
        }
        for index in person.details.indices {
            if let visibility = overrides[person.details[index].kind.rawValue] { person.details[index].visibility = visibility }
        }
        if let name = overrides["name"] { person.nameVisibility = name }
        person.tags += tags
    }

    private func visibilityOverrides() throws -> [String: Visibility] {
        var result: [String: Visibility] = [:]
        let fields = ["name"] + PersonalDetailKind.allCases.map(\.rawValue)
        for item in visibilities {
            let parts = item.split(separator: "=", maxSplits: 1).map { String($0).trimmingWhitespace }
            guard parts.count == 2, let field = fields.first(where: { $0.lowercased() == parts[0].lowercased() }),
                  let visibility = Visibility(rawValue: parts[1].lowercased()) else {
                throw Failure.usage("--show '\(item)' is not FIELD=VISIBILITY",
                                    hint: "write e.g. --show email=public; FIELD is one of \(fields.joined(separator: ", "))")
            }
            result[field] = visibility
        }
        return result
    }
}

extension Pathfolio.PersonCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a person.")

        @OptionGroup var store: WholeLedgerOptions
        @Argument(help: "Their name.") var name: String?
        /// As `init` and `person edit` take it: `person add --name 김하늘` was refused.
        @Option(name: .customLong("name"), help: ArgumentHelp("Their name, if not given as the argument.", valueName: "name"))
        var nameOption: String?
        @OptionGroup var fields: PersonalDetailOptions
        @Flag(help: "Make them the default person.") var use = false
        @Flag(help: "Print the person as JSON.") var json = false

        func validate() throws {
            switch (name, nameOption) {
            case (nil, nil): throw ValidationError("Missing their name: pathfolio person add NAME (or --name NAME)")
            case (let argument?, let option?) where argument != option:
                throw ValidationError("Two names: '\(argument)' and --name '\(option)'; give one")
            default: break
            }
        }

        func run() throws {
            let name = name ?? nameOption ?? ""
            try Person.checkNew(name: name, given: nameOption != nil ? "--name" : "<name>")
            let ledger = try store.open()
            let (stored, shown) = try ledger.transaction { tx in
                var person = Person(id: tx.newID(), name: name)
                try fields.apply(to: &person)
                let added = try tx.addPerson(person)
                if use { try tx.setDefaultPerson(added.id) }
                return (try tx.storedPerson(added.id), tx.typedID(added.id.rawValue))
            }
            if json { return try Output.json(PersonJSON(stored: stored)) }
            print("Added \(stored.person.name) \(Output.id(shown))\(stored.isDefault ? " (default)" : "")")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the people in the ledger.")

        @OptionGroup var store: WholeLedgerOptions
        @Flag(help: "Include deleted people.") var deleted = false
        @Flag(help: "Print the list as JSON.") var json = false

        func run() throws {
            // Deleted people are read too: a reference is looked up among them as well, so an
            // ID they share with a listed person's short form is shown whole.
            let everyone = try store.open().people(includeDeleted: true)
            // In the order of their names as `list --all-people` has them: case, accents and width aside.
            let people = everyone.sortedByName(\.person.name, id: \.person.id.rawValue).filter { deleted || $0.deletedAt == nil }
            if json { return try Output.json(people.map(PersonJSON.init)) }
            guard !people.isEmpty else {
                print("No people yet. Add one with: pathfolio person add \"Name\"")
                return
            }
            // IDs that share their first characters (imported from another system) are shown whole.
            let shown = PersonID.shortOrWhole(everyone.map(\.person.id))
            let rows = people.map { stored in
                [stored.isDefault ? "*" : " ", Output.id(shown[stored.person.id]!), stored.person.name,
                 Output.count(stored.experienceCount, "experience"),
                 stored.person.tags.joined(separator: ", ") + (stored.deletedAt != nil ? " (deleted)" : "")]
            }
            print(Output.table(rows))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a person's details (the default person when none is named).")

        @OptionGroup var store: StoreOptions
        @Argument(help: "A name or ID prefix.") var reference: String?
        @Flag(help: "Print the person as JSON.") var json = false

        func validate() throws {
            try store.refuseBoth(reference)
        }

        func run() throws {
            let ledger = try store.open()
            let stored = try ledger.read { tx -> StoredPerson in
                let person = try tx.person(matching: reference ?? store.person)
                return try tx.storedPerson(person.id)
            }
            if json {
                try Output.json(PersonJSON(stored: stored))
                try Output.finish(closing: ledger, keeping: stored)
            }
            let person = stored.person
            print(Output.bold(person.name) + (stored.isDefault ? "  (default)" : ""))
            var rows = [["ID", person.id.rawValue], ["Name visible to", person.nameVisibility.rawValue]]
            for detail in person.details {
                rows.append([detail.kind.rawValue, "\(detail.value)  \(Output.dim("[\(detail.visibility.rawValue)]"))"])
            }
            if !person.tags.isEmpty { rows.append(["Tags", person.tags.joined(separator: ", ")]) }
            rows.append(["Experiences", String(stored.experienceCount)])
            print(Output.table(rows))
            try Output.finish(closing: ledger, keeping: stored, rows)
        }
    }

    struct Use: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "use", abstract: "Choose the person commands act on by default.")

        @OptionGroup var store: WholeLedgerOptions
        @Argument(help: "A name, part of one, or an ID prefix.") var reference: String
        @Flag(help: "Print the chosen person as JSON.") var json = false

        func run() throws {
            let (person, shown) = try store.open().transaction { tx in
                let person = try tx.resolvePerson(reference)
                try tx.setDefaultPerson(person.id)
                return (person, tx.typedID(person.id.rawValue))
            }
            if json {
                let stored = try store.open().read { try $0.storedPerson(person.id) }
                return try Output.json(PersonJSON(stored: stored))
            }
            print("Now acting for \(person.name) \(Output.id(shown))")
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change a person's name, details or tags.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "A name or ID prefix (default: the default person).") var reference: String?
        @Option(help: "A new name.") var name: String?
        @OptionGroup var fields: PersonalDetailOptions
        @Option(name: .customLong("remove"), help: ArgumentHelp("Remove a detail (email, phone, …) or a tag:NAME (repeatable).", valueName: "field"))
        var removals: [String] = []
        @Flag(help: "Print the person as JSON.") var json = false

        func validate() throws {
            try store.refuseBoth(reference)
        }

        func run() throws {
            let ledger = try store.open()
            let (stored, shown) = try ledger.transaction { tx -> (StoredPerson, String) in
                let person = try tx.person(matching: reference ?? store.person)
                try tx.updatePerson(person.id) { person in
                    if let name { person.name = name }
                    for removal in removals {
                        if removal.hasPrefix("tag:") {
                            let tag = String(removal.dropFirst(4)).normalizedLine
                            person.tags.removeAll { $0.lowercased() == tag.lowercased() }
                        } else if let kind = PersonalDetailKind(rawValue: removal) {
                            person.details.removeAll { $0.kind == kind }
                        } else {
                            throw Failure.usage("--remove '\(removal)' is not a field or tag",
                                                hint: "use one of \(PersonalDetailKind.allCases.map(\.rawValue).joined(separator: ", ")), or tag:NAME")
                        }
                    }
                    try fields.apply(to: &person)
                }
                return (try tx.storedPerson(person.id), tx.typedID(person.id.rawValue))
            }
            if json { return try Output.json(PersonJSON(stored: stored)) }
            // Whole where the short form names another record too, as listings show it.
            print("Updated \(stored.person.name) \(Output.id(shown))")
        }
    }
}

extension Person {
    /// A new person's name, checked before the ledger is opened (`init` would otherwise
    /// have made the file already), and said of what gave it (`--name: error: the name is
    /// empty`), not of the ID the person would have had: it was never made.
    static func checkNew(name: String, given: String) throws {
        let problems = Person(id: PersonID(rawValue: "new"), name: name.normalizedLine).diagnostics()
            .filter { $0.severity == .error && $0.location?.field == "name" }
            .map { problem in
                var named = problem
                named.location = Diagnostic.Location(field: given)
                return named
            }
        if !problems.isEmpty { throw Failure(diagnostics: problems, code: .dataError) }
    }
}
