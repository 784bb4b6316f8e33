import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioStore

extension Pathfolio {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an experience to the path.",
            discussion: """
                Examples:
                  pathfolio add training --title "데이터 분석 실무" --org "한국폴리텍대학" \\
                      --start 2024-03 --end 2024-08 --hours 600 --funding 국민내일배움카드 --skill SQL
                  pathfolio add job --title "Junior data analyst" --org Acme --start 2024-09 --ongoing
                  pathfolio add job --title "Data engineer" --start 2026 --status planned

                Without --status, it follows from the dates: a future start is planned, a past
                end is completed, an ongoing end or a start without end is ongoing. A --status
                the dates contradict today is kept as given, with a warning.
                """).parsedAlone

        @Argument(help: ArgumentHelp("The kind: job, training, workExperience, mentoring, education, volunteering, project or other.",
                                     valueName: "kind"))
        var kind: ExperienceKind

        @OptionGroup var store: StoreOptions
        @OptionGroup var fields: ExperienceOptions

        @Flag(help: "Print the new experience, with its ID, as JSON.")
        var json = false

        @Flag(name: .shortAndLong, help: "Print only the new ID, for scripts: id=$(pathfolio add … -q).")
        var quiet = false

        func validate() throws {
            guard let title = fields.title, !title.trimmingWhitespace.isEmpty else {
                throw ValidationError("an experience needs a title: --title \"…\"")
            }
            if json, quiet { throw ValidationError("--json and --quiet contradict each other; give one of them") }
        }

        func run() throws {
            let ledger = try store.open()
            let today = Clock.today()
            let (stored, whole) = try ledger.transaction { tx in
                let person = try tx.person(matching: store.person)
                var experience = Experience(id: tx.newID(), kind: kind, title: "")
                try fields.apply(to: &experience)
                if fields.status == nil {
                    experience.status = ExperienceStatus.inferred(from: experience.period, today: today)
                }
                let stored: StoredExperience
                do {
                    stored = try tx.add(experience, for: person.id,
                                        organization: fields.organization.map(OrganizationChoice.named) ?? .unchanged)
                } catch LedgerError.invalid(let diagnostics) {
                    throw LedgerError.invalid(diagnostics.map { Self.namingOptions($0, newID: experience.id.rawValue) })
                }
                return (stored, try tx.experiencesSharingShortForms([stored.id]))
            }
            // A status given that the dates disagree with today (a completed job that starts
            // next year) is kept as given, and said once it is.
            defer { Output.warn(stored.experience.statusWarnings(today: today, shown: stored.id.shown(wholeAmong: whole))) }
            if json { return try Output.json(ExperienceJSON(stored: stored)) }
            if quiet { return print(stored.experience.id.rawValue) }
            let experience = stored.experience
            print("Added \(experience.kind.rawValue) \(Output.id(experience.id.shown(wholeAmong: whole)))  \(Describe.titled(stored))  "
                + Output.dim("(\(Describe.period(experience.period)), \(experience.status.rawValue))"))
        }

        /// A rule the new experience breaks, said of the options that gave the value
        /// (`--end: error: end 2024-01 is before start 2025-05`), not of the ID it would have
        /// had: that ID was never made, and nothing can be done with it.
        static func namingOptions(_ diagnostic: Diagnostic, newID: String) -> Diagnostic {
            guard let location = diagnostic.location,
                  location.entity == "experience" && location.id == newID || location.entity == "organization" && location.id == nil
            else { return diagnostic }
            var named = diagnostic
            let field = location.entity == "organization" ? "organization" : diagnostic.code == "status.conflict" ? "status" : location.field ?? ""
            let option = Self.options[field] ?? Self.options[String(field.prefix { $0 != "[" })]
            named.location = Diagnostic.Location(entity: option == nil ? "the new experience" : nil, field: option ?? location.field)
            return named
        }

        static let options = ["period": "--start/--end", "period.start": "--start", "period.end": "--end", "title": "--title",
                              "training.hours": "--hours", "evidence": "--evidence", "status": "--status", "organization": "--org"]
    }
}
