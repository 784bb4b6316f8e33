import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioStore

extension Pathfolio {
    struct PathCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "path",
            abstract: "Show the career as a tree: what led to what, and what was part of what.",
            discussion: """
                Without an ID: the whole path, each line of experiences from its first step,
                planned next steps included. With an ID: what led up to it and what it led to.
                Marks: ● completed  ◐ ongoing  ○ planned  ◌ discontinued; → ledTo, ⊂ partOf.
                A line deeper than 40 levels draws the 40 nearest it after ⋯ (--json has every
                depth).
                """).parsedAlone

        @OptionGroup var store: StoreOptions
        @Argument(help: "Walk from this experience only.") var id: String?
        @Flag(help: "Print the walk as JSON.") var json = false

        struct Line: Encodable {
            var id: ExperienceID
            var depth: Int
            var parent: ExperienceID?
            var via: LinkType?
            var kind: ExperienceKind
            var status: ExperienceStatus
            var title: String
            var organization: String?
            var period: Period
            /// `supports` and `relatedTo` links from this experience.
            var alsoLinked: [Link]
            var repeated: Bool
        }

        func run() throws {
            let ledger = try store.open()
            if json {
                // Each step is written as the walk reaches it (a chain can be 100,000 steps
                // long); what to walk is found first, so a wrong ID prints nothing.
                try ledger.read { tx in
                    let (person, focus) = try target(tx)
                    try Output.json(StreamedLines { try Self.lines(tx, person: person, focus: focus, $0) })
                }
                try Output.finish(closing: ledger)
            }
            let (person, lines, focus, whole) = try ledger.read { tx -> (Person, [Line], ExperienceID?, Set<ExperienceID>) in
                let (person, focus) = try target(tx)
                var lines: [Line] = []
                try Self.lines(tx, person: person, focus: focus) { lines.append($0) }
                // What the drawing names each experience by.
                let whole = try tx.experiencesSharingShortForms(lines.map(\.id) + lines.flatMap { $0.alsoLinked.map(\.to) })
                return (person, lines, focus, whole)
            }
            guard !lines.isEmpty else {
                print("No experiences yet. Add one with: pathfolio add job --title \"…\"")
                return
            }
            print(Output.bold(person.name) + Output.dim(focus.map { " — path through \($0.shown(wholeAmong: whole))" } ?? " — career path"))
            print(Self.render(lines, focus: focus, whole: whole))
            try Output.finish(closing: ledger, keeping: person, lines, whole)
        }

        /// Whose path to walk, and from which experience (`nil`: the whole path).
        private func target(_ tx: Ledger.Transaction) throws -> (Person, ExperienceID?) {
            guard let id else { return (try tx.person(matching: store.person), nil) }
            let target = try tx.resolveExperience(id)
            return (try tx.person(try tx.stored(target).personID), target)
        }

        /// Hands `body` the lines of the path, in order, each as the walk reaches it.
        static func lines(_ tx: Ledger.Transaction, person: Person, focus: ExperienceID?, _ body: (Line) throws -> Void) throws {
            let alsoLinked = Dictionary(grouping: try tx.links(of: person.id, types: Set(LinkType.allCases.filter { !$0.isAcyclic })), by: \.from)
            var seen = Set<ExperienceID>()
            func emit(_ step: PathStep, _ heading: ExperienceHeading) throws {
                let repeated = !seen.insert(step.experienceID).inserted
                try body(Line(id: step.experienceID, depth: step.depth, parent: step.parent, via: step.via,
                              kind: heading.kind, status: heading.status, title: heading.title,
                              organization: heading.organization, period: heading.period,
                              alsoLinked: repeated ? [] : alsoLinked[step.experienceID] ?? [],
                              repeated: repeated))
            }
            guard let focus else { return try tx.careerPath(of: person.id, each: emit) }
            // Ancestors, outermost first, as one chain of depth 0…n, then the descendants.
            var up: [PathStep] = []
            var headings: [ExperienceID: ExperienceHeading] = [:]
            try tx.walk(from: focus, .ancestors) { step, heading in
                up.append(step)
                headings[step.experienceID] = heading
            }
            let chain = Self.chain(to: focus, ancestors: up)
            for (index, step) in chain.enumerated() {
                let heading = try headings[step.id] ?? ExperienceHeading(tx.stored(step.id))
                try emit(PathStep(experienceID: step.id, depth: index, parent: index == 0 ? nil : chain[index - 1].id, via: step.via), heading)
            }
            let base = chain.count - 1
            try tx.walk(from: focus, .descendants) { step, heading in
                guard step.depth > 0 else { return }  // the focus, drawn last in the chain
                try emit(PathStep(experienceID: step.experienceID, depth: step.depth + base, parent: step.parent, via: step.via), heading)
            }
        }

        /// A walk's lines as one JSON array, each written as the walk reaches it: `path
        /// --json` of a chain of 100,000 steps held every step, and every heading of the
        /// person in a table, before writing the first (BENCHMARKS.md, seventeenth round).
        struct StreamedLines: JSONStreamable {
            let walk: ((Line) throws -> Void) throws -> Void

            func writeJSON(into writer: inout JSONNodeWriter) throws {
                writer.beginArray()
                try walk { line in
                    writer.nextElement()
                    line.writeJSON(into: &writer)
                    writer.flushIfFull()
                }
                writer.endArray()
            }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.unkeyedContainer()
                try walk { try container.encode($0) }
            }
        }

        /// The ancestors that lead to `target` along one route: the longest chain upward.
        static func chain(to target: ExperienceID, ancestors: [PathStep]) -> [(id: ExperienceID, via: LinkType?)] {
            // Steps are depth first from the target; the deepest step is the oldest ancestor.
            guard let deepest = ancestors.max(by: { $0.depth < $1.depth }) else { return [(target, nil)] }
            struct Place: Hashable { var id: ExperienceID; var depth: Int }
            // The first step at each place, found once (a walk can be 100,000 steps long).
            var first: [Place: PathStep] = [:]
            for step in ancestors where first[Place(id: step.experienceID, depth: step.depth)] == nil {
                first[Place(id: step.experienceID, depth: step.depth)] = step
            }
            var chain: [(ExperienceID, LinkType?)] = []
            var current: PathStep? = deepest
            var viaIntoNext: LinkType? = nil
            while let step = current {
                chain.append((step.experienceID, viaIntoNext))
                viaIntoNext = step.via
                current = step.parent.flatMap { parent in first[Place(id: parent, depth: step.depth - 1)] }
            }
            return chain
        }

        /// How many levels of the tree a line draws at most: deeper lines draw the levels
        /// nearest them after a `⋯`. Each level is three columns, so a chain of 100,000 steps
        /// drawn in full would print 15 GB (it did, building it in memory until the machine
        /// ran out).
        static let drawnLevels = 40

        /// Each experience is named as the user can type it back: short, or whole where `whole`
        /// holds it (its short form names another too).
        static func render(_ lines: [Line], focus: ExperienceID?, whole: Set<ExperienceID> = []) -> String {
            // Written as bytes, a line of pieces at a time (appending `String`s cost 480
            // instructions a piece).
            var output: [UInt8] = []
            output.reserveCapacity(lines.count * 96)
            func write(_ pieces: String...) {
                if !output.isEmpty { output.append(UInt8(ascii: "\n")) }
                for piece in pieces { output.append(contentsOf: piece.utf8) }
            }
            // Whether each line is the last of its siblings, to draw the tree: from the end,
            // per depth, whether a later line at that depth comes before any shallower one
            // (one pass; looking ahead from each line was quadratic on a long chain).
            var isLast = Array(repeating: true, count: lines.count)
            var laterAtDepth: [Bool] = []
            for index in lines.indices.reversed() {
                let depth = lines[index].depth
                if laterAtDepth.count > depth + 1 { laterAtDepth.removeLast(laterAtDepth.count - depth - 1) }
                while laterAtDepth.count <= depth { laterAtDepth.append(false) }
                isLast[index] = !laterAtDepth[depth]
                laterAtDepth[depth] = true
            }
            var open: [Bool] = []  // per depth: whether the line at that depth has later siblings
            // The levels `1..<depth` of the tree as drawn before a line, the farthest beyond
            // `drawnLevels` left out.
            func levels(below depth: Int) -> String {
                guard depth > 1 else { return "" }
                let first = max(1, depth - drawnLevels)
                return (first > 1 ? "⋯ " : "") + open[first..<depth].map { $0 ? "│  " : "   " }.joined()
            }
            var skipDeeperThan: Int?
            for (index, line) in lines.enumerated() {
                if let limit = skipDeeperThan {
                    if line.depth > limit { continue }
                    skipDeeperThan = nil
                }
                if line.depth == 0, index > 0 { output.append(UInt8(ascii: "\n")) }
                if open.count > line.depth { open.removeLast(open.count - line.depth) }
                var prefix = ""
                if line.depth > 0 {
                    prefix = levels(below: min(line.depth, open.count))
                    prefix += isLast[index] ? "└─" : "├─"
                    prefix += line.via == .partOf ? "⊂ " : "→ "
                }
                open.append(!isLast[index])
                let mark = line.status.mark
                var text = "\(mark) \(Describe.period(line.period))  \(line.kind.rawValue)  \(line.title)"
                if let organization = line.organization { text += " · \(organization)" }
                if line.status == .planned { text += "  (planned)" }
                let reference = line.id.shown(wholeAmong: whole)
                let idText = Output.id(reference)
                if line.repeated {
                    write(prefix, Output.dim("\(mark) \(line.title) — see \(reference) above"))
                    skipDeeperThan = line.depth
                    continue
                }
                let styled = line.id == focus ? Output.bold(text) : text
                write(prefix, styled, "  ", idText)
                let continuation = (line.depth > 0 ? levels(below: open.count - 1) + (isLast[index] ? "   " : "│  ") : "") + "   "
                for link in line.alsoLinked {
                    write(continuation, Output.dim("↳ \(link.type.rawValue) \(link.to.shown(wholeAmong: whole))"))
                }
            }
            return String(decoding: output, as: UTF8.self)
        }
    }
}

extension Pathfolio.PathCommand.Line: JSONStreamable {
    /// What the synthesized `encode(to:)` gives, written straight into the output: a walk
    /// prints one a step, and building a value tree for each was half of `path --json`.
    func writeJSON(into writer: inout JSONNodeWriter) {
        // Keys in UTF-8 byte order, each once.
        writer.beginObject()
        writer.field("alsoLinked")
        writer.beginArray()
        for link in alsoLinked {
            writer.nextElement()
            writer.write(link.jsonNode)
        }
        writer.endArray()
        writer.field("depth"); writer.number(depth)
        writer.field("id"); writer.string(id.rawValue)
        writer.field("kind"); writer.string(kind.rawValue)
        if let organization { writer.field("organization"); writer.string(organization) }
        if let parent { writer.field("parent"); writer.string(parent.rawValue) }
        writer.field("period"); period.writeJSON(into: &writer)
        writer.field("repeated"); writer.bool(repeated)
        writer.field("status"); writer.string(status.rawValue)
        writer.field("title"); writer.string(title)
        if let via { writer.field("via"); writer.string(via.rawValue) }
        writer.endObject()
    }
}
