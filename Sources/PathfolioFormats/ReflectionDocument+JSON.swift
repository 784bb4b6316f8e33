public import PathfolioCore
import Foundation

extension ReflectionDocument {
    /// The keys a JSON reflection may have.
    static let jsonKeys = ["kind", "locale", "template", "written", "rating", "outcome", "skills", "skillsGained",
                           "visibility", "answers", "entries"]

    /// Reads a reflection sent as JSON by a script or a platform:
    ///
    /// ```json
    /// {"kind": "postPlacement", "rating": 4, "outcome": "hired", "skills": ["SQL"],
    ///  "answers": {"did": "…", "learned": "…"}}
    /// ```
    ///
    /// `answers` maps template keys to answers; `entries` (`[{"key", "prompt", "answer"}]`)
    /// carries prompts of its own, for keys the template lacks. `written` (YYYY-MM-DD) and
    /// `visibility` are optional. Every problem is reported with the field it is in.
    ///
    /// - Throws: ``DiagnosticError``.
    public static func parseJSON(_ text: String, template: ReflectionTemplate? = nil,
                                 file: String = "reflection.json") throws(DiagnosticError) -> ReflectionDraft {
        var problems: [Diagnostic] = []
        func fail(_ field: String?, _ code: String, _ message: String, hint: String) {
            problems.append(.error("reflection.\(code)", message, hint: hint, at: Diagnostic.Location(file: file, field: field)))
        }
        let object: [String: Any]
        do {
            guard let value = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
                throw DiagnosticError(.error("reflection.json", "the JSON is not an object",
                                             hint: "send one object such as {\"answers\": {\"did\": \"…\"}}", at: .file(file)))
            }
            object = value
        } catch let error as DiagnosticError {
            throw error
        } catch {
            let line = Self.errorLine(error, in: text)
            throw DiagnosticError(.error("reflection.json", "the text is not valid JSON",
                                         hint: "check quotes, commas and braces near this line", at: .file(file, line: line)))
        }
        var draft = ReflectionDraft()
        for key in object.keys.sorted() where !jsonKeys.contains(key) {
            fail(key, "field", "unknown field '\(key)'", hint: "use: \(jsonKeys.joined(separator: ", "))")
        }
        func string(_ key: String) -> String? {
            guard let value = object[key], !(value is NSNull) else { return nil }
            guard let text = value as? String else {
                fail(key, "type", "\(key) is not a string", hint: "write it in quotes")
                return nil
            }
            return text
        }
        if let text = string("kind") {
            draft.kind = ReflectionKind(parsing: text)
            if draft.kind == nil {
                fail("kind", "kind", "unknown reflection kind '\(text)'",
                     hint: "use one of: \(ReflectionKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if let text = string("locale") {
            draft.locale = ReflectionLocale(parsing: text)
            if draft.locale == nil { fail("locale", "locale", "unknown locale '\(text)'", hint: "use en or ko") }
        }
        draft.template = string("template")?.normalizedLine.nilIfEmpty
        if let text = string("written") {
            if let date = try? PartialDate(text), date.precision == .day {
                draft.written = date
            } else {
                fail("written", "written", "the date '\(text)' is not a full date", hint: "write it as YYYY-MM-DD")
            }
        }
        if let text = string("visibility") {
            draft.visibility = Visibility(rawValue: text.lowercased())
            if draft.visibility == nil {
                fail("visibility", "visibility", "unknown visibility '\(text)'", hint: "use private, counselor or public")
            }
        }
        if let value = object["rating"], !(value is NSNull) {
            if !(value is Bool), let number = value as? NSNumber, !["true", "false"].contains("\(value)"),
               number.doubleValue == number.doubleValue.rounded(), (1...5).contains(number.doubleValue) {
                draft.rating = number.intValue
            } else {
                fail("rating", "rating", "the rating is not a whole number from 1 to 5", hint: "give 1 (poor) to 5 (excellent), or leave it out")
            }
        }
        if let text = string("outcome") {
            let kind = draft.kind ?? template?.kind
            let allowed = (kind.map(ReflectionOutcome.fitting) ?? ReflectionOutcome.allCases).map(\.rawValue).joined(separator: ", ")
            if let outcome = ReflectionOutcome(localized: text) {
                if let kind, !outcome.fits(kind) {
                    fail("outcome", "outcome", "the outcome '\(text)' does not fit a \(kind.rawValue) reflection", hint: "use one of: \(allowed)")
                } else {
                    draft.outcome = outcome
                }
            } else {
                fail("outcome", "outcome", "unknown outcome '\(text)'", hint: "use one of: \(allowed)")
            }
        }
        for key in ["skills", "skillsGained"] {
            guard let value = object[key], !(value is NSNull) else { continue }
            if let list = value as? [String] {
                draft.skills = (draft.skills + list).normalizedUniqueLines
            } else {
                fail(key, "type", "\(key) is not a list of strings", hint: "write it as [\"SQL\", \"고객 응대\"]")
            }
        }
        if let value = object["answers"], !(value is NSNull) {
            if let answers = value as? [String: Any] {
                for key in answers.keys.sorted() {
                    guard let answer = answers[key] as? String else {
                        fail("answers.\(key)", "type", "the answer '\(key)' is not a string", hint: "write it in quotes")
                        continue
                    }
                    if let prompt = template?.prompt(key) {
                        draft.entries.append(ReflectionEntry(key: key, prompt: prompt.text, answer: answer.normalizedText))
                    } else {
                        fail("answers.\(key)", "key", "the template has no prompt '\(key)'",
                             hint: "use one of: \((template?.prompts.map(\.key) ?? []).joined(separator: ", ")); for a prompt of your own use entries with a prompt")
                    }
                }
            } else {
                fail("answers", "type", "answers is not an object", hint: "write it as {\"did\": \"…\", \"learned\": \"…\"}")
            }
        }
        if let value = object["entries"], !(value is NSNull) {
            if let list = value as? [[String: Any]] {
                for (index, item) in list.enumerated() {
                    let field = "entries[\(index)]"
                    guard let key = item["key"] as? String, ReflectionTemplate.isWellFormedKey(key) else {
                        fail(field + ".key", "key", "entry \(index + 1) has no well-formed key", hint: "use 1–40 letters a–z, digits, '-', '_' or '.'")
                        continue
                    }
                    guard let answer = item["answer"] as? String else {
                        fail(field + ".answer", "type", "entry '\(key)' has no answer string", hint: "add \"answer\": \"…\"")
                        continue
                    }
                    guard let prompt = (item["prompt"] as? String)?.normalizedLine.nilIfEmpty ?? template?.prompt(key)?.text else {
                        fail(field + ".prompt", "prompt", "entry '\(key)' has no prompt and the template has none under that key",
                             hint: "add \"prompt\": \"…\" with the question as asked")
                        continue
                    }
                    if draft.entries.contains(where: { $0.key == key }) {
                        fail(field + ".key", "key", "the prompt '\(key)' is answered twice", hint: "give each key one answer")
                        continue
                    }
                    draft.entries.append(ReflectionEntry(key: key, prompt: prompt, answer: answer.normalizedText))
                }
            } else {
                fail("entries", "type", "entries is not a list of objects", hint: "write it as [{\"key\": \"did\", \"prompt\": \"…\", \"answer\": \"…\"}]")
            }
        }
        try problems.throwIfErrors()
        if let template { draft.entries = template.ordered(draft.entries) }
        return draft
    }

    /// The line a JSON syntax error is on, when Foundation says (a byte offset, `around
    /// character 29`, or the end of the text).
    static func errorLine(_ error: any Error, in text: String) -> Int? {
        let info = (error as NSError).userInfo
        func line(atByte offset: Int) -> Int {
            text.utf8.prefix(max(0, offset)).reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        }
        if let offset = info["NSJSONSerializationErrorIndex"] as? Int { return line(atByte: offset) }
        let description = String(describing: info[NSDebugDescriptionErrorKey] ?? "")
        if let match = description.firstMatch(of: /line (\d+)/) { return Int(match.output.1) }
        if let match = description.firstMatch(of: /character (\d+)/), let offset = Int(match.output.1) { return line(atByte: offset) }
        if description.lowercased().contains("end of file") { return line(atByte: text.utf8.count) }
        return nil
    }
}
