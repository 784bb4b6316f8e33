public import Foundation
public import PathfolioCore

/// Writes a portfolio as one LEAP2A 2010-07 Atom feed, the ePortfolio interchange format of
/// Mahara and Moodle.
///
/// | Pathfolio | LEAP2A |
/// |---|---|
/// | person, personal details | `person` entry (`Self`) with `leap2:persondata` |
/// | organization | `organization` entry, `supports` ↔ `supported_by` the experiences |
/// | experience | `activity` entry (`plan` when planned) with a `life_area` category, `leap2:date` start/end, `leap2:status`, `leap2:myrole`, `leap2:spatial` |
/// | skill | `ability` entry, `has_evidence` ↔ `is_evidence_of` the experiences |
/// | evidence | `resource` entry with an `enclosure` link |
/// | reflection | `entry` that `reflects_on` ↔ `reflected_on_by` its experience |
/// | partOf, supports, ledTo, relatedTo | `is_part_of`/`has_part`, `supports`/`supported_by`, `relation` |
///
/// Every link is written at both ends. What LEAP2A cannot hold (kinds without a life area,
/// kind-specific fields, highlights, ledTo's direction, visibility, reflection structure,
/// digests) is written in the extension namespace `https://pathfolio.dev/ns/leap2a/1`, so
/// ``LEAP2AReader`` restores the portfolio exactly; the ``LossReport`` lists those fields,
/// because other systems ignore them.
public enum LEAP2AWriter {
    /// The feed and what other systems will not see of it.
    ///
    /// - Parameter updated: the feed's and entries' `atom:updated` time (Atom requires one);
    ///   pass a fixed time for reproducible output.
    public static func write(_ portfolio: Portfolio, updated: Date) -> (data: Data, losses: LossReport) {
        write(portfolio, updated: updated, packaged: [:])
    }

    /// The feed, with the evidence whose URI is a key of `packaged` pointing at that path in
    /// a package (the original URI kept in the extension).
    static func write(_ portfolio: Portfolio, updated: Date, packaged: [String: String]) -> (data: Data, losses: LossReport) {
        var writer = Writer(portfolio: portfolio.canonicallyOrdered(), updated: updated)
        writer.packaged = packaged
        writer.feed()
        return (Data(writer.output.utf8), writer.losses)
    }

    /// The CURIE of each record in a feed.
    enum Reference {
        static let person = "portfolio:person"
        static func organization(_ id: OrganizationID) -> String { "portfolio:organization/\(id.rawValue)" }
        static func experience(_ id: ExperienceID) -> String { "portfolio:experience/\(id.rawValue)" }
        static func reflection(_ id: ReflectionID) -> String { "portfolio:reflection/\(id.rawValue)" }
        static func ability(_ number: Int) -> String { "portfolio:ability/\(number)" }
        static func evidence(_ id: ExperienceID, _ number: Int) -> String { "portfolio:evidence/\(id.rawValue)/\(number)" }
    }

    private struct Writer {
        let portfolio: Portfolio
        let updated: String
        var output = ""
        var losses = LossReport(format: "leap2a", direction: "export")
        /// Skill names in order of first appearance; an ability entry each.
        var abilities: [String] = []
        /// Evidence URI → path of the file in the package being written.
        var packaged: [String: String] = [:]
        /// The record being written, for reporting characters XML cannot hold.
        var current: (entity: String, id: String, title: String?) = ("feed", "", nil)

        init(portfolio: Portfolio, updated: Date) {
            self.portfolio = portfolio
            self.updated = updated.formatted(Date.ISO8601FormatStyle())
            for experience in portfolio.experiences {
                for skill in experience.skills where !abilities.contains(skill) { abilities.append(skill) }
            }
        }

        // MARK: Output

        mutating func line(_ text: String, depth: Int = 2) {
            output += String(repeating: "  ", count: depth) + text + "\n"
        }

        mutating func text(_ value: String) -> String {
            var replaced = 0
            let escaped = XMLEscaping.text(value, replaced: &replaced)
            if replaced > 0 { reportIllegal(replaced) }
            return escaped
        }

        mutating func attribute(_ value: String) -> String {
            var replaced = 0
            let escaped = XMLEscaping.attribute(value, replaced: &replaced)
            if replaced > 0 { reportIllegal(replaced) }
            return escaped
        }

        mutating func reportIllegal(_ count: Int) {
            losses.add(current.entity, current.id, title: current.title, field: "text", .approximated,
                       "\(count) control character(s) XML cannot hold written as U+FFFD")
        }

        /// ` name="value"` for each present value.
        mutating func attributes(_ pairs: [(String, String?)]) -> String {
            var result = ""
            for (name, value) in pairs {
                if let value { result += " \(name)=\"\(attribute(value))\"" }
            }
            return result
        }

        mutating func element(_ name: String, _ value: String?, _ attributes: [(String, String?)] = [], depth: Int = 2) {
            guard let value else { return }
            let attributes = self.attributes(attributes)
            line("<\(name)\(attributes)>\(text(value))</\(name)>", depth: depth)
        }

        mutating func link(_ rel: String, _ href: String, _ extra: [(String, String?)] = []) {
            let attributes = self.attributes([("rel", rel), ("href", href)] + extra)
            line("<link\(attributes)/>")
        }

        // MARK: Feed

        mutating func feed() {
            let person = portfolio.person
            output += """
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xmlns="\(LEAP2A.atom)"
                      xmlns:rdf="\(LEAP2A.rdf)"
                      xmlns:leap2="\(LEAP2A.terms)"
                      xmlns:categories="\(LEAP2A.categories2010)"
                      xmlns:portfolio="urn:pathfolio:\(attribute(person.id.rawValue)):"
                      xmlns:pf="\(LEAP2A.pathfolio)">

                """
            element("leap2:version", LEAP2A.version2010, depth: 1)
            element("id", "urn:pathfolio:portfolio:\(person.id.rawValue)", depth: 1)
            element("title", person.name, depth: 1)
            element("updated", updated, depth: 1)
            line("<author>", depth: 1)
            element("name", person.name)
            element("uri", Reference.person)
            line("</author>", depth: 1)
            line("<generator uri=\"https://pathfolio.dev/\">Pathfolio</generator>", depth: 1)
            personEntry()
            for organization in portfolio.organizations { organizationEntry(organization) }
            for experience in portfolio.experiences { experienceEntry(experience) }
            for (index, skill) in abilities.enumerated() { abilityEntry(skill, number: index + 1) }
            for experience in portfolio.experiences {
                for (index, evidence) in experience.evidence.enumerated() { evidenceEntry(evidence, of: experience, number: index + 1) }
            }
            for reflection in portfolio.reflections { reflectionEntry(reflection) }
            output += "</feed>\n"
        }

        mutating func open(_ title: String, id: String) {
            line("<entry>", depth: 1)
            element("title", title)
            element("id", id)
            element("updated", updated)
        }

        mutating func close(type: String) {
            line("<rdf:type rdf:resource=\"leap2:\(type)\"/>")
            line("</entry>", depth: 1)
        }

        mutating func personEntry() {
            let person = portfolio.person
            current = ("person", person.id.rawValue, nil)
            open(person.name, id: Reference.person)
            line("<content type=\"text\">\(text(person.detail(.summary)?.value ?? ""))</content>")
            line("<category term=\"Self\" scheme=\"categories:person_type#\"/>")
            line("<pf:person\(attributes([("pf:id", person.id.rawValue), ("pf:nameVisibility", person.nameVisibility.rawValue)]))/>")
            for detail in person.details {
                element("leap2:persondata", detail.value, [
                    ("leap2:field", LEAP2A.personField(detail.kind)), ("leap2:label", detail.label ?? detail.kind.rawValue),
                    ("pf:kind", detail.kind.rawValue), ("pf:visibility", detail.visibility.rawValue),
                    ("pf:label", detail.label),
                ])
                if LEAP2A.personField(detail.kind) == "other" {
                    losses.add("person", person.id.rawValue, field: "details (\(detail.kind.rawValue))", .approximated,
                               "written as persondata 'other' with a label; the kind is in the extension")
                }
            }
            for tag in person.tags { element("pf:tag", tag) }
            if !person.tags.isEmpty {
                losses.add("person", person.id.rawValue, field: "tags", .extensionOnly, "LEAP2A has no caseload tags")
            }
            close(type: "person")
        }

        mutating func organizationEntry(_ organization: Organization) {
            current = ("organization", organization.id.rawValue, organization.name)
            open(organization.name, id: Reference.organization(organization.id))
            line("<content type=\"text\"></content>")
            line("<pf:organization\(attributes([("pf:id", organization.id.rawValue), ("pf:kind", organization.kind?.rawValue)]))/>")
            element("leap2:orgdata", organization.website, [("leap2:field", "website")])
            if let location = organization.location { spatial(location) }
            for experience in portfolio.experiences where experience.organizationID == organization.id {
                link("leap2:supports", Reference.experience(experience.id))
            }
            if organization.kind != nil {
                losses.add("organization", organization.id.rawValue, title: organization.name, field: "kind", .extensionOnly,
                           "LEAP2A has no organization kinds")
            }
            close(type: "organization")
        }

        mutating func spatial(_ place: String) {
            line("<leap2:spatial>")
            element("leap2:addressline", place, depth: 3)
            line("</leap2:spatial>")
        }

        mutating func date(_ point: String, _ date: PartialDate) {
            let attributes = self.attributes([("leap2:point", point), ("leap2:label", date.label)])
            line("<leap2:date\(attributes)>\(date.isoString ?? "")</leap2:date>")
        }

        mutating func experienceEntry(_ experience: Experience) {
            current = ("experience", experience.id.rawValue, experience.title)
            let type = experience.status == .planned ? "plan" : "activity"
            open(experience.title, id: Reference.experience(experience.id))
            line("<content type=\"text\">\(text(experience.summary ?? ""))</content>")
            if let area = LEAP2A.lifeArea(experience.kind) {
                line("<category term=\"\(area)\" scheme=\"categories:life_area#\"/>")
            } else {
                losses.add(experience, field: "kind", .extensionOnly, "LEAP2A has no life area for \(experience.kind.rawValue)")
            }
            for tag in experience.tags { line("<category\(attributes([("term", tag)]))/>") }
            element("leap2:myrole", experience.role)
            if let location = experience.location { spatial(location) }
            if let start = experience.period.start { date("start", start) }
            if let end = experience.period.end?.date { date(experience.status == .planned ? "target" : "end", end) }
            line("<leap2:status leap2:stage=\"\(LEAP2A.stage(experience.status))\"/>")
            if let organization = experience.organizationID { link("leap2:supported_by", Reference.organization(organization)) }
            for skill in experience.skills {
                link("leap2:is_evidence_of", Reference.ability(abilities.firstIndex(of: skill)! + 1))
            }
            for index in experience.evidence.indices { link("leap2:has_evidence", Reference.evidence(experience.id, index + 1)) }
            for reflection in portfolio.reflections where reflection.experienceID == experience.id {
                link("leap2:reflected_on_by", Reference.reflection(reflection.id))
            }
            for edge in portfolio.links where edge.from == experience.id || edge.to == experience.id {
                let outgoing = edge.from == experience.id
                let other = outgoing ? edge.to : edge.from
                let rel: String
                switch (edge.type, outgoing) {
                case (.partOf, true): rel = "leap2:is_part_of"
                case (.partOf, false): rel = "leap2:has_part"
                case (.supports, true): rel = "leap2:supports"
                case (.supports, false): rel = "leap2:supported_by"
                case (.ledTo, _), (.relatedTo, _): rel = "leap2:relation"
                }
                let direction: String? = switch edge.type {
                case .ledTo: outgoing ? "ledTo" : "ledFrom"
                case .relatedTo: outgoing ? "relatedTo" : "relatedFrom"
                case .partOf, .supports: nil
                }
                link(rel, Reference.experience(other), [("pf:type", direction), ("pf:note", edge.note)])
                if outgoing, edge.type == .ledTo || edge.note != nil {
                    losses.add("link", edge.key, field: edge.type == .ledTo ? "type" : "note", .extensionOnly,
                               edge.type == .ledTo ? "LEAP2A has no 'led to'; written as a relation" : "LEAP2A links have no notes")
                }
            }
            line("<pf:experience\(attributes([("pf:id", experience.id.rawValue), ("pf:kind", experience.kind.rawValue), ("pf:status", experience.status.rawValue), ("pf:visibility", experience.visibility.rawValue), ("pf:end", experience.period.isOngoing ? "ongoing" : nil)]))/>")
            for highlight in experience.highlights { element("pf:highlight", highlight) }
            if !experience.highlights.isEmpty {
                losses.add(experience, field: "highlights", .extensionOnly, "LEAP2A activities have no highlights")
            }
            details(experience)
            close(type: type)
        }

        mutating func details(_ experience: Experience) {
            var pairs: [(String, String?)] = []
            var name = ""
            if let job = experience.job {
                name = "job"
                pairs = [("pf:employmentType", job.employmentType?.rawValue)]
            } else if let training = experience.training {
                name = "training"
                pairs = [("pf:hours", training.hours.map { $0 == $0.rounded() ? String(Int($0)) : String($0) }),
                         ("pf:credential", training.credential), ("pf:courseCode", training.courseCode),
                         ("pf:ncsCode", training.ncsCode), ("pf:funding", training.funding)]
            } else if let programme = experience.workExperience {
                name = "workExperience"
                pairs = [("pf:programme", programme.programme), ("pf:sponsor", programme.sponsor)]
            } else if let mentoring = experience.mentoring {
                name = "mentoring"
                pairs = [("pf:role", mentoring.role?.rawValue), ("pf:counterpart", mentoring.counterpart)]
            }
            guard !name.isEmpty else { return }
            line("<pf:\(name)\(attributes(pairs))/>")
            for (field, value) in pairs where value != nil {
                losses.add(experience, field: "\(name).\(field.dropFirst(3))", .extensionOnly, "LEAP2A has no such field")
            }
        }

        mutating func abilityEntry(_ skill: String, number: Int) {
            current = ("skill", String(number), skill)
            open(skill, id: Reference.ability(number))
            line("<content type=\"text\"></content>")
            for experience in portfolio.experiences where experience.skills.contains(skill) {
                link("leap2:has_evidence", Reference.experience(experience.id))
            }
            close(type: "ability")
        }

        mutating func evidenceEntry(_ evidence: Evidence, of experience: Experience, number: Int) {
            current = ("experience", experience.id.rawValue, experience.title)
            open(evidence.title, id: Reference.evidence(experience.id, number))
            line("<content type=\"text\"></content>")
            let online = evidence.uri.hasPrefix("http://") || evidence.uri.hasPrefix("https://")
            line("<category term=\"\(online ? "Web" : "Offline")\" scheme=\"categories:resource_type#\"/>")
            let href = packaged[evidence.uri] ?? evidence.uri
            link("enclosure", href)
            link("leap2:is_evidence_of", Reference.experience(experience.id))
            if evidence.sha256 != nil || href != evidence.uri {
                let original = href != evidence.uri ? evidence.uri : nil
                line("<pf:evidence\(attributes([("pf:sha256", evidence.sha256), ("pf:uri", original)]))/>")
            }
            if evidence.sha256 != nil {
                losses.add(experience, field: "evidence[\(number - 1)].sha256", .extensionOnly, "LEAP2A has no file digests")
            }
            close(type: "resource")
        }

        mutating func reflectionEntry(_ reflection: Reflection) {
            let experience = portfolio.experience(reflection.experienceID)
            current = ("reflection", reflection.id.rawValue, reflection.kind.rawValue)
            open(experience.map { "\($0.title) — \(reflection.kind.rawValue)" } ?? reflection.kind.rawValue,
                 id: Reference.reflection(reflection.id))
            if let day = reflection.written.isoString { element("published", day + "T00:00:00Z") }
            let body = reflection.entries.map { "\($0.prompt)\n\($0.answer)" }.joined(separator: "\n\n")
            line("<content type=\"text\">\(text(body))</content>")
            link("leap2:reflects_on", Reference.experience(reflection.experienceID))
            line("<pf:reflection\(attributes([("pf:id", reflection.id.rawValue), ("pf:kind", reflection.kind.rawValue), ("pf:written", reflection.written.isoString), ("pf:template", reflection.template), ("pf:locale", reflection.locale), ("pf:rating", reflection.rating.map(String.init)), ("pf:outcome", reflection.outcome?.rawValue), ("pf:visibility", reflection.visibility.rawValue)]))>")
            for entry in reflection.entries {
                element("pf:entry", entry.answer, [("pf:key", entry.key), ("pf:prompt", entry.prompt)], depth: 3)
            }
            for skill in reflection.skillsGained { element("pf:skillGained", skill, depth: 3) }
            line("</pf:reflection>")
            for field in ["rating", "outcome", "skillsGained"] {
                let present = field == "rating" ? reflection.rating != nil
                    : field == "outcome" ? reflection.outcome != nil : !reflection.skillsGained.isEmpty
                if present {
                    losses.add("reflection", reflection.id.rawValue, title: reflection.kind.rawValue, field: field, .extensionOnly,
                               "LEAP2A entries have no \(field)")
                }
            }
            close(type: "entry")
        }
    }
}
