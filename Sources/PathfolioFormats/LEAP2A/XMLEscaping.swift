/// Text made safe for XML 1.0 character data and attribute values.
enum XMLEscaping {
    /// Whether XML 1.0 can hold a scalar at all (control characters other than tab, line
    /// feed and carriage return cannot be written, not even as references).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The text escaped for element content (`&`, `<`, `>`, and a carriage return as a
    /// reference so that it survives parsing); scalars XML cannot hold become U+FFFD and
    /// are counted in `replaced`.
    static func text(_ value: String, replaced: inout Int) -> String {
        escape(value, attribute: false, replaced: &replaced)
    }

    /// The text escaped for a double-quoted attribute value (also `"`, and white space other
    /// than a space as references, which attribute normalization would otherwise flatten).
    static func attribute(_ value: String, replaced: inout Int) -> String {
        escape(value, attribute: true, replaced: &replaced)
    }

    private static func escape(_ value: String, attribute: Bool, replaced: inout Int) -> String {
        var output = ""
        output.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where attribute: output += "&quot;"
            case "\n" where attribute: output += "&#10;"
            case "\t" where attribute: output += "&#9;"
            case "\r": output += "&#13;"
            default:
                if isAllowed(scalar) {
                    output.unicodeScalars.append(scalar)
                } else {
                    replaced += 1
                    output += "\u{FFFD}"
                }
            }
        }
        return output
    }
}
