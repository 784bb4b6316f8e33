/// What a person wrote about an experience: a dated, structured text.
///
/// The prompt text is stored beside each answer, so changing a template later never
/// rewrites an old reflection. Skills gained join the experience's skills as
/// evidence-backed skills.
public struct Reflection: Sendable, Hashable, Codable, Identifiable {
    public var id: ReflectionID
    public var experienceID: ExperienceID
    public var kind: ReflectionKind
    /// The day it was written.
    public var written: PartialDate
    /// The template it was written with (`builtin:postPlacement`, a file name), if any.
    public var template: String?
    /// The language of the prompts (`en`, `ko`).
    public var locale: String?
    /// Prompts and answers, in order.
    public var entries: [ReflectionEntry]
    /// 1 (poor) to 5 (excellent).
    public var rating: Int?
    public var outcome: ReflectionOutcome?
    public var skillsGained: [String]
    public var visibility: Visibility

    public init(id: ReflectionID, experienceID: ExperienceID, kind: ReflectionKind,
                written: PartialDate, template: String? = nil, locale: String? = nil,
                entries: [ReflectionEntry] = [], rating: Int? = nil, outcome: ReflectionOutcome? = nil,
                skillsGained: [String] = [], visibility: Visibility = .counselor) {
        self.id = id
        self.experienceID = experienceID
        self.kind = kind
        self.written = written
        self.template = template
        self.locale = locale
        self.entries = entries
        self.rating = rating
        self.outcome = outcome
        self.skillsGained = skillsGained
        self.visibility = visibility
    }

    private enum CodingKeys: String, CodingKey {
        case id, experienceID, kind, written, template, locale, entries, rating, outcome, skillsGained, visibility
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(ReflectionID.self, forKey: .id)
        experienceID = try c.decode(ExperienceID.self, forKey: .experienceID)
        kind = try c.decode(ReflectionKind.self, forKey: .kind)
        written = try c.decode(PartialDate.self, forKey: .written)
        template = try c.decodeIfPresent(String.self, forKey: .template)
        locale = try c.decodeIfPresent(String.self, forKey: .locale)
        entries = try c.decodeIfPresent([ReflectionEntry].self, forKey: .entries) ?? []
        rating = try c.decodeIfPresent(Int.self, forKey: .rating)
        outcome = try c.decodeIfPresent(ReflectionOutcome.self, forKey: .outcome)
        skillsGained = try c.decodeIfPresent([String].self, forKey: .skillsGained) ?? []
        visibility = try c.decodeIfPresent(Visibility.self, forKey: .visibility) ?? .counselor
    }

    /// Whether nothing was written: every answer empty, no rating, outcome or skills.
    public var isEmpty: Bool {
        entries.allSatisfy { $0.answer.trimmingWhitespace.isEmpty } && rating == nil
            && outcome == nil && skillsGained.isEmpty
    }

    public func normalized() -> Reflection {
        var copy = self
        copy.template = template?.normalizedLine.nilIfEmpty
        copy.locale = locale?.normalizedLine.nilIfEmpty
        copy.entries = entries.map {
            ReflectionEntry(key: $0.key.normalizedLine, prompt: $0.prompt.normalizedLine, answer: $0.answer.normalizedText)
        }
        copy.skillsGained = skillsGained.normalizedUniqueLines
        return copy
    }

    /// The problems with this reflection on its own: a rating outside 1–5, an outcome that
    /// belongs to another kind of reflection, a written date that is not a day, repeated keys.
    public func diagnostics() -> [Diagnostic] {
        func at(_ field: String) -> Diagnostic.Location { .record("reflection", id.rawValue, field: field) }
        var found: [Diagnostic] = []
        if !ReflectionID.isWellFormed(id.rawValue) {
            found.append(.error("id.malformed", "'\(id.rawValue)' is not a valid ID",
                                hint: "use 1–64 letters, digits, '.', '_' or '-'", at: at("id")))
        }
        if let rating, !(1...5).contains(rating) {
            found.append(.error("reflection.rating", "rating \(rating) is outside 1–5",
                                hint: "rate from 1 (poor) to 5 (excellent), or leave it out", at: at("rating")))
        }
        if let outcome, !outcome.fits(kind) {
            let allowed = ReflectionOutcome.allCases.filter { $0.fits(kind) }.map(\.rawValue)
            found.append(.error("reflection.outcome", "outcome '\(outcome.rawValue)' does not fit a \(kind.rawValue) reflection",
                                hint: "use one of: \(allowed.joined(separator: ", "))", at: at("outcome")))
        }
        if written.precision != .day {
            found.append(.error("reflection.written", "the written date '\(written)' is not a full date",
                                hint: "give the day it was written as YYYY-MM-DD", at: at("written")))
        }
        var keys = Set<String>()
        for (index, entry) in entries.enumerated() {
            if entry.key.isEmpty {
                found.append(.error("reflection.key", "entry \(index + 1) has no key",
                                    hint: "give every prompt a short key such as 'learned'", at: at("entries[\(index)].key")))
            } else if !keys.insert(entry.key).inserted {
                found.append(.error("reflection.key", "the key '\(entry.key)' appears twice",
                                    hint: "give every prompt its own key", at: at("entries[\(index)].key")))
            }
        }
        return found
    }
}

/// One prompt and its answer.
public struct ReflectionEntry: Sendable, Hashable, Codable {
    /// A stable key (`did`, `learned`, `next`), the same across locales.
    public var key: String
    /// The prompt as it was shown.
    public var prompt: String
    public var answer: String

    public init(key: String, prompt: String, answer: String) {
        self.key = key
        self.prompt = prompt
        self.answer = answer
    }
}

/// When a reflection is written.
public enum ReflectionKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// After a job, internship or work-experience programme ends.
    case postPlacement
    /// After a course or training ends.
    case postTraining
    /// Mid-way.
    case checkpoint
    /// Anything else.
    case free

    /// Parses `postPlacement`, `post-placement`, `post_placement`, any letter case.
    public init?(parsing text: String) {
        let folded = text.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
        guard let kind = Self.allCases.first(where: { $0.rawValue.lowercased() == folded }) else { return nil }
        self = kind
    }
}

/// How a placement or a training turned out.
public enum ReflectionOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    // After a placement.
    case hired, contractExtended, finishedAsPlanned, leftEarly
    // After a training.
    case completed, credentialEarned, droppedOut
    case other

    /// Whether this outcome can be the outcome of a reflection of `kind`.
    public func fits(_ kind: ReflectionKind) -> Bool {
        switch (self, kind) {
        case (.other, _), (_, .free), (_, .checkpoint): true
        case (.hired, .postPlacement), (.contractExtended, .postPlacement),
             (.finishedAsPlanned, .postPlacement), (.leftEarly, .postPlacement): true
        case (.completed, .postTraining), (.credentialEarned, .postTraining), (.droppedOut, .postTraining): true
        default: false
        }
    }

    /// Parses `contractExtended`, `contract-extended`, any letter case.
    public init?(parsing text: String) {
        let folded = text.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
        guard let value = Self.allCases.first(where: { $0.rawValue.lowercased() == folded }) else { return nil }
        self = value
    }
}
