import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioStore

extension Pathfolio {
    struct LinkCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "link",
            abstract: "Link two experiences: FROM ledTo TO, FROM partOf TO, FROM supports TO, FROM relatedTo TO.",
            discussion: """
                pathfolio link 3f9a 8c1d                   # the training led to the job
                pathfolio link 77ab 5e20 --type partOf     # the mentoring was part of the programme
                ledTo and partOf links must not form a cycle.
                """).parsedAlone

        @OptionGroup var store: StoreOptions
        @Argument(help: "The experience the link starts at.") var from: String
        @Argument(help: "The experience it points to.") var to: String
        @Option(help: "ledTo, partOf, supports or relatedTo.") var type: LinkType = .ledTo
        @Option(help: "A note on the link.") var note: String?
        @Flag(help: "Print the link as JSON.") var json = false

        func run() throws {
            let ledger = try store.open()
            let (link, fromTitle, toTitle, whole) = try ledger.transaction { tx in
                let link = Link(from: try tx.resolveExperience(from), to: try tx.resolveExperience(to), type: type, note: note)
                try tx.link(link)
                return (link, Describe.titled(try tx.stored(link.from)), Describe.titled(try tx.stored(link.to)),
                        try tx.experiencesSharingShortForms([link.from, link.to]))
            }
            if json { return try Output.json(link) }
            print("Linked \(Output.id(link.from.shown(wholeAmong: whole))) \(fromTitle)\n  ─\(link.type.rawValue)→ \(Output.id(link.to.shown(wholeAmong: whole))) \(toTitle)")
        }
    }

    struct Unlink: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unlink", abstract: "Remove the link from one experience to another.").parsedAlone

        @OptionGroup var store: StoreOptions
        @Argument(help: "The experience the link starts at.") var from: String
        @Argument(help: "The experience it points to.") var to: String
        @Option(help: "Only the link of this type (default: every link from FROM to TO).") var type: LinkType?
        @Flag(help: "Print the removed links as JSON.") var json = false

        func run() throws {
            let ledger = try store.open()
            let (removed, fromTitle, toTitle, whole) = try ledger.transaction { tx in
                let (from, to) = (try tx.resolveExperience(from), try tx.resolveExperience(to))
                let removed: [Link]
                do {
                    removed = try tx.unlink(from: from, to: to, type: type)
                } catch LedgerError.notFound(entity: "link", _) {
                    throw try noLink(from: from, to: to, in: tx)
                }
                return (removed, Describe.titled(try tx.stored(from)), Describe.titled(try tx.stored(to)),
                        try tx.experiencesSharingShortForms([from, to]))
            }
            if json { return try Output.json(removed) }
            // As `link` prints it: the two experiences by ID and title.
            for link in removed {
                print("Unlinked \(Output.id(link.from.shown(wholeAmong: whole))) \(fromTitle)\n  ─\(link.type.rawValue)→ \(Output.id(link.to.shown(wholeAmong: whole))) \(toTitle)")
            }
        }

        /// No link goes from `from` to `to`: named at `from`, with the command that removes
        /// the one going the other way when there is one.
        private func noLink(from: ExperienceID, to: ExperienceID, in tx: Ledger.Transaction) throws -> Failure {
            let links = try tx.links(of: try tx.stored(from).personID)
            let reversed = links.contains { $0.from == to && $0.to == from && (type == nil || $0.type == type) }
            let typed = type.map { " of type \($0.rawValue)" } ?? ""
            let whole = try tx.experiencesSharingShortForms([from, to])
            let (fromShown, toShown) = (from.shown(wholeAmong: whole), to.shown(wholeAmong: whole))
            return Failure(.notFound, "no link\(typed) goes from it to \(toShown)",
                           hint: reversed ? "the link goes the other way: pathfolio unlink \(toShown) \(fromShown)"
                                          : "`pathfolio show \(fromShown)` lists the experience's links",
                           errorCode: "reference.notFound", at: .record("experience", from.rawValue))
        }
    }
}
