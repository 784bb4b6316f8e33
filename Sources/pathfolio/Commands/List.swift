import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioStore

extension ExperienceStatus {
    /// The mark `list` and `path` put before an experience.
    var mark: String {
        switch self {
        case .planned: "○"
        case .ongoing: "◐"
        case .completed: "●"
        case .discontinued: "◌"
        }
    }
}

extension Pathfolio {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List experiences in path order.",
            discussion: "Filters combine: --kind job --kind training --since 2023 lists jobs and trainings still going on in or after 2023.").parsedAlone

        @OptionGroup var store: StoreOptions

        @Option(help: "Only this kind (repeatable).") var kind: [ExperienceKind] = []
        @Option(help: "Only this status (repeatable).") var status: [ExperienceStatus] = []
        @Option(help: "Only experiences with this tag (repeatable: any of them).") var tag: [String] = []
        @Option(help: ArgumentHelp("Only experiences going on at or after this date.", valueName: "date")) var since: String?
        @Option(help: ArgumentHelp("Only experiences that started at or before this date.", valueName: "date")) var until: String?
        @Flag(name: .customLong("all-people"), help: "Every person's experiences, not only one person's.") var allPeople = false
        @Option(name: .customLong("person-tag"), help: ArgumentHelp("With --all-people, only the people with this tag (repeatable: any of them), as `person add --tag` gives them.", valueName: "tag"))
        var personTag: [String] = []
        @Flag(help: "Include deleted experiences.") var deleted = false
        @Flag(help: "Print the experiences, with links and reflections, as JSON.") var json = false

        func validate() throws {
            // As `export --all` refuses it: one of the two would be ignored without a word.
            if allPeople, store.person != nil { throw ValidationError("--all-people and --person contradict each other; give one of them") }
            if !personTag.isEmpty, !allPeople { throw ValidationError("--person-tag chooses among people: give it with --all-people") }
        }

        func run() throws {
            let ledger = try store.open()
            var filter = ExperienceFilter(kinds: Set(kind), statuses: Set(status), tags: tag, includeDeleted: deleted)
            filter.personTags = personTag
            filter.since = try since.map { try DateArgument.parse($0, option: "--since") }
            filter.until = try until.map { try DateArgument.parse($0, option: "--until") }
            if json {
                // Whole experiences, with their reflections and links.
                let views = try ledger.read { tx in
                    if !allPeople { filter.person = try tx.person(matching: store.person).id }
                    // Reflections and links for all the experiences at once, not two queries each.
                    let reflections = try tx.reflections(onExperiencesMatching: filter)
                    let links = try tx.links(touchingExperiencesMatching: filter)
                    var items = try tx.experiences(matching: filter)
                    // In the order the lines have: people by name.
                    if allPeople { items = Self.groupedByName(items, person: \.personID, names: try tx.personNames(includeDeleted: true)) }
                    return items.map { item in
                        ExperienceJSON(stored: item, reflections: reflections[item.id] ?? [], links: links[item.id] ?? [])
                    }
                }
                try Output.json(views)
                try Output.finish(closing: ledger, keeping: views)
            }
            // A line shows only an experience's heading: nothing else of its row is read.
            var (items, people, whole) = try ledger.read { tx -> ([ExperienceHeading], [PersonID: String], Set<ExperienceID>) in
                if !allPeople { filter.person = try tx.person(matching: store.person).id }
                let items = try tx.headings(matching: filter)
                // Names only for the column --all-people adds.
                return (items, allPeople ? Describe.distinctNames(try tx.personNames(includeDeleted: true)) : [:],
                        try tx.experiencesSharingShortForms(items.map(\.id)))
            }
            guard !items.isEmpty else {
                print(filter == ExperienceFilter(person: filter.person) ? "No experiences yet. Add one with: pathfolio add job --title \"…\""
                                                                         : "No experiences match.")
                return
            }
            if allPeople { items = Self.groupedByName(items, person: \.personID, names: people) }
            let width = Describe.terminalWidth
            var rows: [[String]] = []
            rows.reserveCapacity(items.count)
            let everyone = allPeople  // read once: a flag's value is a switch and a copy
            for item in items {
                let id = Output.id(item.id.shown(wholeAmong: whole)), period = "\(item.status.mark) \(Describe.period(item.period))"
                var title = Describe.titled(item)
                if item.isDeleted { title += " (deleted)" }
                if item.visibility != .public { title += "  [\(item.visibility.rawValue)]" }
                // Each row made whole at once (one that grew by a cell was made again: a copy a line).
                rows.append(everyone ? [id, period, item.kind.rawValue, people[item.personID] ?? item.personID.short, title]
                                     : [id, period, item.kind.rawValue, title])
            }
            if let width {
                let fixed = rows.map { $0.dropLast().map(\.visibleWidth) }.reduce(into: [Int]()) { widths, row in
                    for (index, cell) in row.enumerated() {
                        if index < widths.count { widths[index] = max(widths[index], cell) } else { widths.append(cell) }
                    }
                }.reduce(0, +) + 2 * (rows[0].count - 1)
                let room = max(20, width - fixed)
                rows = rows.map { row in row.dropLast() + [row.last!.truncated(to: room)] }
            }
            Output.printTable(rows)
            try Output.finish(closing: ledger, keeping: items, people, whole, rows)
        }

        /// A caseload's lines, each person's together and the people in the order of their
        /// names (``Swift/String/nameOrderKey``: case, accents and width aside; people of one
        /// name by ID), each person's lines in the order they came.
        static func groupedByName<Item>(_ items: [Item], person: KeyPath<Item, PersonID>, names: [PersonID: String]) -> [Item] {
            let people = Set(items.map { $0[keyPath: person] }).sortedByName({ names[$0] ?? $0.rawValue }, id: \.rawValue)
            let rank = Dictionary(uniqueKeysWithValues: people.enumerated().map { ($1, $0) })
            return items.enumerated().sorted { a, b in
                let (x, y) = (rank[a.element[keyPath: person]]!, rank[b.element[keyPath: person]]!)
                return x != y ? x < y : a.offset < b.offset
            }.map(\.element)
        }
    }
}
