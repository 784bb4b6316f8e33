public import PathfolioCore

/// What a person wrote for a reflection, before it is stored: answers, rating, outcome,
/// skills, and what the document says about itself (kind, locale, template).
///
/// Read from an editor document or JSON by ``ReflectionDocument``, filled from command-line
/// answers with ``setAnswer(_:_:template:)``, turned into a ``PathfolioCore/Reflection`` by
/// ``reflection(id:experienceID:written:template:visibility:)``.
public struct ReflectionDraft: Sendable, Hashable {
    /// The kind the document says it is, if it says.
    public var kind: ReflectionKind?
    /// The language of the prompts, if the document says.
    public var locale: ReflectionLocale?
    /// The template name the document says it was made from.
    public var template: String?
    /// Prompts and answers in document order; answers may be empty.
    public var entries: [ReflectionEntry]
    /// 1 (poor) to 5 (excellent), if given.
    public var rating: Int?
    /// How it turned out, if given.
    public var outcome: ReflectionOutcome?
    /// Skills gained, in the order written, without repeats.
    public var skills: [String]
    /// Who may see it; only JSON input carries it.
    public var visibility: Visibility?
    /// The day it was written; only JSON input carries it.
    public var written: PartialDate?

    /// A draft; everything is optional.
    public init(kind: ReflectionKind? = nil, locale: ReflectionLocale? = nil, template: String? = nil,
                entries: [ReflectionEntry] = [], rating: Int? = nil, outcome: ReflectionOutcome? = nil,
                skills: [String] = [], visibility: Visibility? = nil, written: PartialDate? = nil) {
        self.kind = kind
        self.locale = locale
        self.template = template
        self.entries = entries
        self.rating = rating
        self.outcome = outcome
        self.skills = skills
        self.visibility = visibility
        self.written = written
    }

    /// A stored reflection as a draft, to revise it.
    public init(_ reflection: Reflection) {
        self.init(kind: reflection.kind, locale: reflection.locale.flatMap(ReflectionLocale.init(parsing:)),
                  template: reflection.template, entries: reflection.entries, rating: reflection.rating,
                  outcome: reflection.outcome, skills: reflection.skillsGained, visibility: reflection.visibility,
                  written: reflection.written)
    }

    /// Whether nothing was written: every answer blank, and no rating, outcome or skills.
    public var isEmpty: Bool {
        entries.allSatisfy { $0.answer.trimmingWhitespace.isEmpty } && rating == nil && outcome == nil && skills.isEmpty
    }

    /// The answer under `key`, if the draft has that prompt.
    public func answer(_ key: String) -> String? {
        entries.first { $0.key == key }?.answer
    }

    /// Sets the answer to the template's prompt `key` (adding the prompt when the draft lacks it).
    ///
    /// - Throws: ``DiagnosticError`` when the template has no prompt `key`; the hint lists the keys.
    public mutating func setAnswer(_ key: String, _ answer: String, template: ReflectionTemplate) throws(DiagnosticError) {
        if let index = entries.firstIndex(where: { $0.key == key }) {
            entries[index].answer = answer.normalizedText
            return
        }
        guard let prompt = template.prompt(key) else {
            throw DiagnosticError(.error("reflection.key", "the template '\(template.name)' has no prompt '\(key)'",
                                         hint: "use one of: \(template.prompts.map(\.key).joined(separator: ", "))",
                                         at: Diagnostic.Location(field: "--answer \(key)")))
        }
        entries.append(ReflectionEntry(key: key, prompt: prompt.text, answer: answer.normalizedText))
        entries = template.ordered(entries)
    }

    /// The values of `other` laid over this draft: its answers replace these, its rating,
    /// outcome, skills, visibility and date replace these when it has them.
    public func merging(_ other: ReflectionDraft, template: ReflectionTemplate) -> ReflectionDraft {
        var merged = self
        for entry in other.entries {
            if let index = merged.entries.firstIndex(where: { $0.key == entry.key }) {
                merged.entries[index].answer = entry.answer
            } else {
                merged.entries.append(entry)
            }
        }
        merged.entries = template.ordered(merged.entries)
        merged.rating = other.rating ?? rating
        merged.outcome = other.outcome ?? outcome
        if !other.skills.isEmpty { merged.skills = other.skills }
        merged.visibility = other.visibility ?? visibility
        merged.written = other.written ?? written
        merged.kind = other.kind ?? kind
        merged.locale = other.locale ?? locale
        merged.template = other.template ?? self.template
        return merged
    }

    /// The reflection this draft becomes. Entries without an answer are left out; the kind
    /// and locale are the draft's own when it names them, else the template's.
    public func reflection(id: ReflectionID, experienceID: ExperienceID, written: PartialDate,
                           template: ReflectionTemplate, visibility: Visibility = .counselor) -> Reflection {
        Reflection(id: id, experienceID: experienceID, kind: kind ?? template.kind, written: self.written ?? written,
                   template: self.template ?? template.name, locale: (locale ?? template.locale).rawValue,
                   entries: entries.filter { !$0.answer.trimmingWhitespace.isEmpty },
                   rating: rating, outcome: outcome, skillsGained: skills, visibility: self.visibility ?? visibility)
        .normalized()
    }
}

extension ReflectionTemplate {
    /// Entries in the template's prompt order, entries the template lacks after them in
    /// their own order.
    func ordered(_ entries: [ReflectionEntry]) -> [ReflectionEntry] {
        ordered(entries, key: \.key)
    }

    /// Items in the template's prompt order by their key, items the template lacks after
    /// them in their own order.
    func ordered<Item>(_ items: [Item], key: (Item) -> String) -> [Item] {
        let position = Dictionary(prompts.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        return items.enumerated().sorted { a, b in
            let left = position[key(a.element)] ?? prompts.count + a.offset
            let right = position[key(b.element)] ?? prompts.count + b.offset
            return left < right
        }.map(\.element)
    }
}
