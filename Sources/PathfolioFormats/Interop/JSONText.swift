/// A JSON value with ordered object keys, for writers whose output people read and diff.
enum JSONText {
    case string(String)
    case number(Double)
    case object([(String, JSONText)])
    case array([JSONText])

    /// Pretty-printed with two-space indents, keys in the order given, `/` unescaped.
    func rendered(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .string(let text): return Self.quoted(text)
        case .number(let value):
            return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { inner + Self.quoted($0.0) + ": " + $0.1.rendered(indent: inner) }
                .joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case let c where c.value < 0x20 || c.value == 0x2028 || c.value == 0x2029:
                let hex = String(c.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}

/// Builds a JSON object, leaving out empty values.
struct JSONObjectBuilder {
    private(set) var pairs: [(String, JSONText)] = []

    mutating func set(_ key: String, _ value: String?) {
        if let value, !value.isEmpty { pairs.append((key, .string(value))) }
    }

    mutating func set(_ key: String, _ values: [String]) {
        if !values.isEmpty { pairs.append((key, .array(values.map { .string($0) }))) }
    }

    mutating func set(_ key: String, _ value: JSONText?) {
        guard let value else { return }
        switch value {
        case .object(let items) where items.isEmpty: return
        case .array(let items) where items.isEmpty: return
        default: pairs.append((key, value))
        }
    }

    var value: JSONText { .object(pairs) }
}
