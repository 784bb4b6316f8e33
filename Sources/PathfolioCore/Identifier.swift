/// A stable identifier of one kind of record.
///
/// Identifiers never change once given, so a portfolio exported, imported elsewhere and
/// imported back meets itself again. New ones are 32 lowercase hex digits from
/// ``IDGenerator``; imported ones may be any 1–64 characters of `A–Z a–z 0–9 . _ -`
/// starting with a letter or digit.
///
/// People see them short, like git: the first ``shortLength`` characters, and any unique
/// prefix is accepted.
public struct Identifier<Entity>: Sendable, Hashable, Comparable, Codable, RawRepresentable,
    CustomStringConvertible, ExpressibleByStringLiteral
{
    public let rawValue: String

    /// Wraps a raw identifier without checking it; see ``isWellFormed(_:)``.
    public init(rawValue: String) { self.rawValue = rawValue }

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// How many characters people see.
    public static var shortLength: Int { 8 }

    /// The first ``shortLength`` characters.
    public var short: String {
        // IDs are ASCII: there the first characters are the first bytes, unless a CR is among
        // them (CR LF is one character). Counting characters costs ~950 instructions an ID.
        let length = Self.shortLength
        let cut = rawValue.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard bytes.prefix(length + 1).allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
            return bytes.count <= length ? rawValue : String(decoding: UnsafeBufferPointer(rebasing: bytes.prefix(length)), as: UTF8.self)
        }
        return cut.flatMap { $0 } ?? String(rawValue.prefix(length))
    }

    public var description: String { rawValue }

    /// What names each of `ids` in a file name or a listing: its ``short`` form, or the whole
    /// ID for IDs whose short forms are the same, ignoring case (IDs imported from another
    /// system may share their first characters; a file system may ignore case).
    package static func shortOrWhole(_ ids: [Self]) -> [Self: String] {
        let whole = sharingShortForms(ids)
        return Dictionary(ids.map { ($0, $0.shown(wholeAmong: whole)) }, uniquingKeysWith: { first, _ in first })
    }

    /// The IDs among `ids` whose ``short`` forms are another's too, ignoring case: what a
    /// listing shows whole, with ``shown(wholeAmong:)``. An ID given more than once counts
    /// once (a path names an experience on every line that reaches it). Usually there are
    /// none, and finding that makes and hashes no string: each short form is its 8 bytes in
    /// an integer, and the integers are sorted. Inlinable, so that a caller gets a copy made
    /// for its kind of ID (a generic copy looked up its dictionaries' metadata on every use:
    /// 10M instructions in a `list`).
    @inlinable package static func sharingShortForms(_ ids: [Self]) -> Set<Self> {
        var keyed: [(key: UInt64, index: Int)] = []
        keyed.reserveCapacity(ids.count)
        var others: [String: Self] = [:]  // short forms that are not ASCII (no well-formed ID has one)
        var whole = Set<Self>()
        for (index, id) in ids.enumerated() {
            if let key = id.shortKey {
                keyed.append((key, index))
            } else if let first = others.updateValue(id, forKey: id.short.lowercased()), first != id {
                whole.formUnion([first, id])
            }
        }
        keyed.sort { $0.key < $1.key }
        var start = 0
        while start < keyed.count {
            var end = start + 1
            while end < keyed.count, keyed[end].key == keyed[start].key { end += 1 }
            if end - start > 1 {
                let run = keyed[start..<end].map { ids[$0.index] }
                if run.contains(where: { $0 != run[0] }) { whole.formUnion(run) }
            }
            start = end
        }
        return whole
    }

    /// The ``short`` form, or the whole ID when `whole` holds it (see ``sharingShortForms(_:)``).
    @inlinable package func shown(wholeAmong whole: Set<Self>) -> String {
        whole.isEmpty || !whole.contains(self) ? short : rawValue
    }

    /// The short form's bytes, ASCII letters lowercased, in one integer (shorter IDs padded
    /// with zero bytes, which no ID holds); `nil` when they are not all ASCII.
    @usableFromInline var shortKey: UInt64? {
        var text = rawValue  // native strings are contiguous already: no copy is made
        return text.withUTF8 { bytes -> UInt64? in
            let count = min(bytes.count, Self.shortLength)
            var key: UInt64 = 0
            for index in 0..<count {
                let byte = bytes[index]
                guard byte < 0x80, byte != 0x0D else { return nil }
                key = key << 8 | UInt64((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
            }
            return key << (8 * UInt64(Self.shortLength - count))
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether a text may be used as an identifier.
    public static func isWellFormed(_ text: String) -> Bool {
        guard (1...64).contains(text.utf8.count), let first = text.utf8.first else { return false }
        func allowed(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"): true
            case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"): true
            default: false
            }
        }
        return allowed(first) && first != UInt8(ascii: ".") && first != UInt8(ascii: "_")
            && first != UInt8(ascii: "-") && text.utf8.allSatisfy(allowed)
    }
}

public typealias PersonID = Identifier<Person>
public typealias OrganizationID = Identifier<Organization>
public typealias ExperienceID = Identifier<Experience>
public typealias ReflectionID = Identifier<Reflection>

/// Makes new identifiers.
///
/// The default draws 128 random bits. Tests and reproducible examples inject
/// ``sequential(prefix:)`` or ``seeded(_:)`` so that output is the same on every run.
public struct IDGenerator: Sendable {
    private let make: @Sendable () -> String

    public init(_ make: @escaping @Sendable () -> String) { self.make = make }

    /// A new identifier.
    public func next<Entity>(_: Entity.Type = Entity.self) -> Identifier<Entity> {
        Identifier(rawValue: make())
    }

    /// 32 lowercase hex digits from the system's random source.
    public static let random = IDGenerator {
        var generator = SystemRandomNumberGenerator()
        return hex(generator.next(), generator.next())
    }

    /// 32 lowercase hex digits from a deterministic generator: the same seed gives the same
    /// identifiers in the same order.
    public static func seeded(_ seed: UInt64) -> IDGenerator {
        let state = LockedState(SplitMix64(seed: seed))
        return IDGenerator {
            state.withLock { rng in hex(rng.next(), rng.next()) }
        }
    }

    /// `prefix` followed by a counter padded to 32 characters (`a0000…001`), for tests.
    public static func sequential(prefix: String = "") -> IDGenerator {
        let counter = LockedState(0)
        return IDGenerator {
            let n = counter.withLock { value -> Int in value += 1; return value }
            let digits = String(n)
            return prefix + String(repeating: "0", count: max(0, 32 - prefix.count - digits.count)) + digits
        }
    }

    private static func hex(_ a: UInt64, _ b: UInt64) -> String {
        func pad(_ value: UInt64) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }
        return pad(a) + pad(b)
    }
}

/// SplitMix64: a small, well-distributed deterministic generator.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
