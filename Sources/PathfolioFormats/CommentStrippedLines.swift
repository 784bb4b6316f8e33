import Foundation
import PathfolioCore

/// A Markdown text cut into numbered lines with HTML comments (`<!-- … -->`) taken out:
/// the shared reader of template files and reflection documents.
///
/// Never fails: an unclosed comment is reported through ``unclosedComment`` and runs to the
/// end, as in HTML.
struct CommentStrippedLines {
    struct Line {
        /// Counting from 1.
        var number: Int
        /// The line without its comments.
        var visible: String
        /// The text of the comments on this line.
        var comments: [String]
        /// Whether the line holds comments and nothing else but spaces.
        var isCommentOnly: Bool
    }

    var lines: [Line] = []
    /// The line where a comment opens and never closes.
    var unclosedComment: Int?

    init(_ text: String) {
        var text = text.nfc.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var inComment = false
        var openedAt = 0
        for (index, raw) in text.lines.enumerated() {
            var rest = Substring(raw)
            var visible = ""
            var comments: [String] = []
            var touched = inComment
            while !rest.isEmpty {
                if inComment {
                    if let close = rest.range(of: "-->") {
                        comments.append(String(rest[..<close.lowerBound]))
                        rest = rest[close.upperBound...]
                        inComment = false
                    } else {
                        comments.append(String(rest))
                        rest = ""
                    }
                } else if let open = rest.range(of: "<!--") {
                    visible += rest[..<open.lowerBound]
                    rest = rest[open.upperBound...]
                    inComment = true
                    touched = true
                    openedAt = index + 1
                } else {
                    visible += rest
                    rest = ""
                }
            }
            lines.append(Line(number: index + 1, visible: visible, comments: comments,
                              isCommentOnly: touched && visible.allSatisfy(\.isWhitespace)))
        }
        if inComment { unclosedComment = openedAt }
    }

    /// The text of a level-2 heading (`## What went well? {#went-well}`), or `nil`.
    static func heading(_ line: String) -> String? {
        guard line.hasPrefix("## ") || line == "##" else { return nil }
        var text = Substring(line.dropFirst(2)).trimmingWhitespace
        // An optional closing sequence of #'s, as CommonMark allows.
        if text.hasSuffix(" #") || text.hasSuffix(" ##") {
            while text.last == "#" { text.removeLast() }
            text = text.trimmingWhitespace
        }
        return text
    }

    /// Splits `What went well? {#went-well}` into its text and key.
    static func splitKey(_ heading: String) -> (text: String, key: String?) {
        guard heading.hasSuffix("}"), let open = heading.range(of: "{#", options: .backwards) else {
            return (heading.normalizedLine, nil)
        }
        let key = heading[open.upperBound..<heading.index(before: heading.endIndex)]
        return (String(heading[..<open.lowerBound]).normalizedLine, key.trimmingWhitespace)
    }

    /// `Label: value` (also with a full-width colon) as label and trimmed value, or `nil`.
    static func field(_ line: String) -> (String, String)? {
        guard let colon = line.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let label = line[..<colon].trimmingWhitespace
        guard !label.isEmpty, label.count <= 20, !label.hasPrefix("#"), !label.contains("://") else { return nil }
        return (label, line[line.index(after: colon)...].trimmingWhitespace)
    }
}
