import PathfolioCore

/// Reads the JSON arrays of flat records the ledger stores in a column (`details`,
/// `evidence`, `entries`) without `JSONDecoder`, giving the values it would give.
///
/// Only what the ledger writes is taken: an array of objects whose values are strings or
/// `null`, each key once. Anything else — another shape, a key missing, an unknown enum
/// value, a malformed escape or a lone surrogate — gives `nil`, and the caller hands the
/// text to `JSONDecoder`, which decodes it or says what is wrong. Unknown keys are ignored,
/// as `JSONDecoder` ignores them. Tests compare both on generated and hostile text.
enum FlatRecords {
    /// An object's members in the order written. Records have a handful of keys, so a search
    /// along them costs less than hashing every key into a dictionary.
    struct Object {
        var members: [(key: String, value: String?)] = []

        /// The value of `key`: `.some(nil)` for `null`, `nil` when the key is missing.
        subscript(key: String) -> String?? {
            for member in members where member.key == key { return .some(member.value) }
            return nil
        }
    }

    static func decode<Element>(_: Element.Type, from text: String) -> [Element]? {
        if Element.self == PersonalDetail.self { return decode(text, PersonalDetail.init(object:)) as! [Element]? }
        if Element.self == Evidence.self { return decode(text, Evidence.init(object:)) as! [Element]? }
        if Element.self == ReflectionEntry.self { return decode(text, ReflectionEntry.init(object:)) as! [Element]? }
        return nil
    }

    /// Each object of the array made into a record as it is read, in one buffer of members
    /// reused from object to object (an array per object cost more than the parse).
    private static func decode<T>(_ text: String, _ make: (Object) -> T?) -> [T]? {
        var records: [T] = []
        return each(text) { object in
            guard let record = make(object) else { return false }
            records.append(record)
            return true
        } ? records : nil
    }

    /// `[{"key": "value" | null, …}, …]`, or `nil` for anything else.
    static func objects(_ text: String) -> [Object]? {
        var objects: [Object] = []
        return each(text) { objects.append($0); return true } ? objects : nil
    }

    /// Hands `body` each object of `[{"key": "value" | null, …}, …]` in turn; `false` when
    /// the text is anything else or `body` refuses an object.
    private static func each(_ text: String, _ body: (Object) -> Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes -> Bool in
            var reader = Reader(bytes: bytes)
            var object = Object()
            object.members.reserveCapacity(8)
            reader.skipSpace()
            guard reader.take(UInt8(ascii: "[")) else { return false }
            reader.skipSpace()
            if reader.take(UInt8(ascii: "]")) { return reader.atEnd }
            while true {
                reader.skipSpace()
                guard reader.object(into: &object), body(object) else { return false }
                reader.skipSpace()
                if reader.take(UInt8(ascii: ",")) { continue }
                guard reader.take(UInt8(ascii: "]")) else { return false }
                return reader.atEnd
            }
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        var atEnd: Bool {
            mutating get {
                skipSpace()
                return i == bytes.count
            }
        }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }

        /// Reads an object into `object`, replacing its members; `false` if malformed.
        mutating func object(into object: inout Object) -> Bool {
            object.members.removeAll(keepingCapacity: true)
            guard take(UInt8(ascii: "{")) else { return false }
            skipSpace()
            if take(UInt8(ascii: "}")) { return true }
            while true {
                skipSpace()
                guard let key = string() else { return false }
                skipSpace()
                guard take(UInt8(ascii: ":")) else { return false }
                skipSpace()
                let value: String?
                if i + 4 <= bytes.count, bytes[i] == UInt8(ascii: "n"), bytes[i + 1] == UInt8(ascii: "u"),
                   bytes[i + 2] == UInt8(ascii: "l"), bytes[i + 3] == UInt8(ascii: "l") {
                    i += 4
                    value = nil
                } else {
                    guard let text = string() else { return false }
                    value = text
                }
                guard object[key] == nil else { return false }  // a key twice: the decoder decides
                object.members.append((key, value))
                skipSpace()
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "}"))
            }
        }

        /// A JSON string, its escapes resolved; `nil` if malformed. The bytes are a Swift
        /// string's, valid UTF-8, and a string starts and ends at an ASCII quote, so what lies
        /// between is valid too: `String(decoding:)` takes it as it is (`String(validating:)`
        /// checked it again, through generic code, at a thousand instructions a string).
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = i
            // Most strings hold no escape: one scan and one copy.
            while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") {
                guard bytes[i] >= 0x20 else { return nil }
                i += 1
            }
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "\"") {
                defer { i += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            }
            var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<i]))
            while i < bytes.count {
                let byte = bytes[i]
                i += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: utf8, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard i < bytes.count else { return nil }
                    let escape = bytes[i]
                    i += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                    case UInt8(ascii: "b"): utf8.append(0x08)
                    case UInt8(ascii: "f"): utf8.append(0x0C)
                    case UInt8(ascii: "n"): utf8.append(0x0A)
                    case UInt8(ascii: "r"): utf8.append(0x0D)
                    case UInt8(ascii: "t"): utf8.append(0x09)
                    case UInt8(ascii: "u"):
                        guard var code = hex4() else { return nil }
                        if (0xD800...0xDBFF).contains(code) {
                            // A high surrogate must come with its low one.
                            guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex4(),
                                  (0xDC00...0xDFFF).contains(low) else { return nil }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00...0xDFFF).contains(code) {
                            return nil
                        }
                        guard let scalar = Unicode.Scalar(code) else { return nil }
                        utf8.append(contentsOf: String(Character(scalar)).utf8)
                    default: return nil
                    }
                default:
                    guard byte >= 0x20 else { return nil }
                    utf8.append(byte)
                }
            }
            return nil
        }

        private mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[i]
                i += 1
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: return nil
                }
                value = value << 4 | digit
            }
            return value
        }
    }
}

private extension PersonalDetail {
    init?(object: FlatRecords.Object) {
        guard let kindText = object["kind"] ?? nil, let kind = PersonalDetailKind(rawValue: kindText),
              let value = object["value"] ?? nil,
              let visibilityText = object["visibility"] ?? nil, let visibility = Visibility(rawValue: visibilityText)
        else { return nil }
        self.init(kind, value, label: object["label"] ?? nil, visibility: visibility)
    }
}

private extension Evidence {
    init?(object: FlatRecords.Object) {
        guard let title = object["title"] ?? nil, let uri = object["uri"] ?? nil else { return nil }
        self.init(title: title, uri: uri, sha256: object["sha256"] ?? nil)
    }
}

private extension ReflectionEntry {
    init?(object: FlatRecords.Object) {
        guard let key = object["key"] ?? nil, let prompt = object["prompt"] ?? nil, let answer = object["answer"] ?? nil
        else { return nil }
        self.init(key: key, prompt: prompt, answer: answer)
    }
}
