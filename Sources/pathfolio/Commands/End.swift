import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioStore

extension Pathfolio {
    struct End: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "end",
            abstract: "Record that an experience ended.",
            discussion: """
                Sets the end date (today unless --date is given) and the status (completed, or discontinued). For a job, work-experience programme or volunteering (a post-placement reflection) and a training or education (post-training), in a terminal, it offers to write the reflection right away (--reflect opens the editor without asking, --no-reflect does not ask). For a project, mentoring or other experience, --reflect opens a free reflection.
                """).parsedAlone

        @OptionGroup var store: StoreOptions
        @Argument(help: "An experience ID or unique prefix.") var id: String
        @Option(help: ArgumentHelp("When it ended: YYYY, YYYY-MM, YYYY-MM-DD or today.", valueName: "date")) var date: String?
        @Flag(help: "It ended before its planned end.") var discontinued = false
        @Flag(help: "Print the experience as JSON.") var json = false
        @Flag(inversion: .prefixedNo, exclusivity: .exclusive, help: "Write the reflection right away, without asking.") var reflect: Bool?

        func run() throws {
            if json, reflect == true {
                // The editor's messages would go between the JSON and its reader; and the
                // experience would end before the refusal. Refused before anything is read.
                throw Failure(.usage, "--reflect opens an editor and --json prints for a program; give one of them",
                              hint: "end it with --json, then write the reflection: pathfolio reflect \(id)",
                              errorCode: "usage.reflectWithJSON")
            }
            let ledger = try store.open()
            let end = try DateArgument.parse(date ?? "today", option: "--date")
            let (stored, whole) = try ledger.transaction { tx in
                let id = try tx.resolveExperience(self.id)
                // An end already recorded is changed only when a date is given: `end` again
                // without one put today over the real end date.
                let current = try tx.stored(id).experience
                if date == nil, current.status.hasEnded, case .date? = current.period.end {
                    let shown = id.shown(wholeAmong: try tx.experiencesSharingShortForms([id]))
                    throw Failure(.dataError, "experience \(shown) already ended (\(Describe.period(current.period)), \(current.status.rawValue))",
                                  hint: "give --date to change when it ended (--date today for today)",
                                  errorCode: "state.alreadyEnded")
                }
                let stored = try tx.update(id) { experience in
                    experience.period.end = .date(end)
                    experience.status = discontinued ? .discontinued : .completed
                }
                return (stored, try tx.experiencesSharingShortForms([id]))
            }
            // An end after today is kept as given (a course's last day, entered ahead), and said.
            let early: [Diagnostic] = end.compare(atCommonPrecision: Clock.today()) != .after ? [] : [
                .warning("status.notEnded", "it is \(stored.experience.status.rawValue) now, but it ends \(end), after today",
                         hint: "if it is still going on, undo this: pathfolio edit \(stored.id.shown(wholeAmong: whole)) --status ongoing --clear end",
                         at: .record("experience", stored.id.rawValue, field: "period.end")),
            ]
            if json {
                try Output.json(ExperienceJSON(stored: stored))
                return Output.warn(early)
            }
            print("Ended \(Output.id(stored.id.shown(wholeAmong: whole)))  \(Describe.titled(stored))  "
                + Output.dim("(\(Describe.period(stored.experience.period)), \(stored.experience.status.rawValue))"))
            Output.warn(early)
            try ReflectionSession.offerAfterEnding(stored, ledger: ledger, ask: reflect)
        }
    }
}
