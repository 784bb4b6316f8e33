import PathfolioCore

/// The names LEAP2A files use: namespaces of the 2009-03 and 2010-07 versions, types,
/// relationships and categories, and Pathfolio's extension namespace.
enum LEAP2A {
    static let atom = "http://www.w3.org/2005/Atom"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let xhtml = "http://www.w3.org/1999/xhtml"
    /// LEAP2A 2010-07 predicates and types.
    static let terms = "http://terms.leapspecs.org/"
    static let version2010 = "http://www.leapspecs.org/2010-07/2A/"
    static let categories2010 = "http://wiki.leapspecs.org/2A/categories/"
    /// LEAP2A 2009-03 predicates, types and categories.
    static let predicates2009 = "http://wiki.cetis.ac.uk/2009-03/LEAP2A_predicates#"
    static let types2009 = "http://wiki.cetis.ac.uk/2009-03/LEAP2A_types#"
    static let categories2009 = "http://wiki.cetis.ac.uk/2009-03/LEAP2A_categories/"
    /// Pathfolio's extension: what LEAP2A cannot hold, so that our own files re-import losslessly.
    static let pathfolio = "https://pathfolio.dev/ns/leap2a/1"

    /// Every namespace a LEAP2A term (predicate or type) may come from.
    static let termNamespaces = [terms, predicates2009, types2009, "http://www.leapspecs.org/2A/", "http://wiki.leapspecs.org/2A/"]

    /// The `life_area` category of each kind, when LEAP2A has one.
    static func lifeArea(_ kind: ExperienceKind) -> String? {
        switch kind {
        case .job: "Work"
        case .workExperience: "Placement"
        case .training: "Training"
        case .education: "Education"
        case .volunteering: "Voluntary"
        case .mentoring, .project, .other: nil
        }
    }

    /// The kind of a `life_area` category (any letter case).
    static func kind(lifeArea: String) -> ExperienceKind? {
        switch lifeArea.lowercased() {
        case "work", "employment": .job
        case "placement", "work experience", "work_experience": .workExperience
        case "training": .training
        case "education": .education
        case "voluntary", "volunteering": .volunteering
        default: nil
        }
    }

    /// The `leap2:status` stage of a status.
    static func stage(_ status: ExperienceStatus) -> String {
        switch status {
        case .planned: "planned"
        case .ongoing: "active"
        case .completed: "completed"
        case .discontinued: "abandoned"
        }
    }

    static func status(stage: String) -> ExperienceStatus? {
        switch stage.lowercased() {
        case "planned", "proposed", "intended": .planned
        case "active", "started", "ongoing", "in progress", "current": .ongoing
        case "completed", "complete", "achieved", "finished", "done": .completed
        case "abandoned", "discontinued", "cancelled", "canceled", "stopped": .discontinued
        default: nil
        }
    }

    /// The `leap2:persondata` field of a personal detail.
    static func personField(_ kind: PersonalDetailKind) -> String {
        switch kind {
        case .email: "email"
        case .phone: "mobile"
        case .website: "website"
        case .birthDate: "dob"
        case .gender: "gender"
        case .headline, .summary, .address, .location, .photo, .nationality, .other: "other"
        }
    }

    /// The detail kind of a `leap2:persondata` field from another system.
    static func detailKind(personField field: String) -> PersonalDetailKind? {
        switch field.lowercased() {
        case "email": .email
        case "mobile", "homephone", "workphone", "phone", "fax": .phone
        case "website": .website
        case "dob": .birthDate
        case "gender": .gender
        case "country": .nationality
        case "other", "id": .other
        default: nil
        }
    }
}
