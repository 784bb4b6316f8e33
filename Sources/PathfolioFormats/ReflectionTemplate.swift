public import PathfolioCore

/// The prompts a reflection asks, in order: a built-in template per kind and locale, or a
/// counselor's own template file.
///
/// A template file is Markdown: an optional `# Title`, a few `field: value` lines, then one
/// `## Prompt {#key}` heading per prompt, with optional guidance lines under it.
///
/// ```
/// # 일경험 마친 후 돌아보기
/// kind: postPlacement
/// locale: ko
///
/// ## 어떤 일을 맡았나요? {#did}
/// 맡은 업무와 함께 일한 사람을 적어 주세요.
///
/// ## 다음에는 무엇을 해 보고 싶나요? {#next}
/// ```
public struct ReflectionTemplate: Sendable, Hashable {
    /// One question of a template.
    public struct Prompt: Sendable, Hashable {
        /// A stable key (`did`, `learned`), the same across locales; answers are stored under it.
        public var key: String
        /// The question as shown.
        public var text: String
        /// Guidance shown under the question (as a comment in the editor), if any.
        public var hint: String?

        /// A prompt; `key` should pass ``ReflectionTemplate/isWellFormedKey(_:)``.
        public init(key: String, text: String, hint: String? = nil) {
            self.key = key
            self.text = text
            self.hint = hint
        }
    }

    /// What reflections record as their template: `builtin:postPlacement`, or a file name.
    public var name: String
    /// A title for people, if the template has one.
    public var title: String?
    /// The kind of reflection it is for.
    public var kind: ReflectionKind
    /// The language of its prompts.
    public var locale: ReflectionLocale
    /// The prompts, in the order they are asked; keys are unique.
    public var prompts: [Prompt]

    /// A template; prefer ``builtIn(_:locale:)`` or ``parse(_:file:)``, which check the rules.
    public init(name: String, title: String? = nil, kind: ReflectionKind, locale: ReflectionLocale, prompts: [Prompt]) {
        self.name = name
        self.title = title
        self.kind = kind
        self.locale = locale
        self.prompts = prompts
    }

    /// The prompt with `key`, if the template has one.
    public func prompt(_ key: String) -> Prompt? {
        prompts.first { $0.key == key }
    }

    /// Whether `key` can name a prompt: 1–40 ASCII letters, digits, `-`, `_` or `.`.
    public static func isWellFormedKey(_ key: String) -> Bool {
        (1...40).contains(key.count)
            && key.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
    }
}

// MARK: - Built-in templates

extension ReflectionTemplate {
    /// The built-in template for a kind of reflection, in English or Korean.
    ///
    /// Keys are the same in both languages, so a reflection written in one can be compared
    /// with one written in the other.
    public static func builtIn(_ kind: ReflectionKind, locale: ReflectionLocale) -> ReflectionTemplate {
        let ko = locale == .ko
        func p(_ key: String, _ en: String, _ korean: String, hint: (String, String)? = nil) -> Prompt {
            Prompt(key: key, text: ko ? korean : en, hint: hint.map { ko ? $0.1 : $0.0 })
        }
        let prompts: [Prompt]
        let title: String
        switch kind {
        case .postPlacement:
            title = ko ? "일을 마친 뒤 돌아보기" : "After the placement"
            prompts = [
                p("did", "What did I do there?", "그곳에서 무엇을 했나요?",
                  hint: ("My role, my main tasks, the people I worked with.", "맡은 역할, 주요 업무, 함께 일한 사람.")),
                p("went-well", "What went well?", "무엇이 잘 되었나요?",
                  hint: ("A moment I am proud of, feedback I got.", "뿌듯했던 순간, 들었던 피드백.")),
                p("hard", "What was hard, and how did I handle it?", "무엇이 어려웠고, 어떻게 대처했나요?"),
                p("learned", "What did I learn, and which skills did I use or gain?", "무엇을 배웠고, 어떤 기술을 쓰거나 익혔나요?",
                  hint: ("List the skills in the Skills line above too.", "기술은 위의 '얻은 기술' 줄에도 적어 주세요.")),
                p("next", "What does this change about my next step?", "이 경험으로 다음 단계에 대해 무엇이 달라졌나요?"),
            ]
        case .postTraining:
            title = ko ? "교육을 마친 뒤 돌아보기" : "After the training"
            prompts = [
                p("why", "Why did I take this training?", "이 교육을 왜 받았나요?"),
                p("did", "What did it cover, and what did I make or practise?", "무엇을 배웠고, 무엇을 만들거나 연습했나요?"),
                p("went-well", "What went well?", "무엇이 잘 되었나요?"),
                p("hard", "What was hard, and how did I handle it?", "무엇이 어려웠고, 어떻게 대처했나요?"),
                p("learned", "What did I learn, and which skills did I gain?", "무엇을 배웠고, 어떤 기술을 익혔나요?",
                  hint: ("List the skills in the Skills line above too.", "기술은 위의 '얻은 기술' 줄에도 적어 주세요.")),
                p("apply", "How will I apply what I learned?", "배운 것을 어디에 어떻게 쓸 건가요?"),
                p("next", "What does this change about my next step?", "이 교육으로 다음 단계에 대해 무엇이 달라졌나요?"),
            ]
        case .checkpoint:
            title = ko ? "중간 점검" : "Checkpoint"
            prompts = [
                p("so-far", "What have I done so far?", "지금까지 무엇을 했나요?"),
                p("went-well", "What is going well?", "무엇이 잘 되고 있나요?"),
                p("hard", "What is hard right now, and what am I doing about it?", "지금 무엇이 어렵고, 어떻게 대처하고 있나요?"),
                p("change", "What do I want to change or ask for before it ends?", "끝나기 전에 무엇을 바꾸거나 요청하고 싶나요?"),
            ]
        case .free:
            title = ko ? "자유 기록" : "Notes"
            prompts = [p("note", "What is on my mind about this experience?", "이 경험에 대해 떠오르는 생각을 적어 보세요.")]
        }
        return ReflectionTemplate(name: "builtin:\(kind.rawValue)", title: title, kind: kind, locale: locale, prompts: prompts)
    }
}

extension ReflectionTemplate {
    /// The template to revise `reflection` with: its prompts as they were shown (a later change
    /// of a template never rewrites them), and, when it was written with a built-in template,
    /// that template's other prompts after them so they can still be answered.
    public static func revising(_ reflection: Reflection) -> ReflectionTemplate {
        let locale = reflection.locale.flatMap(ReflectionLocale.init(parsing:)) ?? .en
        let builtIn = ReflectionTemplate.builtIn(reflection.kind, locale: locale)
        var prompts = reflection.entries.map { entry in
            Prompt(key: entry.key, text: entry.prompt, hint: builtIn.prompt(entry.key)?.hint)
        }
        if reflection.template == builtIn.name {
            prompts += builtIn.prompts.filter { prompt in !reflection.entries.contains { $0.key == prompt.key } }
            prompts = builtIn.ordered(prompts, key: \.key)
        }
        return ReflectionTemplate(name: reflection.template ?? builtIn.name, kind: reflection.kind, locale: locale, prompts: prompts)
    }
}

// MARK: - Template files

extension ReflectionTemplate {
    /// Reads a template file.
    ///
    /// Collects every problem before failing, each with `file:line`: a field other than
    /// `kind`, `locale` or `name`; an unknown kind or locale; a prompt without a `{#key}`, with
    /// a malformed or repeated key, or with no text; text before the first prompt; no prompts
    /// at all; no `kind:` line. A `locale:` line is optional: without it the template is
    /// Korean when its prompts contain Hangul, else English.
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - file: the path to name in diagnostics; its last component becomes ``name``.
    /// - Throws: ``DiagnosticError`` with every problem found.
    public static func parse(_ text: String, file: String) throws(DiagnosticError) -> ReflectionTemplate {
        var problems: [Diagnostic] = []
        func fail(_ code: String, _ message: String, hint: String, line: Int?) {
            problems.append(.error("template.\(code)", message, hint: hint, at: .file(file, line: line)))
        }
        let lines = CommentStrippedLines(text)
        if let open = lines.unclosedComment {
            fail("comment", "the comment opened here is never closed", hint: "end it with -->", line: open)
        }
        var title: String?
        var kind: ReflectionKind?
        var locale: ReflectionLocale?
        var name: String?
        var prompts: [Prompt] = []
        var hintLines: [String] = []
        var keyLines: [String: Int] = [:]
        var seenHeading = false, sawKind = false
        var current: Int?
        func finishPrompt() {
            if let current { prompts[current].hint = hintLines.joined(separator: "\n").normalizedText.nilIfEmpty }
            hintLines = []
            current = nil
        }
        for line in lines.lines where !line.isCommentOnly {
            let number = line.number
            let visible = line.visible
            if let heading = CommentStrippedLines.heading(visible) {
                finishPrompt()
                seenHeading = true
                let parsed = CommentStrippedLines.splitKey(heading)
                guard !parsed.text.isEmpty else {
                    fail("prompt", "the prompt has no text", hint: "write the question after '## '", line: number)
                    continue
                }
                guard let key = parsed.key else {
                    fail("key", "the prompt '\(parsed.text)' has no key",
                         hint: "end the heading with a short key such as {#did}; answers are stored under it", line: number)
                    continue
                }
                guard isWellFormedKey(key) else {
                    fail("key", "the key '\(key)' is not well formed", hint: "use 1–40 letters a–z, digits, '-', '_' or '.'", line: number)
                    continue
                }
                if let first = keyLines[key] {
                    fail("key", "the key '\(key)' is used twice (first on line \(first))", hint: "give every prompt its own key", line: number)
                    continue
                }
                keyLines[key] = number
                prompts.append(Prompt(key: key, text: parsed.text))
                current = prompts.count - 1
                continue
            }
            if seenHeading {
                if current != nil { hintLines.append(visible) }
                continue
            }
            let trimmed = visible.trimmingWhitespace
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("# ") {
                if title != nil {
                    fail("title", "the template has a second title", hint: "keep one '# Title' line", line: number)
                }
                title = String(trimmed.dropFirst(2)).normalizedLine
                continue
            }
            guard let (field, value) = CommentStrippedLines.field(trimmed) else {
                fail("text", "text before the first prompt",
                     hint: "before the first '## Prompt {#key}' heading only '# Title', 'kind:', 'locale:' and 'name:' lines may stand; put notes inside <!-- -->",
                     line: number)
                continue
            }
            switch field.lowercased() {
            case "kind":
                sawKind = true
                kind = ReflectionKind(parsing: value)
                if kind == nil {
                    fail("kind", "unknown reflection kind '\(value)'",
                         hint: "use one of: \(ReflectionKind.allCases.map(\.rawValue).joined(separator: ", "))", line: number)
                }
            case "locale", "language":
                locale = ReflectionLocale(parsing: value)
                if locale == nil {
                    fail("locale", "unknown locale '\(value)'", hint: "use en or ko", line: number)
                }
            case "name":
                name = value.normalizedLine.nilIfEmpty
            default:
                fail("field", "unknown field '\(field)'", hint: "use kind:, locale: or name:", line: number)
            }
        }
        finishPrompt()
        if !seenHeading {
            fail("prompts", "the template has no prompts", hint: "add one line per question, such as '## What did I do? {#did}'", line: nil)
        }
        if !sawKind {
            fail("kind", "the template does not say which kind of reflection it is for",
                 hint: "add a line 'kind: postPlacement' (or postTraining, checkpoint, free) before the first prompt", line: nil)
        }
        try problems.throwIfErrors()
        let fileName = file.split(separator: "/").last.map(String.init) ?? file
        let detected: ReflectionLocale = prompts.contains { $0.text.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) } } ? .ko : .en
        return ReflectionTemplate(name: name ?? fileName, title: title, kind: kind ?? .free, locale: locale ?? detected, prompts: prompts)
    }

    /// The template as a template file, which ``parse(_:file:)`` reads back as the same
    /// template: a starting point for a counselor's own.
    public func fileText() -> String {
        var lines: [String] = []
        if let title { lines.append("# \(title)") }
        lines.append("kind: \(kind.rawValue)")
        lines.append("locale: \(locale.rawValue)")
        if !name.hasPrefix("builtin:") { lines.append("name: \(name)") }
        for prompt in prompts {
            lines.append("")
            lines.append("## \(prompt.text) {#\(prompt.key)}")
            if let hint = prompt.hint { lines.append(hint) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
