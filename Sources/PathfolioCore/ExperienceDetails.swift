/// How a job is held.
public enum EmploymentType: String, Sendable, Hashable, Codable, CaseIterable {
    case fullTime, partTime, contract, temporary, freelance, selfEmployed, seasonal, other

    /// Parses `fullTime`, `full-time`, `full_time`, `Full Time`.
    public init?(parsing text: String) {
        let folded = text.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
        guard let value = Self.allCases.first(where: { $0.rawValue.lowercased() == folded }) else { return nil }
        self = value
    }
}

/// Which side of a mentoring relationship the person was on.
public enum MentoringRole: String, Sendable, Hashable, Codable, CaseIterable {
    case mentor, mentee
}

/// Fields of a job.
public struct JobDetails: Sendable, Hashable, Codable {
    public var employmentType: EmploymentType?

    public init(employmentType: EmploymentType? = nil) {
        self.employmentType = employmentType
    }

    func normalized() -> JobDetails { self }
    var nilIfEmpty: JobDetails? { employmentType == nil ? nil : self }
}

/// Fields of a training. The training provider is the experience's organization.
public struct TrainingDetails: Sendable, Hashable, Codable {
    /// Length of the course in hours.
    public var hours: Double?
    /// The certificate or qualification earned ("SQL 개발자 (SQLD)").
    public var credential: String?
    /// An external course identifier, such as an HRD-Net course ID.
    public var courseCode: String?
    /// A Korean National Competency Standards (NCS) classification code.
    public var ncsCode: String?
    /// How it was paid for ("국민내일배움카드", "employer", "self").
    public var funding: String?

    public init(hours: Double? = nil, credential: String? = nil, courseCode: String? = nil,
                ncsCode: String? = nil, funding: String? = nil) {
        self.hours = hours
        self.credential = credential
        self.courseCode = courseCode
        self.ncsCode = ncsCode
        self.funding = funding
    }

    func normalized() -> TrainingDetails {
        TrainingDetails(hours: hours, credential: credential?.normalizedLine.nilIfEmpty,
                        courseCode: courseCode?.normalizedLine.nilIfEmpty,
                        ncsCode: ncsCode?.normalizedLine.nilIfEmpty,
                        funding: funding?.normalizedLine.nilIfEmpty)
    }

    var nilIfEmpty: TrainingDetails? { self == TrainingDetails() ? nil : self }
}

/// Fields of a work-experience programme. The host organization is the experience's
/// organization.
public struct WorkExperienceDetails: Sendable, Hashable, Codable {
    /// The programme's name ("청년 일경험 지원사업", "Kickstart").
    public var programme: String?
    /// Who funds or runs the programme ("고용노동부").
    public var sponsor: String?

    public init(programme: String? = nil, sponsor: String? = nil) {
        self.programme = programme
        self.sponsor = sponsor
    }

    func normalized() -> WorkExperienceDetails {
        WorkExperienceDetails(programme: programme?.normalizedLine.nilIfEmpty,
                              sponsor: sponsor?.normalizedLine.nilIfEmpty)
    }

    var nilIfEmpty: WorkExperienceDetails? { self == WorkExperienceDetails() ? nil : self }
}

/// Fields of a mentoring relationship.
public struct MentoringDetails: Sendable, Hashable, Codable {
    public var role: MentoringRole?
    /// The other person, as the person wants them named ("a data engineer with 12 years' experience").
    public var counterpart: String?

    public init(role: MentoringRole? = nil, counterpart: String? = nil) {
        self.role = role
        self.counterpart = counterpart
    }

    func normalized() -> MentoringDetails {
        MentoringDetails(role: role, counterpart: counterpart?.normalizedLine.nilIfEmpty)
    }

    var nilIfEmpty: MentoringDetails? { self == MentoringDetails() ? nil : self }
}
