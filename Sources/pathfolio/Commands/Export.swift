import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioFormats
import PathfolioStore

extension Pathfolio {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export portfolios for an audience: only what that audience may see is written.",
            discussion: """
                --audience self writes everything, counselor everything not private, public only \
                what is marked public (the default). --blind also removes what identifies the person.

                With --all, XML is one collection (standard output or --out FILE) or a file per \
                person (--out DIR/). Markdown is the whole caseload as one document with the \
                index last (standard output, or --out FILE.md, any letter case), or a file per \
                person and index.md (--out DIR: any other name, a folder created if missing).
                """).parsedAlone

        @OptionGroup var store: StoreOptions

        @Option(help: "xml, markdown, leap2a or json-resume.") var format: PortfolioFormat
        @Option(help: "Who the export is for: self, counselor or public.") var audience: Audience = .public
        @Flag(help: "Export every person in the ledger.") var all = false
        @Flag(help: "A blind-hiring profile: no name, birth date, contact details, photo, school names or mentors' names.") var blind = false
        @Option(help: "The language of headings and dates: en or ko.") var locale: String = "en"
        @Option(help: ArgumentHelp("Only experiences going on at or after this date.", valueName: "date")) var since: String?
        @Option(help: "Only experiences of this kind (repeatable).") var kind: [ExperienceKind] = []
        @Option(help: "Only experiences with this tag (repeatable: any of them).") var tag: [String] = []
        @Option(name: .customLong("person-tag"), help: ArgumentHelp("With --all, only the people with this tag (repeatable: any of them): a counselor's group, its index and outcomes too.", valueName: "tag"))
        var personTag: [String] = []
        @Option(name: .customLong("out"), help: ArgumentHelp("Write to this file (or folder, with --all; see above); standard output when left out or `-`.", valueName: "path"))
        var outOption: String?

        /// `--out`, `nil` for standard output (`-` names it too, as `reflect --from -` names standard input).
        var out: String? { outOption == "-" ? nil : outOption }
        @Option(help: ArgumentHelp("For lossy formats (leap2a, json-resume): print what was dropped or approximated, field by field, to standard error as text or json.", valueName: "style"))
        var lossReport: LossReportStyle?

        func validate() throws {
            guard ["en", "ko"].contains(locale) else { throw ValidationError("--locale '\(locale)': use en or ko") }
            if all, store.person != nil { throw ValidationError("--all and --person contradict each other; give one of them") }
            if !personTag.isEmpty, !all { throw ValidationError("--person-tag chooses among people: give it with --all") }
            if outOption?.isEmpty == true { throw ValidationError("--out is empty: give a file or folder name, or - for standard output") }
            if lossReport != nil, format != .leap2a, format != .jsonResume {
                throw ValidationError("--loss-report applies to the lossy formats leap2a and json-resume, not \(format.rawValue)")
            }
        }

        func run() throws {
            // A caseload is read through a memory map: the kernel's copy of each page was a
            // tenth of the export's CPU.
            let ledger = try store.open(mapped: all)
            let sinceDate = try since.map { try DateArgument.parse($0, option: "--since") }
            let kind = self.kind, tag = self.tag, audience = self.audience, blind = self.blind
            // Of a caseload: the people whose short ID another's shares, labelled by their whole
            // ID where their name is hidden (set when the people are read, before any is shown).
            let labelledWhole = LockedState<Set<PersonID>>([])
            /// What the export shows of a portfolio: the audience's view, blinded, filtered.
            @Sendable func shown(_ portfolio: Portfolio) -> Portfolio {
                let whole = labelledWhole.withLock { $0.contains(portfolio.person.id) }
                var shown = portfolio
                if whole, !portfolio.person.nameVisibility.isVisible(to: audience) || blind {
                    shown.person.name = Portfolio.anonymousName(for: portfolio.person.id, whole: true)
                }
                shown = shown.visible(to: audience)
                if blind { shown = shown.blinded() }
                return shown.keepingExperiences { experience in
                    (kind.isEmpty || kind.contains(experience.kind))
                        && (tag.isEmpty || experience.tags.contains { item in tag.contains { $0.lowercased() == item.lowercased() } })
                        && (sinceDate.map { experience.isGoingOn(atOrAfter: $0) } ?? true)
                }
            }
            if format == .xml {
                // A caseload goes a group of people at a time (read, rendered, written), so
                // memory does not grow with it; all in one read transaction.
                try exportXML(shown: shown) { each in
                    try ledger.read { tx in
                        if all {
                            // Ordered by the writer, on the rendering threads.
                            let everyone = try caseload(tx.livePeople(), labelledWhole) { $0 }
                            try tx.portfolios(of: everyone, inGroupsOf: Self.groupSize, canonicallyOrdered: false, each)
                        } else {
                            try each([try person(tx, labelledWhole)])
                        }
                    }
                }
                return
            }
            if format == .markdown, all {
                try exportMarkdownCaseload(shown: shown) { people, each in
                    try ledger.read { tx in
                        let everyone = try caseload(tx.livePeople(), labelledWhole) { $0 }
                        try people(everyone)
                        try tx.portfolios(of: everyone, inGroupsOf: Self.groupSize, canonicallyOrdered: false, each)
                    }
                }
                return
            }
            let portfolios = try ledger.read { tx in
                guard all else { return [try person(tx, labelledWhole)] }
                return caseload(try tx.portfolios(), labelledWhole, person: \.person)
            }.map(shown)
            // Each format lives in its own file: Export+XML.swift, Export+Markdown.swift, …
            switch format {
            case .xml: break
            case .markdown: try exportMarkdown(portfolios, wholeIDs: labelledWhole.withLock { $0 })
            case .leap2a: try exportLEAP2A(portfolios)
            case .jsonResume: try exportJSONResume(portfolios)
            }
        }

        /// A caseload's people in the order their portfolios are written: by name, or by ID
        /// for `--blind` (an order by the hidden names would tell them: Latin names before
        /// Hangul ones, namesakes side by side). Notes in `labelledWhole` who shares a short ID.
        func caseload<Item>(_ items: [Item], _ labelledWhole: LockedState<Set<PersonID>>,
                            person: (Item) -> Person) -> [Item] {
            let items = personTag.isEmpty ? items : items.filter { Describe.isTagged(person($0), anyOf: personTag) }
            labelledWhole.withLock { $0 = PersonID.sharingShortForms(items.map { person($0).id }) }
            return blind ? items.sorted { person($0).id.rawValue < person($1).id.rawValue } : items
        }

        /// The one person `--person` names (or the default), noted in `labelledWhole` when their
        /// short ID names another record too (as `typedID` tells, with two seeks in
        /// the ID indexes): exported one at a time, two were `Candidate client-2` and wrote the
        /// same file name.
        func person(_ tx: Ledger.Transaction, _ labelledWhole: LockedState<Set<PersonID>>) throws -> Portfolio {
            let portfolio = try tx.portfolio(of: tx.person(matching: store.person).id)
            let id = portfolio.person.id
            if tx.typedID(id.rawValue) != id.short {
                labelledWhole.withLock { $0 = [id] }
            }
            return portfolio
        }

        /// How many people an XML export of a caseload reads and renders at a time.
        static let groupSize = 256

        /// Refuses a format this build does not write yet.
        func unavailable() -> Failure {
            Failure(.usage, "export --format \(format.rawValue) is not available in this version",
                    hint: "see `pathfolio export --help` for the formats this version writes", errorCode: "format.unavailable")
        }
    }
}
