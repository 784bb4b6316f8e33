/// A step on a person's path: a job, a training, a work-experience programme, mentoring, …
///
/// An experience names its organization by ID (an ``Organization`` is its own record, so
/// several roles at one employer, concurrent or returning, are simply several experiences
/// pointing at it). Kind-specific fields live in ``job``, ``training``, ``workExperience``
/// and ``mentoring``; only the one that matches ``kind`` may be set.
public struct Experience: Sendable, Hashable, Codable, Identifiable {
    public var id: ExperienceID {
        get { box.fields.id }
        set { makeUnique(); box.fields.id = newValue }
        _modify { makeUnique(); yield &box.fields.id }
    }
    public var kind: ExperienceKind {
        get { box.fields.kind }
        set { makeUnique(); box.fields.kind = newValue }
        _modify { makeUnique(); yield &box.fields.kind }
    }
    public var status: ExperienceStatus {
        get { box.fields.status }
        set { makeUnique(); box.fields.status = newValue }
        _modify { makeUnique(); yield &box.fields.status }
    }
    public var title: String {
        get { box.fields.title }
        set { makeUnique(); box.fields.title = newValue }
        _modify { makeUnique(); yield &box.fields.title }
    }
    /// The employer, training provider, programme host or school.
    public var organizationID: OrganizationID? {
        get { box.fields.organizationID }
        set { makeUnique(); box.fields.organizationID = newValue }
        _modify { makeUnique(); yield &box.fields.organizationID }
    }
    /// The role or position held ("Junior data analyst", "멘티").
    public var role: String? {
        get { box.fields.role }
        set { makeUnique(); box.fields.role = newValue }
        _modify { makeUnique(); yield &box.fields.role }
    }
    public var location: String? {
        get { box.fields.location }
        set { makeUnique(); box.fields.location = newValue }
        _modify { makeUnique(); yield &box.fields.location }
    }
    public var period: Period {
        get { box.fields.period }
        set { makeUnique(); box.fields.period = newValue }
        _modify { makeUnique(); yield &box.fields.period }
    }
    public var summary: String? {
        get { box.fields.summary }
        set { makeUnique(); box.fields.summary = newValue }
        _modify { makeUnique(); yield &box.fields.summary }
    }
    /// Achievements, one line each.
    public var highlights: [String] {
        get { box.fields.highlights }
        set { makeUnique(); box.fields.highlights = newValue }
        _modify { makeUnique(); yield &box.fields.highlights }
    }
    public var skills: [String] {
        get { box.fields.skills }
        set { makeUnique(); box.fields.skills = newValue }
        _modify { makeUnique(); yield &box.fields.skills }
    }
    public var evidence: [Evidence] {
        get { box.fields.evidence }
        set { makeUnique(); box.fields.evidence = newValue }
        _modify { makeUnique(); yield &box.fields.evidence }
    }
    public var tags: [String] {
        get { box.fields.tags }
        set { makeUnique(); box.fields.tags = newValue }
        _modify { makeUnique(); yield &box.fields.tags }
    }
    public var visibility: Visibility {
        get { box.fields.visibility }
        set { makeUnique(); box.fields.visibility = newValue }
        _modify { makeUnique(); yield &box.fields.visibility }
    }
    public var job: JobDetails? {
        get { box.fields.job }
        set { makeUnique(); box.fields.job = newValue }
        _modify { makeUnique(); yield &box.fields.job }
    }
    public var training: TrainingDetails? {
        get { box.fields.training }
        set { makeUnique(); box.fields.training = newValue }
        _modify { makeUnique(); yield &box.fields.training }
    }
    public var workExperience: WorkExperienceDetails? {
        get { box.fields.workExperience }
        set { makeUnique(); box.fields.workExperience = newValue }
        _modify { makeUnique(); yield &box.fields.workExperience }
    }
    public var mentoring: MentoringDetails? {
        get { box.fields.mentoring }
        set { makeUnique(); box.fields.mentoring = newValue }
        _modify { makeUnique(); yield &box.fields.mentoring }
    }

    /// The fields, in one shared box: an experience is copied whole wherever a list of them
    /// is filtered, sorted or walked, and a copy of 18 fields retained each of their strings
    /// and lists, and released them again (7% of a caseload export's instructions); a copy
    /// of the box is one retain. A change copies the box first where another value shares it.
    private var box: Box

    private struct Fields: Hashable {
        var id: ExperienceID
        var kind: ExperienceKind
        var status: ExperienceStatus
        var title: String
        var organizationID: OrganizationID?
        var role: String?
        var location: String?
        var period: Period
        var summary: String?
        var highlights: [String]
        var skills: [String]
        var evidence: [Evidence]
        var tags: [String]
        var visibility: Visibility
        var job: JobDetails?
        var training: TrainingDetails?
        var workExperience: WorkExperienceDetails?
        var mentoring: MentoringDetails?
    }

    /// Changed only by a value that holds it alone (``makeUnique()``), so no two threads
    /// can touch one box's fields at once: hence `@unchecked Sendable`, and no run-time
    /// exclusivity checks on every read of a field.
    private final class Box: @unchecked Sendable {
        @exclusivity(unchecked) var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    /// Gives this value a box of its own before a change, copying the fields if another
    /// value shares them.
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
    }

    public static func == (a: Experience, b: Experience) -> Bool {
        a.box === b.box || a.box.fields == b.box.fields
    }

    public func hash(into hasher: inout Hasher) {
        box.fields.hash(into: &hasher)
    }

    public init(
        id: ExperienceID,
        kind: ExperienceKind,
        status: ExperienceStatus = .completed,
        title: String,
        organizationID: OrganizationID? = nil,
        role: String? = nil,
        location: String? = nil,
        period: Period = Period(),
        summary: String? = nil,
        highlights: [String] = [],
        skills: [String] = [],
        evidence: [Evidence] = [],
        tags: [String] = [],
        visibility: Visibility = .public,
        job: JobDetails? = nil,
        training: TrainingDetails? = nil,
        workExperience: WorkExperienceDetails? = nil,
        mentoring: MentoringDetails? = nil
    ) {
        box = Box(Fields(id: id, kind: kind, status: status, title: title, organizationID: organizationID,
                         role: role, location: location, period: period, summary: summary,
                         highlights: highlights, skills: skills, evidence: evidence, tags: tags,
                         visibility: visibility, job: job, training: training,
                         workExperience: workExperience, mentoring: mentoring))
    }

    private enum CodingKeys: String, CodingKey {
        case id, kind, status, title, organizationID, role, location, period, summary
        case highlights, skills, evidence, tags, visibility, job, training, workExperience, mentoring
    }

    /// Decodes, treating missing lists as empty and a missing visibility as `public`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(ExperienceID.self, forKey: .id),
            kind: try c.decode(ExperienceKind.self, forKey: .kind),
            status: try c.decode(ExperienceStatus.self, forKey: .status),
            title: try c.decode(String.self, forKey: .title),
            organizationID: try c.decodeIfPresent(OrganizationID.self, forKey: .organizationID),
            role: try c.decodeIfPresent(String.self, forKey: .role),
            location: try c.decodeIfPresent(String.self, forKey: .location),
            period: try c.decodeIfPresent(Period.self, forKey: .period) ?? Period(),
            summary: try c.decodeIfPresent(String.self, forKey: .summary),
            highlights: try c.decodeIfPresent([String].self, forKey: .highlights) ?? [],
            skills: try c.decodeIfPresent([String].self, forKey: .skills) ?? [],
            evidence: try c.decodeIfPresent([Evidence].self, forKey: .evidence) ?? [],
            tags: try c.decodeIfPresent([String].self, forKey: .tags) ?? [],
            visibility: try c.decodeIfPresent(Visibility.self, forKey: .visibility) ?? .public,
            job: try c.decodeIfPresent(JobDetails.self, forKey: .job),
            training: try c.decodeIfPresent(TrainingDetails.self, forKey: .training),
            workExperience: try c.decodeIfPresent(WorkExperienceDetails.self, forKey: .workExperience),
            mentoring: try c.decodeIfPresent(MentoringDetails.self, forKey: .mentoring))
    }

    /// Encodes every field, leaving out those not set (what the synthesized encoding did
    /// when the fields were stored here: revisions' snapshots keep their bytes).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let f = box.fields
        try c.encode(f.id, forKey: .id)
        try c.encode(f.kind, forKey: .kind)
        try c.encode(f.status, forKey: .status)
        try c.encode(f.title, forKey: .title)
        try c.encodeIfPresent(f.organizationID, forKey: .organizationID)
        try c.encodeIfPresent(f.role, forKey: .role)
        try c.encodeIfPresent(f.location, forKey: .location)
        try c.encode(f.period, forKey: .period)
        try c.encodeIfPresent(f.summary, forKey: .summary)
        try c.encode(f.highlights, forKey: .highlights)
        try c.encode(f.skills, forKey: .skills)
        try c.encode(f.evidence, forKey: .evidence)
        try c.encode(f.tags, forKey: .tags)
        try c.encode(f.visibility, forKey: .visibility)
        try c.encodeIfPresent(f.job, forKey: .job)
        try c.encodeIfPresent(f.training, forKey: .training)
        try c.encodeIfPresent(f.workExperience, forKey: .workExperience)
        try c.encodeIfPresent(f.mentoring, forKey: .mentoring)
    }

    /// Whether any kind-specific field is set.
    public var hasDetails: Bool {
        job != nil || training != nil || workExperience != nil || mentoring != nil
    }

    /// This experience with its text normalized (NFC, trimmed one-line fields, unique
    /// skills and tags) and empty kind-specific groups removed.
    public func normalized() -> Experience {
        var copy = self
        copy.title = title.normalizedLine
        copy.role = role?.normalizedLine.nilIfEmpty
        copy.location = location?.normalizedLine.nilIfEmpty
        copy.summary = summary?.normalizedText.nilIfEmpty
        copy.highlights = highlights.map(\.normalizedText).filter { !$0.isEmpty }
        copy.skills = skills.normalizedUniqueLines
        copy.tags = tags.normalizedUniqueLines
        copy.evidence = evidence.map { $0.normalized() }
        copy.period = Period(
            start: period.start.map(\.normalizedLabel),
            end: period.end.map { end in
                if case .date(let date) = end { return .date(date.normalizedLabel) }
                return end
            }
        )
        copy.job = job?.normalized().nilIfEmpty
        copy.training = training?.normalized().nilIfEmpty
        copy.workExperience = workExperience?.normalized().nilIfEmpty
        copy.mentoring = mentoring?.normalized().nilIfEmpty
        return copy
    }

    /// Where the status and the dates disagree on `today`: a completed experience that starts
    /// or ends after it, a planned one that has started or ended, an ongoing one that has not
    /// started or whose end has passed. Warnings, never errors: they depend on the day, and a
    /// record that was right when it was written (a plan, a file from last year) stays valid.
    /// Dates are compared at their common precision, so `2026-11` is not after `2026-11-24`.
    /// Each hint is a command that fixes it, naming the experience as `shown` (by default its
    /// short ID).
    public func statusWarnings(today: PartialDate, shown: String? = nil) -> [Diagnostic] {
        let edit = "pathfolio edit \(shown ?? id.short)"
        func later(_ date: PartialDate?) -> Bool { date.flatMap { $0.compare(atCommonPrecision: today) } == .after }
        func earlier(_ date: PartialDate?) -> Bool { date.flatMap { $0.compare(atCommonPrecision: today) } == .before }
        let at = Diagnostic.Location.record("experience", id.rawValue, field: "status")
        let end: PartialDate? = if case .date(let date)? = period.end { date } else { nil }
        if status != .planned, later(period.start), let start = period.start {
            return [.warning("status.notStarted", "it is \(status.rawValue), but it starts \(start), after today",
                             hint: "if it has not begun yet, make it planned: \(edit) --status planned", at: at)]
        }
        switch status {
        case .completed, .discontinued:
            if later(end), let end {
                return [.warning("status.notEnded", "it is \(status.rawValue), but it ends \(end), after today",
                                 hint: "if it is still going on: \(edit) --status ongoing; if it ended early: \(edit) --end YYYY-MM-DD",
                                 at: at)]
            }
        case .planned:
            if earlier(end), let end {
                return [.warning("status.ended", "it is planned, but it ended \(end)",
                                 hint: "if it happened: \(edit) --status completed", at: at)]
            }
            if earlier(period.start), let start = period.start {
                return [.warning("status.started", "it is planned, but it started \(start)",
                                 hint: "if it has begun: \(edit) --status ongoing", at: at)]
            }
        case .ongoing:
            if earlier(end), let end {
                return [.warning("status.ended", "it is ongoing, but its end, \(end), has passed",
                                 hint: "if it ended then: pathfolio end \(shown ?? id.short) --date \(end.isoString ?? "YYYY-MM-DD")", at: at)]
            }
        }
        return []
    }

    /// The problems with this experience on its own: an empty title, an end before its
    /// start, an ongoing end on a finished experience, kind-specific fields of another kind,
    /// malformed evidence.
    public func diagnostics() -> [Diagnostic] {
        func at(_ field: String) -> Diagnostic.Location { .record("experience", id.rawValue, field: field) }
        var found: [Diagnostic] = []
        if !Identifier<Experience>.isWellFormed(id.rawValue) {
            found.append(.error("id.malformed", "'\(id.rawValue)' is not a valid ID",
                                hint: "use 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit",
                                at: at("id")))
        }
        if title.trimmingWhitespace.isEmpty {
            found.append(.error("field.required", "the title is empty",
                                hint: "give the experience a title, e.g. --title \"Data analyst\"", at: at("title")))
        }
        found += period.diagnostics(at: at("period"))
        if status.hasEnded, period.isOngoing {
            found.append(.error("status.conflict", "status is \(status.rawValue) but the end is ongoing",
                                hint: "give an end date, or set the status to ongoing", at: at("period.end")))
        }
        let groups: [(String, Bool, ExperienceKind)] = [
            ("job", job != nil, .job),
            ("training", training != nil, .training),
            ("workExperience", workExperience != nil, .workExperience),
            ("mentoring", mentoring != nil, .mentoring),
        ]
        for (name, isSet, owner) in groups where isSet && owner != kind {
            found.append(.error("details.kindMismatch",
                                "\(name) fields are set on a \(kind.rawValue) experience",
                                hint: "\(name) fields apply to \(owner.rawValue) experiences only; remove them or change the kind",
                                at: at(name)))
        }
        if let hours = training?.hours, !(hours >= 0 && hours < 100_000) {
            // As given: `-5`, not Double's `-5.0`.
            let given = hours.isFinite && hours == hours.rounded() && abs(hours) < 1e15 ? String(Int64(hours)) : String(hours)
            found.append(.error("training.hours", "training hours \(given) are out of range",
                                hint: "give the course length in hours, e.g. 320", at: at("training.hours")))
        }
        for (index, item) in evidence.enumerated() {
            found += item.diagnostics(at: at("evidence[\(index)]"))
        }
        return found
    }
}

extension PartialDate {
    /// The same date with its label normalized.
    var normalizedLabel: PartialDate {
        guard let label else { return self }
        if let year { return (try? PartialDate(year: year, month: month, day: day, label: label)) ?? self }
        return (try? PartialDate(label: label)) ?? self
    }
}

/// A reference to something that shows what was done: a certificate, a report, a link.
public struct Evidence: Sendable, Hashable, Codable {
    public var title: String
    /// A URI (`https://…`) or a file path.
    public var uri: String
    /// The SHA-256 of the file's bytes, as 64 lowercase hex digits, when known.
    public var sha256: String?

    public init(title: String, uri: String, sha256: String? = nil) {
        self.title = title
        self.uri = uri
        self.sha256 = sha256
    }

    func normalized() -> Evidence {
        Evidence(title: title.normalizedLine, uri: uri.trimmingWhitespace.nfc.withoutNUL,
                 sha256: sha256?.trimmingWhitespace.lowercased().nilIfEmpty)
    }

    func diagnostics(at location: Diagnostic.Location) -> [Diagnostic] {
        var found: [Diagnostic] = []
        if uri.isEmpty {
            found.append(.error("evidence.uri", "evidence '\(title)' has no URI or path",
                                hint: "give a link (https://…) or a file path", at: location))
        }
        if let sha256, !(sha256.utf8.count == 64 && sha256.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })) {
            found.append(.error("evidence.sha256", "'\(sha256)' is not a SHA-256 digest",
                                hint: "give 64 hex digits, or leave the digest out", at: location))
        }
        return found
    }
}
