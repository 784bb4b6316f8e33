import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioStore

extension Pathfolio {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an experience with its links and reflections.").parsedAlone

        @OptionGroup var store: StoreOptions
        @Argument(help: "An experience ID or unique prefix.") var id: String
        @Flag(help: "Print the experience as JSON.") var json = false

        func run() throws {
            let ledger = try store.open()
            let (stored, links, reflections, titles, whole, revisions) = try ledger.read { tx in
                let id = try tx.resolveExperience(self.id, includeDeleted: true)
                let stored = try tx.stored(id)
                let links = try tx.links(touching: id)
                var titles: [ExperienceID: String] = [:]
                for link in links {
                    for end in [link.from, link.to] where end != id { titles[end] = Describe.titled(try tx.stored(end)) }
                }
                let revisions = try tx.history(of: RecordReference(.experience, id.rawValue))
                return (stored, links, try tx.reflections(on: id), titles, try tx.experiencesSharingShortForms(Array(titles.keys) + [id]), revisions)
            }
            if json {
                try Output.json(ExperienceJSON(stored: stored, reflections: reflections, links: links))
            } else {
                print(Self.render(stored, links: links, reflections: reflections, titles: titles, whole: whole, revisions: revisions))
            }
            try Output.finish(closing: ledger, keeping: stored, links, reflections, titles, whole, revisions)
        }

        static func render(_ stored: StoredExperience, links: [Link], reflections: [Reflection],
                           titles: [ExperienceID: String], whole: Set<ExperienceID>, revisions: [Revision]) -> String {
            let e = stored.experience
            var lines: [String] = [Output.bold(e.title) + (stored.deletedAt != nil ? "  (deleted)" : "")]
            lines.append([e.kind.rawValue, e.status.rawValue, Describe.period(e.period), e.visibility.rawValue].joined(separator: " · "))
            var rows: [[String]] = [["ID", e.id.rawValue]]
            if let organization = stored.organization { rows.append(["Organization", organization.name]) }
            if let role = e.role { rows.append(["Role", role]) }
            if let location = e.location { rows.append(["Location", location]) }
            for (name, date) in [("Start label", e.period.start?.label), ("End label", e.period.end?.date?.label)] {
                if let date { rows.append([name, date]) }
            }
            if let type = e.job?.employmentType { rows.append(["Employment", type.rawValue]) }
            if let training = e.training {
                if let hours = training.hours {
                    rows.append(["Hours", hours == hours.rounded() ? String(Int(hours)) : String(hours)])
                }
                if let credential = training.credential { rows.append(["Credential", credential]) }
                if let code = training.courseCode { rows.append(["Course code", code]) }
                if let code = training.ncsCode { rows.append(["NCS code", code]) }
                if let funding = training.funding { rows.append(["Funding", funding]) }
            }
            if let programme = e.workExperience?.programme { rows.append(["Programme", programme]) }
            if let sponsor = e.workExperience?.sponsor { rows.append(["Sponsor", sponsor]) }
            if let role = e.mentoring?.role { rows.append(["Mentoring", role.rawValue]) }
            if let counterpart = e.mentoring?.counterpart { rows.append(["Counterpart", counterpart]) }
            if !e.skills.isEmpty { rows.append(["Skills", e.skills.joined(separator: ", ")]) }
            let gained = reflections.flatMap(\.skillsGained).filter { !e.skills.contains($0) }
            if !gained.isEmpty { rows.append(["Skills gained", gained.normalizedUniqueLines.joined(separator: ", ")]) }
            if !e.tags.isEmpty { rows.append(["Tags", e.tags.joined(separator: ", ")]) }
            lines.append(Output.table(rows))
            if let summary = e.summary {
                lines.append("")
                lines.append(summary)
            }
            if !e.highlights.isEmpty {
                lines.append("")
                lines.append(Output.bold("Highlights"))
                lines += e.highlights.map { "  • " + $0.replacingOccurrences(of: "\n", with: "\n    ") }
            }
            if !e.evidence.isEmpty {
                lines.append("")
                lines.append(Output.bold("Evidence"))
                for item in e.evidence {
                    var line = "  • \(item.title)"
                    if item.uri != item.title { line += " — \(item.uri)" }
                    if let sha = item.sha256 { line += Output.dim("  sha256:\(sha.prefix(12))…") }
                    lines.append(line)
                }
            }
            if !links.isEmpty {
                lines.append("")
                lines.append(Output.bold("Links"))
                var linkRows: [[String]] = []
                for link in links {
                    let outgoing = link.from == e.id
                    let other = outgoing ? link.to : link.from
                    let phrase = outgoing ? "→ \(link.type.rawValue)" : "← \(link.type.rawValue) from"
                    var title = titles[other] ?? ""
                    if let note = link.note { title += Output.dim("  (\(note))") }
                    linkRows.append(["  " + phrase, Output.id(other.shown(wholeAmong: whole)), title])
                }
                lines.append(Output.table(linkRows))
            }
            if !reflections.isEmpty {
                lines.append("")
                lines.append(Output.bold("Reflections (\(reflections.count))"))
                for reflection in reflections {
                    var header = "  \(reflection.written) \(reflection.kind.rawValue)"
                    if let rating = reflection.rating { header += " · rating \(rating)/5" }
                    if let outcome = reflection.outcome { header += " · \(outcome.rawValue)" }
                    header += " · \(reflection.visibility.rawValue)  " + Output.id(reflection.id.short)
                    lines.append(header)
                    for entry in reflection.entries where !entry.answer.isEmpty {
                        lines.append("    " + Output.bold(entry.prompt))
                        lines += entry.answer.lines.map { "      " + $0 }
                    }
                    if !reflection.skillsGained.isEmpty {
                        lines.append("    Skills gained: " + reflection.skillsGained.joined(separator: ", "))
                    }
                }
            }
            if let last = revisions.last {
                lines.append("")
                lines.append(Output.dim("\(revisions.count) revision\(revisions.count == 1 ? "" : "s"), last \(Clock.localTimeText(last.at)) by \(last.actor) — pathfolio history \(e.id.shown(wholeAmong: whole))"))
            }
            return lines.joined(separator: "\n")
        }
    }
}
