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
            let (stored, whole, before) = try ledger.transaction { tx in
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
                return (stored, try tx.experiencesSharingShortForms([id]), current)
            }
            // An end (or a start) after today is kept as given (a course's last day, entered
            // ahead), and said, with the edit that puts back what was there before.
            let early = stored.experience.statusWarnings(today: Clock.today()).map { warning in
                var warning = warning
                warning.hint = "if it has not ended, undo this: " + Self.undo(stored.id.shown(wholeAmong: whole), before)
                return warning
            }
            if json {
                try Output.json(ExperienceJSON(stored: stored))
                return Output.warn(early)
            }
            print("Ended \(Output.id(stored.id.shown(wholeAmong: whole)))  \(Describe.titled(stored))  "
                + Output.dim("(\(Describe.period(stored.experience.period)), \(stored.experience.status.rawValue))"))
            Output.warn(early)
            // Nothing to look back on yet: asked for again once it has ended (`due` lists it).
            try ReflectionSession.offerAfterEnding(stored, ledger: ledger, ask: early.isEmpty ? reflect : reflect ?? false)
        }

        /// The `edit` that gives the experience back the status and end it had before.
        static func undo(_ shown: String, _ before: Experience) -> String {
            var words = ["pathfolio", "edit", shown, "--status", before.status.rawValue]
            switch before.period.end {
            case .ongoing?: words.append("--ongoing")
            case .date(let date)?:
                if let iso = date.isoString { words += ["--end", iso] }
                if let label = date.label { words += ["--end-label", ReflectionSession.shellWord(label)] }
            case nil: words += ["--clear", "end"]
            }
            return words.joined(separator: " ")
        }
    }
}
