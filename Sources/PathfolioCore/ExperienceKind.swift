/// What sort of step on the path an experience is.
public enum ExperienceKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Paid work.
    case job
    /// A course, bootcamp or vocational training (for example through a national training card).
    case training
    /// Internships, apprenticeships and public work-experience programmes (일경험, 인턴십).
    case workExperience
    /// Being mentored, or mentoring someone.
    case mentoring
    /// School, college, university.
    case education
    case volunteering
    case project
    case other

    /// Parses a kind, accepting the spellings people type: `workExperience`,
    /// `work-experience`, `work_experience`, any letter case.
    public init?(parsing text: String) {
        let folded = text.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
        guard let kind = Self.allCases.first(where: { $0.rawValue.lowercased() == folded }) else {
            return nil
        }
        self = kind
    }

    /// The statuses' natural reflection: what a person writes when this kind of experience ends.
    public var endingReflection: ReflectionKind? {
        switch self {
        case .job, .workExperience, .volunteering: .postPlacement
        case .training, .education: .postTraining
        case .mentoring, .project, .other: nil
        }
    }
}

/// Where an experience stands.
public enum ExperienceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// A next step that has not started.
    case planned
    case ongoing
    case completed
    /// Ended before its planned end.
    case discontinued

    /// Whether the experience has ended, one way or the other.
    public var hasEnded: Bool { self == .completed || self == .discontinued }
}

/// A typed, directed edge between two experiences.
public enum LinkType: String, Sendable, Hashable, Codable, CaseIterable {
    /// This led to that (a training led to a job). Must stay acyclic.
    case ledTo
    /// This is part of that (a module of a programme, a mentoring inside a work-experience
    /// programme). Must stay acyclic.
    case partOf
    /// This supported that (a mentoring supported a job search).
    case supports
    case relatedTo

    /// Whether links of this type must not form a cycle.
    public var isAcyclic: Bool { self == .ledTo || self == .partOf }

    /// Parses a type, accepting `ledTo`, `led-to`, `led_to`, any letter case.
    public init?(parsing text: String) {
        let folded = text.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
        guard let type = Self.allCases.first(where: { $0.rawValue.lowercased() == folded }) else {
            return nil
        }
        self = type
    }
}

extension ExperienceStatus {
    /// The status a period implies on a given day, for experiences added without one:
    /// a start after today is `planned`; an end on or before today is `completed`; an
    /// ongoing end, or a start with no end, is `ongoing`; no dates at all is `completed`
    /// (most records are added after the fact).
    public static func inferred(from period: Period, today: PartialDate) -> ExperienceStatus {
        if let start = period.start, start.compare(atCommonPrecision: today) == .after { return .planned }
        switch period.end {
        case .ongoing?: return .ongoing
        case .date(let end)?:
            return end.compare(atCommonPrecision: today) == .after ? .ongoing : .completed
        case nil:
            return period.start == nil ? .completed : .ongoing
        }
    }
}
