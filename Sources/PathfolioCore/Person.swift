/// The owner of a path. One ledger may hold many (a counselor's caseload).
public struct Person: Sendable, Hashable, Codable, Identifiable {
    public var id: PersonID
    public var name: String
    public var nameVisibility: Visibility
    /// Contact details, birth date, headline, … each with its own visibility.
    public var details: [PersonalDetail]
    /// Caseload tags a counselor groups people by (`youth`, `career-changer`).
    /// Seen by the person and their counselor, never by the public.
    public var tags: [String]

    public init(id: PersonID, name: String, nameVisibility: Visibility = .public,
                details: [PersonalDetail] = [], tags: [String] = []) {
        self.id = id
        self.name = name
        self.nameVisibility = nameVisibility
        self.details = details
        self.tags = tags
    }

    private enum CodingKeys: String, CodingKey { case id, name, nameVisibility, details, tags }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(PersonID.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        nameVisibility = try c.decodeIfPresent(Visibility.self, forKey: .nameVisibility) ?? .public
        details = try c.decodeIfPresent([PersonalDetail].self, forKey: .details) ?? []
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
    }

    /// The first detail of a kind, if any.
    public func detail(_ kind: PersonalDetailKind) -> PersonalDetail? {
        details.first { $0.kind == kind }
    }

    /// This person with normalized text.
    public func normalized() -> Person {
        var copy = self
        copy.name = name.normalizedLine
        copy.details = details.map { $0.normalized() }.filter { !$0.value.isEmpty }
        copy.tags = tags.normalizedUniqueLines
        return copy
    }

    /// The problems with this person on their own.
    public func diagnostics() -> [Diagnostic] {
        var found: [Diagnostic] = []
        if !PersonID.isWellFormed(id.rawValue) {
            found.append(.error("id.malformed", "'\(id.rawValue)' is not a valid ID",
                                hint: "use 1–64 letters, digits, '.', '_' or '-'", at: .record("person", id.rawValue, field: "id")))
        }
        if name.trimmingWhitespace.isEmpty {
            found.append(.error("field.required", "the name is empty", hint: "give the person a name",
                                at: .record("person", id.rawValue, field: "name")))
        }
        for (index, detail) in details.enumerated() where detail.kind == .birthDate {
            if (try? PartialDate(detail.value)) == nil {
                found.append(.error("date.malformed", "the birth date is not a date",
                                    hint: "write it as YYYY, YYYY-MM or YYYY-MM-DD",
                                    at: .record("person", id.rawValue, field: "details[\(index)]")))
            }
        }
        return found
    }
}

/// One personal field: a contact detail, a birth date, a headline.
public struct PersonalDetail: Sendable, Hashable, Codable {
    public var kind: PersonalDetailKind
    public var value: String
    /// What this value is, when more than one of a kind exists ("work", "home").
    public var label: String?
    public var visibility: Visibility

    /// Makes a detail; the visibility defaults to the kind's ``PersonalDetailKind/defaultVisibility``.
    public init(_ kind: PersonalDetailKind, _ value: String, label: String? = nil, visibility: Visibility? = nil) {
        self.kind = kind
        self.value = value
        self.label = label
        self.visibility = visibility ?? kind.defaultVisibility
    }

    func normalized() -> PersonalDetail {
        PersonalDetail(kind, kind == .summary ? value.normalizedText : value.normalizedLine,
                       label: label?.normalizedLine.nilIfEmpty, visibility: visibility)
    }
}

/// Kinds of personal field.
public enum PersonalDetailKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A one-line description ("Data analyst in training").
    case headline
    /// A short profile paragraph.
    case summary
    case email, phone, address
    /// City or region.
    case location
    case website
    case birthDate
    /// A URI or path of a photo.
    case photo
    case nationality
    case gender
    case other

    /// How visible a new detail of this kind is unless the person says otherwise:
    /// headline, summary and website are public; email, phone, location and photo are for
    /// the counselor; address, birth date, nationality and gender stay private.
    public var defaultVisibility: Visibility {
        switch self {
        case .headline, .summary, .website: .public
        case .email, .phone, .location, .photo, .other: .counselor
        case .address, .birthDate, .nationality, .gender: .private
        }
    }

    /// Whether a blind-hiring profile leaves this out (everything except the headline and
    /// summary).
    public var isIdentifying: Bool { self != .headline && self != .summary }
}

/// An employer, training provider, programme host or school.
public struct Organization: Sendable, Hashable, Codable, Identifiable {
    public var id: OrganizationID
    public var name: String
    public var kind: OrganizationKind?
    public var location: String?
    public var website: String?

    public init(id: OrganizationID, name: String, kind: OrganizationKind? = nil,
                location: String? = nil, website: String? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.location = location
        self.website = website
    }

    public func normalized() -> Organization {
        Organization(id: id, name: name.normalizedLine, kind: kind,
                     location: location?.normalizedLine.nilIfEmpty,
                     website: website?.trimmingWhitespace.nfc.withoutNUL.nilIfEmpty)
    }

    public func diagnostics() -> [Diagnostic] {
        var found: [Diagnostic] = []
        if !OrganizationID.isWellFormed(id.rawValue) {
            found.append(.error("id.malformed", "'\(id.rawValue)' is not a valid ID",
                                hint: "use 1–64 letters, digits, '.', '_' or '-'", at: .record("organization", id.rawValue, field: "id")))
        }
        if name.trimmingWhitespace.isEmpty {
            found.append(.error("field.required", "the organization name is empty", hint: "give the organization a name",
                                at: .record("organization", id.rawValue, field: "name")))
        }
        return found
    }
}

/// Kinds of organization.
public enum OrganizationKind: String, Sendable, Hashable, Codable, CaseIterable {
    case employer, trainingProvider, school, publicAgency, nonprofit, other
}

/// A typed, directed edge between two experiences of one person.
public struct Link: Sendable, Hashable, Codable {
    public var from: ExperienceID
    public var to: ExperienceID
    public var type: LinkType
    public var note: String?

    public init(from: ExperienceID, to: ExperienceID, type: LinkType, note: String? = nil) {
        self.from = from
        self.to = to
        self.type = type
        self.note = note
    }

    /// The identity of a link: one link per (from, type, to).
    public var key: String { "\(from.rawValue):\(type.rawValue):\(to.rawValue)" }

    public func normalized() -> Link {
        Link(from: from, to: to, type: type, note: note?.normalizedLine.nilIfEmpty)
    }
}
