public import PathfolioCore
import Foundation

/// The Markdown document a person writes a reflection in, and the JSON that scripts and
/// platforms send instead.
///
/// The Markdown document opens with a comment that says how to use it, then a
/// `Rating:` / `Outcome:` / `Skills:` block (`평점:` / `결과:` / `얻은 기술:` in Korean), then
/// one `## Prompt {#key}` heading per prompt with the answer under it. Everything inside
/// `<!-- … -->` is ignored. ``render(template:draft:about:visibility:)`` writes it and
/// ``parse(_:template:file:)`` reads it back: a render parses to the same answers.
public enum ReflectionDocument {
    /// The editor document for `template`, filled with `draft`'s answers and fields.
    ///
    /// - Parameters:
    ///   - about: a line naming the experience, shown in the opening comment.
    ///   - visibility: who will see the reflection, said in the opening comment.
    public static func render(template: ReflectionTemplate, draft: ReflectionDraft = ReflectionDraft(),
                              about: String? = nil, visibility: Visibility = .counselor) -> String {
        let locale = template.locale
        let ko = locale == .ko
        var lines: [String] = ["<!--"]
        lines.append("pathfolio reflection · kind: \(template.kind.rawValue) · locale: \(locale.rawValue) · template: \(template.name)")
        if let about { lines.append((ko ? "경험: " : "About: ") + about.normalizedLine.replacingOccurrences(of: "-->", with: "—>")) }
        let seen: String = switch (visibility, ko) {
        case (.private, false): "only you"
        case (.counselor, false): "you and your counselor"
        case (.public, false): "anyone you share your portfolio with"
        case (.private, true): "나만"
        case (.counselor, true): "나와 상담사"
        case (.public, true): "포트폴리오를 공유받는 누구나"
        }
        if ko {
            lines += [
                "",
                "각 '## …' 제목 아래에 답을 적으세요. 제목 끝의 {#…} 표시는 지우지 마세요.",
                "이 주석 표시 안의 글은 저장되지 않습니다. 평점·결과·얻은 기술은 적지 않아도 됩니다.",
                "저장하고 편집기를 닫으면 기록됩니다. 바꾸지 않거나 비운 채 닫으면 아무것도 저장하지 않습니다.",
                "공개 범위: \(seen) (\(visibility.rawValue))",
            ]
        } else {
            lines += [
                "",
                "Write your answers under each '## …' heading; keep the {#…} at the end of each heading.",
                "Text inside comment marks like these is not saved. Rating, outcome and skills are optional.",
                "Save and close the editor to store it; close it unchanged or emptied to save nothing.",
                "Visible to: \(seen) (\(visibility.rawValue))",
            ]
        }
        lines.append("-->")
        lines.append("")
        let outcomes = ReflectionOutcome.fitting(template.kind).map { ko ? "\($0.label(.ko)) (\($0.rawValue))" : $0.rawValue }
        lines.append("\(locale.ratingLabel): \(draft.rating.map(String.init) ?? "")  <!-- \(ko ? "1 (아쉬움) – 5 (아주 좋음)" : "1 (poor) – 5 (excellent)") -->")
        lines.append("\(locale.outcomeLabel): \(draft.outcome?.rawValue ?? "")  <!-- \(outcomes.joined(separator: ", ")) -->")
        lines.append("\(locale.skillsLabel): \(draft.skills.joined(separator: ", "))  <!-- \(ko ? "쉼표로 구분: SQL, 고객 응대" : "comma-separated: SQL, customer service") -->")
        var entries: [ReflectionEntry] = template.prompts.map { prompt in
            ReflectionEntry(key: prompt.key, prompt: prompt.text, answer: draft.answer(prompt.key) ?? "")
        }
        entries += draft.entries.filter { template.prompt($0.key) == nil }
        for entry in entries {
            lines.append("")
            lines.append("## \(entry.prompt.normalizedLine) {#\(entry.key)}")
            if let hint = template.prompt(entry.key)?.hint {
                lines.append("<!-- \(hint.replacingOccurrences(of: "-->", with: "—>")) -->")
            }
            if !entry.answer.isEmpty { lines += entry.answer.lines.map(escape) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads an editor document back.
    ///
    /// A pure function of the text: never crashes, whatever the input. A heading without a
    /// `{#key}` is matched to the template's prompt with the same text. Problems are
    /// collected, then thrown together, each with `file:line`: a comment never closed, a
    /// heading without a key that matches no prompt, a malformed or repeated key, text before
    /// the first heading that is not a field, a rating outside 1–5, an unknown outcome or one
    /// that does not fit the kind, a field given twice.
    ///
    /// - Parameters:
    ///   - template: the template the document was rendered from, if known.
    ///   - file: the path to name in diagnostics.
    /// - Throws: ``DiagnosticError``.
    public static func parse(_ text: String, template: ReflectionTemplate? = nil,
                             file: String = "reflection.md") throws(DiagnosticError) -> ReflectionDraft {
        var problems: [Diagnostic] = []
        func fail(_ code: String, _ message: String, hint: String, line: Int?) {
            problems.append(.error("reflection.\(code)", message, hint: hint, at: .file(file, line: line)))
        }
        let document = CommentStrippedLines(text)
        if let open = document.unclosedComment {
            fail("comment", "the comment opened here is never closed",
                 hint: "end it with --> (everything after an unclosed <!-- is ignored)", line: open)
        }
        var draft = metadata(document)
        let kind = draft.kind ?? template?.kind
        var fieldLines: [String: Int] = [:]
        var keyLines: [String: Int] = [:]
        var answer: [String] = []
        var current: Int?
        var seenHeading = false
        func finishAnswer() {
            if let current { draft.entries[current].answer = answer.map(unescape).joined(separator: "\n").normalizedText }
            answer = []
            current = nil
        }
        for line in document.lines where !line.isCommentOnly {
            let number = line.number
            if let heading = CommentStrippedLines.heading(line.visible) {
                finishAnswer()
                seenHeading = true
                var (prompt, key) = CommentStrippedLines.splitKey(heading)
                if key == nil, let match = template?.prompts.first(where: { $0.text.normalizedLine == prompt }) { key = match.key }
                guard let key else {
                    fail("key", "the heading on this line has no {#key} and matches no prompt of the template",
                         hint: "end the heading with its key, e.g. '## \(prompt.isEmpty ? "…" : prompt) {#\(template?.prompts.first?.key ?? "note")}', or make it '###' to keep it inside the answer above",
                         line: number)
                    continue
                }
                guard ReflectionTemplate.isWellFormedKey(key) else {
                    fail("key", "the key '\(key)' is not well formed", hint: "use 1–40 letters a–z, digits, '-', '_' or '.'", line: number)
                    continue
                }
                if let first = keyLines[key] {
                    fail("key", "the prompt '\(key)' appears twice (first on line \(first))",
                         hint: "merge the two answers under one heading", line: number)
                    continue
                }
                keyLines[key] = number
                if prompt.isEmpty { prompt = template?.prompt(key)?.text ?? key }
                draft.entries.append(ReflectionEntry(key: key, prompt: prompt, answer: ""))
                current = draft.entries.count - 1
                continue
            }
            if seenHeading {
                // Lines under a heading whose key was refused are kept out of every answer;
                // the error above already stops the save.
                if current != nil { answer.append(line.visible) }
                continue
            }
            let trimmed = line.visible.trimmingWhitespace
            if trimmed.isEmpty { continue }
            guard let (label, value) = CommentStrippedLines.field(trimmed), let field = Field(label: label) else {
                fail("text", "text before the first '## …' heading",
                     hint: "move it under a heading, or into the Rating/Outcome/Skills lines (평점/결과/얻은 기술)", line: number)
                continue
            }
            if let first = fieldLines[field.rawValue] {
                fail("field", "\(label) is given twice (first on line \(first))", hint: "keep one '\(label):' line", line: number)
                continue
            }
            fieldLines[field.rawValue] = number
            guard !value.isEmpty else { continue }
            switch field {
            case .rating:
                let digits = value.hasSuffix("/5") ? String(value.dropLast(2)).trimmingWhitespace : value
                if let rating = Int(digits), (1...5).contains(rating), digits.allSatisfy(\.isASCIIDigit) {
                    draft.rating = rating
                } else {
                    fail("rating", "the rating '\(value)' is not a whole number from 1 to 5",
                         hint: "write 1 (poor) to 5 (excellent), or leave it empty", line: number)
                }
            case .outcome:
                let allowed = kind.map(ReflectionOutcome.fitting) ?? ReflectionOutcome.allCases
                if let outcome = ReflectionOutcome(localized: value) {
                    if let kind, !outcome.fits(kind) {
                        fail("outcome", "the outcome '\(value)' does not fit a \(kind.rawValue) reflection",
                             hint: "use one of: \(allowed.map(\.rawValue).joined(separator: ", "))", line: number)
                    } else {
                        draft.outcome = outcome
                    }
                } else {
                    fail("outcome", "unknown outcome '\(value)'",
                         hint: "use one of: \(allowed.map(\.rawValue).joined(separator: ", ")), or leave it empty", line: number)
                }
            case .skills:
                draft.skills = value.split(whereSeparator: { $0 == "," || $0 == "、" || $0 == "，" || $0 == ";" })
                    .map(String.init).normalizedUniqueLines
            }
        }
        finishAnswer()
        try problems.throwIfErrors()
        return draft
    }

    /// The kind and locale a document says it is written in (a JSON `kind` and `locale`, or
    /// the opening comment of an editor document), without reading the rest. Never fails.
    public static func declared(in text: String) -> (kind: ReflectionKind?, locale: ReflectionLocale?) {
        if text.first(where: { !$0.isWhitespace && $0 != "\u{FEFF}" }) == "{" {
            let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
            return ((object?["kind"] as? String).flatMap(ReflectionKind.init(parsing:)),
                    (object?["locale"] as? String).flatMap(ReflectionLocale.init(parsing:)))
        }
        let draft = metadata(CommentStrippedLines(text))
        return (draft.kind, draft.locale)
    }

    /// Reads a reflection document in either form: JSON when it starts with `{`, else Markdown.
    public static func read(_ text: String, template: ReflectionTemplate? = nil,
                            file: String = "reflection") throws(DiagnosticError) -> ReflectionDraft {
        if text.first(where: { !$0.isWhitespace && $0 != "\u{FEFF}" }) == "{" {
            return try parseJSON(text, template: template, file: file)
        }
        return try parse(text, template: template, file: file)
    }

    /// What the opening comment (`pathfolio reflection · kind: … · locale: … · template: …`)
    /// says about the document.
    private static func metadata(_ document: CommentStrippedLines) -> ReflectionDraft {
        var draft = ReflectionDraft()
        for comment in document.lines.flatMap(\.comments) {
            let line = comment.trimmingWhitespace
            guard line.hasPrefix("pathfolio reflection") else { continue }
            for part in line.components(separatedBy: " · ").dropFirst() {
                guard let (name, value) = CommentStrippedLines.field(part) else { continue }
                switch name {
                case "kind": draft.kind = ReflectionKind(parsing: value)
                case "locale": draft.locale = ReflectionLocale(parsing: value)
                case "template": draft.template = value.normalizedLine.nilIfEmpty
                default: break
                }
            }
            break
        }
        return draft
    }

    /// The fields of the block above the first heading.
    private enum Field: String {
        case rating, outcome, skills

        init?(label: String) {
            switch label.lowercased() {
            case "rating", "평점": self = .rating
            case "outcome", "결과": self = .outcome
            case "skills", "skills gained", "얻은 기술", "기술": self = .skills
            default: return nil
            }
        }
    }

    /// An answer line as written in the document: a line that would read as a heading
    /// (`## …`, `\## …`) or a comment (`<!--`) gets one more backslash.
    static func escape(_ line: Substring) -> String {
        var text = String(line)
        if let match = text.prefixMatch(of: /\\*##/) { text = "\\" + text[match.range] + text[match.range.upperBound...] }
        return text.replacing(/<(\\*)!--/) { "<\\\($0.output.1)!--" }
    }

    /// The inverse of ``escape(_:)``.
    static func unescape(_ line: String) -> String {
        var text = line
        if text.prefixMatch(of: /\\+##/) != nil { text.removeFirst() }
        return text.replacing(/<\\(\\*)!--/) { "<\($0.output.1)!--" }
    }
}
