import Foundation
import PathfolioCore
import PathfolioFormats
import PathfolioStore
@testable import pathfolio
import Testing

/// `--json` views build their value trees directly (`JSONNodeRepresentable`); what they
/// print must be, byte for byte, what `JSONEncoder` makes of their `encode(to:)`.
struct JSONViewTests {
    static let foundation: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    @Test(arguments: [4, 23] as [UInt64])
    func experienceAndPathViewsPrintWhatJSONEncoderWrites(seed: UInt64) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        var generator = PortfolioGenerator(seed: seed)
        let generated = (0..<6).map { generator.portfolio(index: $0).portfolio }
        let file = cli.directory.appendingPathComponent("people.xml")
        try Data(PortfolioXML.write(collection: generated, audience: .self).utf8).write(to: file)
        #expect(try cli.run(["import", file.path]).status == 0)
        let ledger = try Ledger.open(at: cli.store)
        let (stored, portfolios) = try ledger.read { tx in (try tx.experiences(matching: ExperienceFilter()), try tx.portfolios()) }
        #expect(stored.count > 10)

        // Experiences with and without their reflections and links, deleted ones too.
        var views = stored.map { ExperienceJSON(stored: $0) }
        for (index, item) in stored.enumerated() {
            let portfolio = portfolios.first { $0.person.id == item.personID }
            var view = ExperienceJSON(stored: item, reflections: portfolio?.reflections(on: item.id) ?? [],
                                      links: portfolio?.links.filter { $0.from == item.id } ?? [])
            if index % 3 == 0 { view.stored.deletedAt = Date(timeIntervalSince1970: 1_790_000_000 + Double(index)) }
            if index % 4 == 0 { view.stored.organization = nil }
            views.append(view)
        }
        #expect(try Output.jsonEncoder.encode(views) == [UInt8](Self.foundation.encode(views)))
        #expect(try Output.jsonEncoder.encode(views[0]) == [UInt8](Self.foundation.encode(views[0])))

        // Path lines: every optional present and absent, links and none, repeated or not.
        let lines = stored.enumerated().map { index, item in
            Pathfolio.PathCommand.Line(
                id: item.id, depth: index % 5, parent: index % 2 == 0 ? nil : stored[(index + 1) % stored.count].id,
                via: index % 3 == 0 ? nil : LinkType.allCases[index % LinkType.allCases.count],
                kind: item.experience.kind, status: item.experience.status, title: item.experience.title,
                organization: index % 4 == 0 ? nil : item.organization?.name ?? "주식회사 \"데이터\"/랩",
                period: item.experience.period,
                alsoLinked: portfolios.flatMap(\.links).filter { $0.from == item.id },
                repeated: index % 7 == 0)
        }
        #expect(try Output.jsonEncoder.encode(lines) == [UInt8](Self.foundation.encode(lines)))

        // Written out as it is made (`path --json`, each line as the walk reaches it, or a
        // list of them): more than a mebibyte comes in pieces, each a whole number of steps,
        // and together they are the same bytes; so is no step. The walk's `encode(to:)`
        // gives `JSONEncoder` the same array.
        let many = (0..<(3 << 20) / 200).map { lines[$0 % lines.count] }
        let expected = try Self.foundation.encode(many)
        let streamed = Pathfolio.PathCommand.StreamedLines { emit in try many.forEach(emit) }
        #expect(try Self.foundation.encode(streamed) == expected)
        for write in [{ try Output.jsonEncoder.write(many, to: $0) }, { try Output.jsonEncoder.write(streamed, to: $0) }]
            as [(@escaping (UnsafeRawBufferPointer) -> Void) throws -> Void] {
            var pieces: [[UInt8]] = []
            try write { pieces.append(Array($0)) }
            #expect(pieces.count > 2)
            #expect(pieces.dropLast().allSatisfy { $0.count >= 1 << 20 && $0.last == UInt8(ascii: "}") })
            #expect(pieces.joined().elementsEqual(expected))
        }
        let emptyWalk = Pathfolio.PathCommand.StreamedLines { _ in }
        for value in [try Output.jsonEncoder.encode([Pathfolio.PathCommand.Line]()), try Output.jsonEncoder.encode(emptyWalk)] {
            #expect(value == [UInt8](try Self.foundation.encode([Pathfolio.PathCommand.Line]())))
        }
        #expect(try Self.foundation.encode(emptyWalk) == Self.foundation.encode([Pathfolio.PathCommand.Line]()))
    }

    /// `path` draws at most `drawnLevels` levels of the tree before a line: a chain of
    /// 100,000 steps drawn in full was 15 GB, built in memory. Shallower lines are drawn as
    /// ever; deeper ones start with `⋯` and the levels nearest them.
    @Test func aDeepPathIsDrawnInBoundedWidth() {
        let count = 20_000
        let lines = (0..<count).map { depth in
            Pathfolio.PathCommand.Line(
                id: ExperienceID(rawValue: String(format: "c%07d", depth)), depth: depth,
                parent: depth == 0 ? nil : ExperienceID(rawValue: String(format: "c%07d", depth - 1)),
                via: depth == 0 ? nil : .ledTo, kind: .job, status: .completed, title: "단계 \(depth)",
                organization: nil, period: Period(), alsoLinked: [], repeated: false)
        }
        let drawn = Pathfolio.PathCommand.render(lines, focus: nil).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(drawn.count == count)
        let levels = Pathfolio.PathCommand.drawnLevels
        for depth in [1, 2, levels, levels + 1] {
            #expect(drawn[depth].hasPrefix(String(repeating: " ", count: 3 * (depth - 1)) + "└─→ ● "), "\(drawn[depth])")
        }
        for depth in [levels + 2, 500, count - 1] {
            #expect(drawn[depth].hasPrefix("⋯ " + String(repeating: " ", count: 3 * levels) + "└─→ ● "), "\(drawn[depth])")
        }
        #expect(drawn.allSatisfy { $0.utf8.count < 3 * levels + 80 })
    }
}
