import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioStore

extension Pathfolio {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change an experience's fields.",
            discussion: """
                Options set fields; --skill, --tag, --highlight and --evidence add to lists.

                --remove-skill, --remove-tag, --remove-highlight and --remove-evidence take items \
                out, and --clear FIELD empties a field (role, location, start, end, summary, \
                organization, highlights, skills, tags, evidence, details).

                Every edit is a new revision: `pathfolio history ID` shows it and \
                `pathfolio restore ID --revision N` undoes it.
                """).parsedAlone

        @OptionGroup var store: StoreOptions
        @Argument(help: "An experience ID or unique prefix.") var id: String
        @Option(help: "Change the kind (kind-specific fields must fit the new kind).") var kind: ExperienceKind?
        @OptionGroup var fields: ExperienceOptions

        @Option(name: .customLong("remove-skill"), help: ArgumentHelp("Remove a skill (repeatable).", valueName: "skill"))
        var removeSkills: [String] = []
        @Option(name: .customLong("remove-tag"), help: ArgumentHelp("Remove a tag (repeatable).", valueName: "tag"))
        var removeTags: [String] = []
        @Option(name: .customLong("remove-highlight"), help: ArgumentHelp("Remove a highlight, by its text or its number from 1 (repeatable).", valueName: "text-or-n"))
        var removeHighlights: [String] = []
        @Option(name: .customLong("remove-evidence"), help: ArgumentHelp("Remove evidence, by its title or URI (repeatable).", valueName: "title-or-uri"))
        var removeEvidence: [String] = []
        @Option(name: .customLong("clear"), help: ArgumentHelp("Empty a field (repeatable).", valueName: "field"))
        var clear: [String] = []

        @Flag(help: "Print the experience as JSON.") var json = false

        static let clearable = ["role", "location", "start", "end", "summary", "organization", "highlights",
                                "skills", "tags", "evidence", "details"]

        func validate() throws {
            for field in clear where !Self.clearable.contains(field) {
                throw ValidationError("--clear '\(field)': use one of \(Self.clearable.joined(separator: ", "))")
            }
            for (added, removed, name) in [(fields.skills, removeSkills, "skill"), (fields.tags, removeTags, "tag")] {
                let removing = Set(removed.map { $0.normalizedLine.lowercased() })
                if let both = added.first(where: { removing.contains($0.normalizedLine.lowercased()) }),
                   let removal = removed.first(where: { $0.normalizedLine.lowercased() == both.normalizedLine.lowercased() }) {
                    throw ValidationError("--\(name) '\(both)' and --remove-\(name) '\(removal)' contradict each other; give one of them")
                }
            }
        }

        func run() throws {
            let ledger = try store.open()
            var changed = true, redated = false
            let (stored, whole) = try ledger.transaction { tx in
                let id = try tx.resolveExperience(self.id)
                let before = try tx.stored(id)
                let organization: OrganizationChoice = clear.contains("organization") ? .none
                    : fields.organization.map(OrganizationChoice.named) ?? .unchanged
                let after = try tx.update(id, organization: organization) { experience in
                    if let kind { experience.kind = kind }
                    for field in clear { Self.clear(field, in: &experience) }
                    try remove(from: &experience)
                    try fields.apply(to: &experience)
                }
                changed = after.experience != before.experience
                redated = after.experience.status != before.experience.status || after.experience.period != before.experience.period
                return (after, try tx.experiencesSharingShortForms([id]))
            }
            // Said when the status or the dates change: an old record's is not news at every edit.
            defer { if redated { Output.warn(stored.experience.statusWarnings(today: Clock.today(), shown: stored.id.shown(wholeAmong: whole))) } }
            if json { return try Output.json(ExperienceJSON(stored: stored)) }
            // Whole where its first 8 characters name another experience too, as listings show it.
            let shown = Output.id(stored.id.shown(wholeAmong: whole))
            print(changed ? "Updated \(shown)  \(Describe.titled(stored))" : "Nothing changed for \(shown).")
        }

        static func clear(_ field: String, in experience: inout Experience) {
            switch field {
            case "role": experience.role = nil
            case "location": experience.location = nil
            case "start": experience.period.start = nil
            case "end": experience.period.end = nil
            case "summary": experience.summary = nil
            case "highlights": experience.highlights = []
            case "skills": experience.skills = []
            case "tags": experience.tags = []
            case "evidence": experience.evidence = []
            case "details":
                experience.job = nil
                experience.training = nil
                experience.workExperience = nil
                experience.mentoring = nil
            default: break
            }
        }

        private func remove(from experience: inout Experience) throws {
            func removeAll(_ list: inout [String], _ items: [String], option: String) throws {
                for item in items {
                    let wanted = item.normalizedLine.lowercased()
                    guard list.contains(where: { $0.lowercased() == wanted }) else {
                        throw Failure.badValue(option, "'\(item)' is not on this experience",
                                               hint: "`pathfolio show \(id)` lists what is there")
                    }
                    list.removeAll { $0.lowercased() == wanted }
                }
            }
            try removeAll(&experience.skills, removeSkills, option: "--remove-skill")
            try removeAll(&experience.tags, removeTags, option: "--remove-tag")
            var numbered: [Int] = []
            var texts: [String] = []
            for item in removeHighlights {
                if let n = Int(item) {
                    guard experience.highlights.indices.contains(n - 1) else {
                        throw Failure.badValue("--remove-highlight", "there is no highlight \(n)",
                                               hint: "highlights are numbered from 1 in the order `show` lists them")
                    }
                    numbered.append(n - 1)
                } else {
                    texts.append(item)
                }
            }
            for index in numbered.sorted(by: >) { experience.highlights.remove(at: index) }
            try removeAll(&experience.highlights, texts, option: "--remove-highlight")
            for item in removeEvidence {
                let before = experience.evidence.count
                experience.evidence.removeAll { $0.title == item.normalizedLine || $0.uri == item.trimmingWhitespace }
                if experience.evidence.count == before {
                    throw Failure.badValue("--remove-evidence", "'\(item)' is not on this experience",
                                           hint: "`pathfolio show \(id)` lists the evidence")
                }
            }
        }
    }
}
