import Foundation

/// An `Encoder` that writes the same bytes as Foundation's `JSONEncoder` with
/// `.sortedKeys` and `.withoutEscapingSlashes` (and `.prettyPrinted` when asked), at a
/// fraction of the cost.
///
/// Revision snapshots are hashed, so their bytes must never change: tests compare this
/// encoder with `JSONEncoder` on every model type and on generated text (escapes, Korean,
/// emoji, numbers, dates). It exists because `JSONEncoder` was a third of an import (one
/// snapshot a record) and half of `path --json`.
///
/// Like `JSONEncoder`: keys sorted by their UTF-8 bytes, a key written twice keeps its last
/// value, a value that encodes nothing is `{}`, `Date` as its strategy says, `URL` as its
/// absolute string, `Data` as Base64, non-finite numbers an error.
public struct FastJSONEncoder: Sendable {
    public enum DateStrategy: Sendable {
        /// `Date`'s own encoding: seconds since 2001-01-01 (`JSONEncoder`'s default).
        case deferredToDate
        /// `2024-03-01T09:30:00Z`, as `JSONEncoder.DateEncodingStrategy.iso8601`.
        case iso8601
    }

    public var prettyPrinted: Bool
    public var dates: DateStrategy

    public init(prettyPrinted: Bool = false, dates: DateStrategy = .deferredToDate) {
        self.prettyPrinted = prettyPrinted
        self.dates = dates
    }

    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        guard let node = try JSONNodeEncoder.topLevelNode(for: value, dates: dates) else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
        }
        var writer = JSONNodeWriter(pretty: prettyPrinted)
        writer.write(node)
        return writer.bytes
    }

    /// ``encode(_:)`` of a value that writes itself, with no value tree in between.
    package func encode<T: JSONStreamable>(_ value: T) throws -> [UInt8] {
        var writer = JSONNodeWriter(pretty: prettyPrinted)
        try value.writeJSON(into: &writer)
        return writer.bytes
    }

    /// Writes `value` as ``encode(_:)`` would, handing `sink` the bytes a mebibyte or so at a
    /// time (each array element goes whole) instead of holding them all: a walk of
    /// 100,000 steps is 28 MB of JSON.
    package func write<T: JSONStreamable>(_ value: T, to sink: @escaping (UnsafeRawBufferPointer) -> Void) throws {
        var writer = JSONNodeWriter(pretty: prettyPrinted, capacity: 1 << 20 + 1 << 16)
        writer.sink = sink
        try value.writeJSON(into: &writer)
        sink(writer.written)
    }

    public func string<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }
}

// MARK: - The value tree

/// A value that builds the value tree its `encode(to:)` gives, so that ``FastJSONEncoder``
/// need not go through Codable's containers: the same keys, an absent optional left out,
/// dates as `dates` says. A test must compare its bytes with `JSONEncoder`'s.
package protocol JSONNodeRepresentable: Encodable {
    func jsonNode(dates: FastJSONEncoder.DateStrategy) throws -> JSONNode
}

/// A list of such values (a walk's 100,000 steps) without an unkeyed container.
extension Array: JSONNodeRepresentable where Element: JSONNodeRepresentable {
    package func jsonNode(dates: FastJSONEncoder.DateStrategy) throws -> JSONNode {
        .array(JSONArrayBox(try map { try $0.jsonNode(dates: dates) }))
    }
}

/// A value that writes its JSON straight into the writer, with no value tree in between:
/// the bytes its `encode(to:)` gives `JSONEncoder`, which a test must compare. For values
/// printed by the hundred thousand (a walk's steps), where building and freeing a tree for
/// each was half of the printing.
package protocol JSONStreamable: Encodable {
    func writeJSON(into writer: inout JSONNodeWriter) throws
}

/// A list of such values, each written as it comes (and handed to the writer's sink when
/// the bytes pile up).
extension Array: JSONStreamable where Element: JSONStreamable {
    package func writeJSON(into writer: inout JSONNodeWriter) throws {
        writer.beginArray()
        for element in self {
            writer.nextElement()
            try element.writeJSON(into: &writer)
            writer.flushIfFull()
        }
        writer.endArray()
    }
}

/// What a value encoded to; objects and arrays are boxes so nested containers can fill
/// them after they are attached, as Codable requires.
package enum JSONNode {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array(JSONArrayBox)
    case object(JSONObjectBox)
}

extension JSONNode {
    /// `value`'s tree as ``FastJSONEncoder`` makes it, for a value inside a built tree.
    package static func of<T: Encodable>(_ value: T, dates: FastJSONEncoder.DateStrategy) throws -> JSONNode {
        try JSONNodeEncoder.node(for: value, dates: dates)
    }
}

package final class JSONArrayBox {
    package var items: [JSONNode] = []

    package init(_ items: [JSONNode] = []) { self.items = items }
}

package final class JSONObjectBox {
    /// In the order written; sorted (last write of a key wins) when serialized.
    package var entries: [(key: String, value: JSONNode)] = []
    /// Set by a writer that adds each key once, in UTF-8 byte order (FastJSONEncoder+Model.swift).
    var isSorted = false

    package init() {}

    package func set(_ key: String, _ value: JSONNode) {
        // A key out of order (a container reopened on a built object) makes the writer sort.
        if isSorted, let last = entries.last, !JSONNodeWriter.precedes(last.key, key) { isSorted = false }
        entries.append((key, value))
    }

    /// The object or array already stored under `key`, so that asking for a nested
    /// container twice fills the same one.
    func existing(_ key: String) -> JSONNode? {
        entries.last(where: { $0.key == key })?.value
    }
}

// MARK: - Encoder

final class JSONNodeEncoder: Encoder {
    let dates: FastJSONEncoder.DateStrategy
    var node: JSONNode?
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(dates: FastJSONEncoder.DateStrategy) { self.dates = dates }

    static func node<T: Encodable>(for value: T, dates: FastJSONEncoder.DateStrategy) throws -> JSONNode {
        try topLevelNode(for: value, dates: dates) ?? .object(JSONObjectBox())
    }

    /// `nil` when the value encoded nothing: `{}` inside a container, an error at the top.
    static func topLevelNode<T: Encodable>(for value: T, dates: FastJSONEncoder.DateStrategy) throws -> JSONNode? {
        // Built directly (FastJSONEncoder+Model.swift): experiences, links, reflections, and
        // the period every experience and path step has.
        if T.self == Experience.self { return try (value as! Experience).jsonNode(dates: dates) }
        if T.self == Link.self { return (value as! Link).jsonNode }
        if T.self == Reflection.self { return (value as! Reflection).jsonNode }
        if T.self == Period.self { return (value as! Period).jsonNode }
        if T.self == PartialDate.self { return (value as! PartialDate).jsonNode }
        if let node = try primitive(value, dates: dates) { return node }
        // Types elsewhere in the package that build their own tree (the views `--json`
        // prints); one cast, where Codable's containers cost tens of thousands of instructions.
        if let representable = value as? any JSONNodeRepresentable { return try representable.jsonNode(dates: dates) }
        let encoder = JSONNodeEncoder(dates: dates)
        try value.encode(to: encoder)
        return encoder.node
    }

    /// The types `JSONEncoder` writes itself rather than through their `encode(to:)`.
    private static func primitive<T: Encodable>(_ value: T, dates: FastJSONEncoder.DateStrategy) throws -> JSONNode? {
        // Metatype comparisons: a dynamic cast per value would cost more than the encoding.
        if T.self == String.self { return .string(value as! String) }
        if T.self == Int.self { return .number(String(value as! Int)) }
        if T.self == Bool.self { return .bool(value as! Bool) }
        if T.self == Double.self { return try number(value as! Double) }
        if T.self == Int64.self { return .number(String(value as! Int64)) }
        if T.self == Date.self {
            let date = value as! Date
            switch dates {
            case .deferredToDate: return try number(date.timeIntervalSinceReferenceDate)
            case .iso8601: return .string(ISO8601Seconds.string(date))
            }
        }
        if T.self == Float.self { return try number(value as! Float) }
        if T.self == Int8.self { return .number(String(value as! Int8)) }
        if T.self == Int16.self { return .number(String(value as! Int16)) }
        if T.self == Int32.self { return .number(String(value as! Int32)) }
        if T.self == UInt.self { return .number(String(value as! UInt)) }
        if T.self == UInt8.self { return .number(String(value as! UInt8)) }
        if T.self == UInt16.self { return .number(String(value as! UInt16)) }
        if T.self == UInt32.self { return .number(String(value as! UInt32)) }
        if T.self == UInt64.self { return .number(String(value as! UInt64)) }
        if T.self == URL.self { return .string((value as! URL).absoluteString) }
        if T.self == Data.self { return .string((value as! Data).base64EncodedString()) }
        if T.self == Decimal.self { return .number((value as! Decimal).description) }
        return nil
    }

    static func number<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) throws -> JSONNode {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "Unable to encode \(value) directly in JSON."))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }

    func objectBox() -> JSONObjectBox {
        if case .object(let box)? = node { return box }
        let box = JSONObjectBox()
        node = .object(box)
        return box
    }

    func arrayBox() -> JSONArrayBox {
        if case .array(let box)? = node { return box }
        let box = JSONArrayBox()
        node = .array(box)
        return box
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer<Key>(encoder: self, box: objectBox()))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(encoder: self, box: arrayBox())
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }

    func encoded<T: Encodable>(_ value: T) throws -> JSONNode { try Self.node(for: value, dates: dates) }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: JSONNodeEncoder
        let box: JSONObjectBox
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { box.set(key.stringValue, .null) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { box.set(key.stringValue, .bool(value)) }
        mutating func encode(_ value: String, forKey key: Key) throws { box.set(key.stringValue, .string(value)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { box.set(key.stringValue, .number(String(value))) }
        mutating func encode(_ value: Double, forKey key: Key) throws { box.set(key.stringValue, try JSONNodeEncoder.number(value)) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            box.set(key.stringValue, try encoder.encoded(value))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            let nested: JSONObjectBox
            if case .object(let existing)? = box.existing(key.stringValue) {
                nested = existing
            } else {
                nested = JSONObjectBox()
                box.set(key.stringValue, .object(nested))
            }
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, box: nested))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested: JSONArrayBox
            if case .array(let existing)? = box.existing(key.stringValue) {
                nested = existing
            } else {
                nested = JSONArrayBox()
                box.set(key.stringValue, .array(nested))
            }
            return UnkeyedContainer(encoder: encoder, box: nested)
        }

        mutating func superEncoder() -> any Encoder { ReferencingEncoder(dates: encoder.dates, object: box, key: "super") }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            ReferencingEncoder(dates: encoder.dates, object: box, key: key.stringValue)
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let encoder: JSONNodeEncoder
        let box: JSONArrayBox
        var codingPath: [any CodingKey] { [] }
        var count: Int { box.items.count }

        mutating func encodeNil() throws { box.items.append(.null) }
        mutating func encode(_ value: Bool) throws { box.items.append(.bool(value)) }
        mutating func encode(_ value: String) throws { box.items.append(.string(value)) }
        mutating func encode(_ value: Int) throws { box.items.append(.number(String(value))) }
        mutating func encode(_ value: Double) throws { box.items.append(try JSONNodeEncoder.number(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { box.items.append(try encoder.encoded(value)) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = JSONObjectBox()
            box.items.append(.object(nested))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, box: nested))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = JSONArrayBox()
            box.items.append(.array(nested))
            return UnkeyedContainer(encoder: encoder, box: nested)
        }

        mutating func superEncoder() -> any Encoder {
            ReferencingEncoder(dates: encoder.dates, array: box)
        }
    }

    struct SingleValueContainer: SingleValueEncodingContainer {
        let encoder: JSONNodeEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws { encoder.node = .null }
        mutating func encode(_ value: Bool) throws { encoder.node = .bool(value) }
        mutating func encode(_ value: String) throws { encoder.node = .string(value) }
        mutating func encode(_ value: Int) throws { encoder.node = .number(String(value)) }
        mutating func encode(_ value: Double) throws { encoder.node = try JSONNodeEncoder.number(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { encoder.node = try encoder.encoded(value) }
    }
}

/// The encoder `superEncoder()` hands out: what it encodes lands under a key of, or at the
/// end of, its parent once it is done.
final class ReferencingEncoder: Encoder {
    private let inner: JSONNodeEncoder
    private let object: JSONObjectBox?
    private let key: String
    private let array: JSONArrayBox?
    private let index: Int

    init(dates: FastJSONEncoder.DateStrategy, object: JSONObjectBox, key: String) {
        inner = JSONNodeEncoder(dates: dates)
        self.object = object
        self.key = key
        array = nil
        index = 0
    }

    init(dates: FastJSONEncoder.DateStrategy, array: JSONArrayBox) {
        inner = JSONNodeEncoder(dates: dates)
        object = nil
        key = ""
        self.array = array
        index = array.items.count
        array.items.append(.object(JSONObjectBox()))
    }

    deinit {
        let node = inner.node ?? .object(JSONObjectBox())
        if let object { object.set(key, node) }
        if let array { array.items[index] = node }
    }

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> { inner.container(keyedBy: type) }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { inner.unkeyedContainer() }
    func singleValueContainer() -> any SingleValueEncodingContainer { inner.singleValueContainer() }
}

// MARK: - Writer

/// Writes a node as `JSONEncoder`'s writer does: two-space indent and `" : "` when
/// pretty, the same escapes (`\"`, `\\`, `\b \f \n \r \t`, other controls as `\u00xx`).
///
/// A ``JSONStreamable`` value writes itself through the same calls the node writer uses
/// (``beginObject()``, ``key(_:)`` or ``field(_:)``, a value, ``endObject()``), so the two give the same bytes.
package struct JSONNodeWriter: ~Copyable {
    let pretty: Bool
    /// The bytes written, in a buffer of the writer's own: `Array.append(contentsOf:)` cost
    /// about 95 instructions a call, more than copying most of the pieces it was given.
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// Where ``flushIfFull()`` hands the bytes written so far, if anywhere.
    var sink: ((UnsafeRawBufferPointer) -> Void)?
    private var indent = 0
    /// Whether the open object or array has a value already, so the next needs a comma.
    private var needsSeparator = false
    /// The key order of the objects written last, by their number of keys: objects of one
    /// type come by the thousand (a `path --json` step each), and sorting their keys every
    /// time was a third of the writing.
    private var orders: [Int: [(keys: [String], order: [Int])]] = [:]

    init(pretty: Bool, capacity: Int = 1024) {
        self.pretty = pretty
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// What was written (since the last flush).
    package var bytes: [UInt8] { Array(written) }

    /// What was written (since the last flush), valid until the next write.
    var written: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    package mutating func write(_ node: JSONNode) {
        switch node {
        case .string(let text): string(text)
        case .number(let text): put(text); needsSeparator = true
        case .bool(let value): bool(value)
        case .null: put("null"); needsSeparator = true
        case .array(let box): writeArray(box.items)
        case .object(let box): writeObject(box.entries, sorted: box.isSorted)
        }
    }

    // MARK: Writing piece by piece

    package mutating func beginObject() { begin(UInt8(ascii: "{")) }
    package mutating func endObject() { end(UInt8(ascii: "}")) }
    package mutating func beginArray() { begin(UInt8(ascii: "[")) }
    package mutating func endArray() { end(UInt8(ascii: "]")) }

    /// Before each element of an array.
    package mutating func nextElement() { separate() }

    /// A key of the open object; a value must follow. Keys come in UTF-8 byte order, each
    /// once (`JSONEncoder` sorts them; nothing here does).
    package mutating func key(_ key: String) {
        separate()
        string(key)
        writeColon()
    }

    /// ``key(_:)`` of a key written in the source, which has nothing to escape.
    package mutating func field(_ key: StaticString) {
        separate()
        assert(!key.withUTF8Buffer { $0.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") } })
        put(UInt8(ascii: "\""))
        put(UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        put(UInt8(ascii: "\""))
        writeColon()
    }

    package mutating func string(_ text: String) {
        writeString(text)
        needsSeparator = true
    }

    package mutating func number(_ value: Int) {
        if value >= 0, value < 10 {
            put(UInt8(ascii: "0") + UInt8(value))
        } else {
            put(String(value))
        }
        needsSeparator = true
    }

    package mutating func bool(_ value: Bool) {
        put(value ? "true" : "false")
        needsSeparator = true
    }

    /// Hands the bytes written so far to the sink once they pass a mebibyte.
    package mutating func flushIfFull() {
        guard let sink, count >= 1 << 20 else { return }
        sink(written)
        count = 0
    }

    private mutating func begin(_ bracket: UInt8) {
        put(bracket)
        if pretty { put(UInt8(ascii: "\n")); indent += 1 }
        needsSeparator = false
    }

    private mutating func end(_ bracket: UInt8) {
        if pretty { put(UInt8(ascii: "\n")); indent -= 1; writeIndent() }
        put(bracket)
        needsSeparator = true
    }

    @inline(__always)
    private mutating func separate() {
        if needsSeparator {
            put(UInt8(ascii: ","))
            if pretty { put(UInt8(ascii: "\n")) }
        }
        if pretty { writeIndent() }
    }

    // MARK: Writing a tree

    private mutating func writeArray(_ items: [JSONNode]) {
        beginArray()
        for item in items {
            nextElement()
            write(item)
        }
        endArray()
    }

    private mutating func writeObject(_ entries: [(key: String, value: JSONNode)], sorted: Bool) {
        beginObject()
        let order = sorted ? Array(entries.indices) : sortedOrder(entries)
        for (position, index) in order.enumerated() {
            // Of a key written more than once, the last value (equal keys stay in the order written).
            if position + 1 < order.count, entries[order[position + 1]].key == entries[index].key { continue }
            key(entries[index].key)
            write(entries[index].value)
        }
        endObject()
    }

    @inline(__always)
    private mutating func writeColon() {
        if pretty {
            put(UInt8(ascii: " ")); put(UInt8(ascii: ":")); put(UInt8(ascii: " "))
        } else {
            put(UInt8(ascii: ":"))
        }
    }

    /// ``sortedOrder(_:)`` of the entries, remembered for the next object with the same keys.
    private mutating func sortedOrder(_ entries: [(key: String, value: JSONNode)]) -> [Int] {
        // A few key sets for each number of keys (nested types often have as many keys as
        // each other); keys compared byte for byte (`==` would take canonically equal keys,
        // which sort apart).
        let known = orders[entries.count, default: []]
        for (keys, order) in known where entries.indices.allSatisfy({ Self.sameBytes(keys[$0], entries[$0].key) }) {
            return order
        }
        let order = Self.sortedOrder(entries)
        orders[entries.count] = [(entries.map(\.key), order)] + known.prefix(3)
        return order
    }

    /// The entries' indices sorted by key, UTF-8 byte order, stable. Insertion sort of
    /// indices: objects hold a few dozen keys at most, and nothing is retained or released.
    static func sortedOrder(_ entries: [(key: String, value: JSONNode)]) -> [Int] {
        var order = Array(entries.indices)
        guard order.count > 1 else { return order }
        for next in 1..<order.count {
            let index = order[next]
            var position = next
            while position > 0, precedes(entries[index].key, entries[order[position - 1]].key) {
                order[position] = order[position - 1]
                position -= 1
            }
            order[position] = index
        }
        return order
    }

    static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
        }
    }

    /// UTF-8 byte order (what `JSONEncoder` sorts keys by), without a generic sequence walk.
    static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                if common > 0 {
                    let order = memcmp(x.baseAddress!, y.baseAddress!, common)
                    if order != 0 { return order < 0 }
                }
                return x.count < y.count
            }
        }
    }

    @inline(__always)
    private mutating func writeIndent() {
        let spaces = 2 * indent
        reserve(spaces)
        (base + count).initialize(repeating: UInt8(ascii: " "), count: spaces)
        count += spaces
    }

    // MARK: The buffer

    private mutating func reserve(_ more: Int) {
        guard capacity - count < more else { return }
        let grown = max(2 * capacity, count + more)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = grown
    }

    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        if count == capacity { reserve(1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).initialize(from: start, count: bytes.count)
        count += bytes.count
    }

    private mutating func put(_ text: String) {
        var text = text
        text.withUTF8 { put($0) }
    }

    private mutating func writeString(_ text: String) {
        var text = text
        text.withUTF8 { appendQuoted($0) }
    }

    /// The text in quotes with `JSONEncoder`'s escapes; text with nothing to escape (nearly
    /// all) goes in one copy.
    private mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        put(UInt8(ascii: "\""))
        var mark = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            put(UnsafeBufferPointer(rebasing: utf8[mark..<index]))
            mark = index + 1
            put(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): put(byte)
            case 0x08: put(UInt8(ascii: "b"))
            case 0x0C: put(UInt8(ascii: "f"))
            case 0x0A: put(UInt8(ascii: "n"))
            case 0x0D: put(UInt8(ascii: "r"))
            case 0x09: put(UInt8(ascii: "t"))
            default:
                let hex = Array("0123456789abcdef".utf8)
                put("u00")
                put(hex[Int(byte >> 4)])
                put(hex[Int(byte & 0xF)])
            }
        }
        put(UnsafeBufferPointer(rebasing: utf8[mark...]))
        put(UInt8(ascii: "\""))
    }
}

/// `2024-03-01T09:30:00Z`: UTC, whole seconds, as `Date.ISO8601FormatStyle()` writes it.
enum ISO8601Seconds {
    static func string(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        // Foundation's Gregorian calendar turns Julian before 1582: leave those to it.
        guard (1600...9999).contains(year) else { return date.formatted(Date.ISO8601FormatStyle()) }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        let yearText = String(repeating: "0", count: 4 - String(year).count) + String(year)
        return "\(yearText)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }
}
