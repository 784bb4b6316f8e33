import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioStore

extension Pathfolio {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "Show every revision of an experience, person or reflection: who changed what, when, and from what.",
            discussion: "Bring back an earlier version with `pathfolio restore ID --revision N`.").parsedAlone

        @OptionGroup var store: StoreOptions
        @Argument(help: "An ID or unique prefix (KIND:ID, such as person:1, where records of two kinds share the ID).") var id: String
        @Flag(help: "Print the revisions as JSON.") var json = false

        func run() throws {
            let ledger = try store.open()
            let revisions = try ledger.history(of: id)
            var previousByRecord: [RecordReference: Revision] = [:]
            var views: [RevisionJSON] = []
            for revision in revisions {
                let previous = previousByRecord[revision.record]
                views.append(RevisionJSON(revision: revision, changes: revision.changes(since: previous)))
                if revision.snapshot != nil { previousByRecord[revision.record] = revision }
            }
            if json { return try Output.json(views) }
            // Each ID as the user can type it back: whole where its short form names another
            // record too.
            let shownIDs = try ledger.read { tx -> [String: String] in
                var shown: [String: String] = [:]
                for revision in revisions {
                    let ids = revision.entity == .link ? Self.linkEnds(revision.entityID) : [revision.entityID]
                    for id in ids where shown[id] == nil {
                        shown[id] = tx.typedID(id)
                    }
                }
                return shown
            }
            // Numbers and actors padded to the widest, so the columns line up past #9 (and
            // with actors' names of any length, Hangul counted as two cells).
            let numberWidth = views.map { "#\($0.revision.id)".count }.max() ?? 0
            let actorWidth = views.map { $0.revision.actor.visibleWidth }.max() ?? 0
            func padded(_ text: String, _ width: Int, _ used: Int) -> String {
                text + String(repeating: " ", count: max(0, width - used))
            }
            for view in views {
                let revision = view.revision
                let subject = revision.entity == .link ? "link \(Self.describeLink(revision.entityID, shownIDs))"
                                                       : "\(revision.entity.rawValue) \(shownIDs[revision.entityID] ?? String(revision.entityID.prefix(8)))"
                let number = "#\(revision.id)"
                print(padded(Output.bold(number), numberWidth, number.count) + "  \(Clock.localTimeText(revision.at))  "
                      + padded(revision.actor, actorWidth, revision.actor.visibleWidth) + "  \(revision.action.rawValue) \(subject)")
                if revision.action == .purge {
                    print("    (erased for good)")
                    continue
                }
                if revision.snapshot == nil {
                    print("    (content purged)")
                    continue
                }
                guard revision.action == .update || revision.action == .restore else { continue }
                for change in view.changes {
                    print("    \(change.field): \(Self.quote(change.before)) → \(Self.quote(change.after))")
                }
            }
        }

        static func quote(_ value: String?) -> String {
            guard let value else { return "—" }
            // Values are JSON text: strings keep their quotes, lists their brackets.
            return value.truncated(to: 60)
        }

        static func describeLink(_ key: String, _ shown: [String: String] = [:]) -> String {
            let parts = key.split(separator: ":").map(String.init)
            guard parts.count == 3 else { return key }
            return "\(shown[parts[0]] ?? String(parts[0].prefix(8))) ─\(parts[1])→ \(shown[parts[2]] ?? String(parts[2].prefix(8)))"
        }

        /// The two experiences of a link's key (`from:type:to`), or none.
        static func linkEnds(_ key: String) -> [String] {
            let parts = key.split(separator: ":").map(String.init)
            return parts.count == 3 ? [parts[0], parts[2]] : []
        }
    }
}
