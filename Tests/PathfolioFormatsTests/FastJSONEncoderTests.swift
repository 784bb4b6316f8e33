import Foundation
@testable import PathfolioCore
import Testing

/// `FastJSONEncoder` must write exactly what `JSONEncoder` writes: revision snapshots are
/// hashed (a changed byte breaks every ledger's `verify`), and `--json` output is a contract.
@Suite struct FastJSONEncoderTests {
    /// The two configurations the project uses: snapshots and `--json`.
    static func foundation(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        if pretty { encoder.dateEncodingStrategy = .iso8601 }
        return encoder
    }

    static func fast(pretty: Bool) -> FastJSONEncoder {
        FastJSONEncoder(prettyPrinted: pretty, dates: pretty ? .iso8601 : .deferredToDate)
    }

    func expectSame<T: Encodable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for pretty in [false, true] {
            // Bytes, not strings: `String ==` would let canonically equal text pass.
            let expected = Array(try Self.foundation(pretty: pretty).encode(value))
            let actual = Array(try Self.fast(pretty: pretty).encode(value))
            #expect(actual == expected, "pretty: \(pretty): \(String(decoding: actual, as: UTF8.self))", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: 0..<40)
    func generatedPortfoliosEncodeByteForByte(seed: Int) throws {
        var generator = PortfolioGenerator(seed: UInt64(seed) &* 7919 &+ 17)
        let portfolio = generator.portfolio(experiences: 1 + seed % 15)
        try expectSame(portfolio)
        // One record at a time, as the ledger snapshots them.
        try expectSame(portfolio.person)
        for organization in portfolio.organizations { try expectSame(organization) }
        for experience in portfolio.experiences { try expectSame(experience) }
        for link in portfolio.links { try expectSame(link) }
        for reflection in portfolio.reflections { try expectSame(reflection) }
    }

    /// Experiences, links and reflections are built as value trees directly, keys already in order, so the writer
    /// does not sort them; a key out of order would make it sort (still the right bytes).
    @Test(arguments: 0..<10)
    func builtExperienceTreesNeedNoSorting(seed: Int) throws {
        var generator = PortfolioGenerator(seed: UInt64(seed) &+ 101)
        for experience in generator.portfolio(experiences: 12).experiences {
            guard case .object(let box) = try experience.jsonNode(dates: .deferredToDate) else {
                Issue.record("not an object")
                continue
            }
            #expect(box.isSorted)
            for entry in box.entries {
                if case .object(let nested) = entry.value, entry.key == "period" { #expect(nested.isSorted) }
            }
        }
        let portfolio = generator.portfolio(experiences: 12)
        for node in portfolio.links.map(\.jsonNode) + portfolio.reflections.map(\.jsonNode) {
            guard case .object(let box) = node else { Issue.record("not an object"); continue }
            #expect(box.isSorted)
        }
        let box = JSONObjectBox(sorted: true)
        box.set("b", .null)
        box.set("a", .null)
        #expect(!box.isSorted)
    }

    @Test func everyControlCharacterQuoteBackslashAndSlash() throws {
        let controls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        try expectSame([controls, "\"quoted\" \\ back/slash </script>", "\u{7F}\u{85}\u{2028}\u{2029}", "", "한글 🇰🇷 👩🏽‍💻 مرحبا"])
        try expectSame(["key\n\"with\"/escapes": "value", "한": "Hangul key", "": "empty key"])
    }

    @Test func keysSortByTheirUTF8Bytes() throws {
        // Case, digits, accents, Hangul and a prefix: byte order, not a locale's.
        let keys = ["b", "B", "a10", "a2", "a", "Z", "é", "e", "한", "가", "_x", "aB", "ab", "a-b", "😀"]
        try expectSame(Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) }))
    }

    /// The writer remembers the key order of the last object with as many keys; keys that are
    /// canonically equal but not the same bytes sort apart and must not share it.
    @Test func objectsInARowWithCanonicallyEqualKeysSortByTheirOwnBytes() throws {
        try expectSame(CanonicalTwins())
        try expectSame([["\u{E9}": 1, "f": 2], ["e\u{301}": 1, "f": 2], ["\u{E9}": 3, "f": 4], ["f": 5, "g": 6]])
        try expectSame([["\u{AC00}": 1, "z": 2], ["\u{1100}\u{1161}": 1, "z": 2]])
        // The same keys in another order in the source, and optional keys left out.
        try expectSame([Sparse(a: 1, b: nil, c: 3), Sparse(a: nil, b: 2, c: 3), Sparse(a: 1, b: 2, c: nil), Sparse(a: 1, b: nil, c: 3)])
    }

    /// Two objects written one after the other, in a known order, whose keys differ only in
    /// their normalization (`é` one scalar, then two).
    struct CanonicalTwins: Encodable {
        struct Composed: Encodable {
            var acute = 1, f = 2
            enum CodingKeys: String, CodingKey { case acute = "\u{E9}", f }
        }
        struct Decomposed: Encodable {
            var acute = 1, f = 2
            enum CodingKeys: String, CodingKey { case acute = "e\u{301}", f }
        }
        var first = Composed()
        var second = Decomposed()
    }

    struct Sparse: Encodable {
        var a: Int?
        var b: Int?
        var c: Int?
        enum CodingKeys: String, CodingKey { case c, a, b }
    }

    @Test func numbersAndDates() throws {
        try expectSame([0, 1, -1, 40, 0.5, -3.25, 1e20, 1e-7, 123_456_789.125, 0.1 + 0.2, 1e300, Double.leastNonzeroMagnitude])
        try expectSame([Int.min, Int.max, 0])
        try expectSame([Int64.min, 42])
        try expectSame([Decimal(string: "12.50")!, Decimal(3)])
        try expectSame(Widths(float: 1.5, whole: 3, int8: -8, int16: 16, int32: -32, uint: 7, uint8: 255, uint16: 16, uint32: 32, uint64: .max))
        try expectSame([Float(0.1), 2, -0.25, .greatestFiniteMagnitude])
        let dates = [0, 1, -1, 1.5, -86_400.25, 700_000_000.999, 1_700_000_000, -2_000_000_000, 2_000_000_000.5, 4_102_444_800,
                     -62_135_596_800, 253_402_300_799].map(Date.init(timeIntervalSince1970:))
        try expectSame(dates)
        var seed = SplitMix64(seed: 99)
        try expectSame((0..<500).map { _ in Date(timeIntervalSince1970: Double(Int64(seed.next() % 8_000_000_000) - 2_000_000_000) / 3) })
    }

    @Test func nonFiniteNumbersAreRefusedLikeJSONEncoder() {
        for value in [Double.nan, .infinity, -.infinity] {
            #expect(throws: EncodingError.self) { try JSONEncoder().encode([value]) }
            #expect(throws: EncodingError.self) { try FastJSONEncoder().encode([value]) }
        }
    }

    @Test func urlDataOptionalsAndEmptyContainers() throws {
        try expectSame([URL(string: "https://example.org/a b?x=1")!, URL(fileURLWithPath: "/tmp/증빙 파일.pdf")])
        try expectSame(Data("한글 bytes".utf8))
        try expectSame([nil, "a", nil] as [String?])
        try expectSame(Nested(list: [], map: [:], inner: [[], [[:]]], optional: nil, flag: true))
        try expectSame(Nested(list: ["x"], map: ["k": [1, 2]], inner: [[["a": "b"]]], optional: 2.5, flag: false))
        // A value that encodes nothing is `{}` inside a container and an error on its own.
        #expect(throws: EncodingError.self) { try JSONEncoder().encode(Empty()) }
        #expect(throws: EncodingError.self) { try FastJSONEncoder().encode(Empty()) }
        try expectSame([Empty(), Empty()])
    }

    @Test func containersReopenedKeysRewrittenAndSuperEncoders() throws {
        try expectSame(Layered(base: Nested(list: ["a"], map: [:], inner: [], optional: nil, flag: true), note: "extra"))
        try expectSame(WithSuper(value: "child", list: [1, 2, 3]))
    }

    struct Nested: Encodable {
        var list: [String]
        var map: [String: [Int]]
        var inner: [[[String: String]]]
        var optional: Double?
        var flag: Bool
    }

    /// Every other number type, through the synthesized `encode(to:)`.
    struct Widths: Encodable {
        var float: Float
        var whole: Float
        var int8: Int8
        var int16: Int16
        var int32: Int32
        var uint: UInt
        var uint8: UInt8
        var uint16: UInt16
        var uint32: UInt32
        var uint64: UInt64
    }

    struct Empty: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    /// Encodes a value, then adds and overwrites keys in the same container, as
    /// `ExperienceJSON` does; and opens the same nested container twice.
    struct Layered: Encodable {
        var base: Nested
        var note: String
        enum Keys: String, CodingKey { case flag, note, nested }
        enum Inner: String, CodingKey { case first, second }
        func encode(to encoder: any Encoder) throws {
            try base.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("overwritten", forKey: .flag)
            try container.encode(note, forKey: .note)
            var first = container.nestedContainer(keyedBy: Inner.self, forKey: .nested)
            try first.encode(1, forKey: .first)
            var second = container.nestedContainer(keyedBy: Inner.self, forKey: .nested)
            try second.encode(2, forKey: .second)
        }
    }

    struct WithSuper: Encodable {
        var value: String
        var list: [Int]
        enum Keys: String, CodingKey { case value, parent, items }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(value, forKey: .value)
            try list.encode(to: container.superEncoder(forKey: .parent))
            try "base".encode(to: container.superEncoder())
            var unkeyed = container.nestedUnkeyedContainer(forKey: .items)
            try unkeyed.encode("first")
            try ["in array": 1].encode(to: unkeyed.superEncoder())
            try unkeyed.encode(true)
        }
    }
}
