public import Foundation
public import PathfolioCore

/// Writes a portfolio as a JSON Resume 1.0 document (`resume.json`).
///
/// JSON Resume is a résumé, not a path: it has no links, reflections, planned steps,
/// visibility or kind-specific fields, and its skills are not tied to experiences. The
/// writer puts what fits where it fits and lists everything else in the ``LossReport``.
///
/// | Pathfolio | JSON Resume |
/// |---|---|
/// | job, work experience | `work` |
/// | volunteering | `volunteer` |
/// | education, training | `education` (a training's credential also in `certificates`) |
/// | project, mentoring, other | `projects` (with `type`) |
/// | skills of every experience | `skills` |
///
/// The output is deterministic: the same portfolio gives the same bytes.
public enum JSONResumeWriter {
    /// The JSON Resume document for a portfolio, and what it could not hold.
    public static func write(_ portfolio: Portfolio) -> (data: Data, losses: LossReport) {
        var losses = LossReport(format: "json-resume", direction: "export")
        let portfolio = portfolio.canonicallyOrdered()
        var root = JSONObjectBuilder()
        root.set("$schema", "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json")
        root.set("basics", basics(portfolio.person, &losses))

        var work: [JSONText] = [], volunteer: [JSONText] = [], education: [JSONText] = []
        var projects: [JSONText] = [], certificates: [JSONText] = []
        var skills: [String] = []
        var seenSkills = Set<String>()

        for experience in portfolio.experiences {
            if experience.status == .planned {
                losses.add(experience, field: "*", .dropped, "JSON Resume has no planned steps")
                continue
            }
            let organization = portfolio.organization(experience.organizationID)
            var item = JSONObjectBuilder()
            switch experience.kind {
            case .job, .workExperience, .volunteering:
                item.set(experience.kind == .volunteering ? "organization" : "name", organization?.name)
                item.set("position", experience.role ?? experience.title)
                if experience.role != nil, experience.role != experience.title {
                    losses.add(experience, field: "title", .dropped, "JSON Resume has only a position; the role was written")
                }
                item.set("url", organization?.website)
                if experience.kind != .volunteering { item.set("location", experience.location) }
                dates(experience, into: &item, &losses)
                item.set("summary", experience.summary)
                item.set("highlights", experience.highlights)
                if experience.kind == .workExperience {
                    losses.add(experience, field: "kind", .approximated, "written as work: JSON Resume has no work-experience programmes")
                }
            case .education, .training:
                item.set("institution", organization?.name)
                item.set("url", organization?.website)
                item.set("area", experience.title)
                if experience.kind == .training { item.set("studyType", "Training") }
                dates(experience, into: &item, &losses)
                item.set("courses", experience.highlights)
                if !experience.highlights.isEmpty {
                    losses.add(experience, field: "highlights", .approximated, "written as courses")
                }
                if experience.summary != nil {
                    losses.add(experience, field: "summary", .dropped, "JSON Resume education has no summary")
                }
                if let credential = experience.training?.credential {
                    var certificate = JSONObjectBuilder()
                    certificate.set("name", credential)
                    certificate.set("date", experience.period.end?.date?.isoString)
                    certificate.set("issuer", organization?.name)
                    certificates.append(certificate.value)
                }
            case .project, .mentoring, .other:
                item.set("name", experience.title)
                item.set("description", experience.summary)
                item.set("highlights", experience.highlights)
                item.set("keywords", experience.skills)
                dates(experience, into: &item, &losses)
                item.set("url", experience.evidence.first?.uri)
                item.set("roles", experience.role.map { [$0] } ?? [])
                item.set("entity", organization?.name)
                if experience.kind != .project {
                    item.set("type", experience.kind.rawValue)
                    losses.add(experience, field: "kind", .approximated, "written as a project of type \(experience.kind.rawValue)")
                }
            }
            if experience.kind != .project {
                for skill in experience.skills where seenSkills.insert(skill.lowercased()).inserted { skills.append(skill) }
                if !experience.skills.isEmpty {
                    losses.add(experience, field: "skills", .approximated, "listed under skills, no longer tied to this experience")
                }
            }
            if experience.kind != .job, experience.kind != .workExperience, experience.location != nil {
                losses.add(experience, field: "location", .dropped, "this JSON Resume section has no location")
            }
            let evidence = experience.kind == .project ? experience.evidence.dropFirst() : experience.evidence[...]
            for (offset, _) in evidence.enumerated() {
                let index = experience.kind == .project ? offset + 1 : offset
                losses.add(experience, field: "evidence[\(index)]", .dropped, "JSON Resume has no evidence")
            }
            if !experience.tags.isEmpty { losses.add(experience, field: "tags", .dropped, "JSON Resume has no tags") }
            details(experience, &losses)
            switch experience.kind {
            case .job, .workExperience: work.append(item.value)
            case .volunteering: volunteer.append(item.value)
            case .education, .training: education.append(item.value)
            case .project, .mentoring, .other: projects.append(item.value)
            }
        }
        for link in portfolio.links {
            losses.add("link", link.key, field: "*", .dropped, "JSON Resume has no links between experiences")
        }
        for reflection in portfolio.reflections {
            losses.add("reflection", reflection.id.rawValue, title: reflection.kind.rawValue, field: "*", .dropped,
                       "JSON Resume has no reflections")
        }
        root.set("work", .array(work))
        root.set("volunteer", .array(volunteer))
        root.set("education", .array(education))
        root.set("certificates", .array(certificates))
        root.set("skills", .array(skills.map { .object([("name", .string($0))]) }))
        root.set("projects", .array(projects))
        return (Data((root.value.rendered() + "\n").utf8), losses)
    }

    private static func basics(_ person: Person, _ losses: inout LossReport) -> JSONText {
        var basics = JSONObjectBuilder()
        basics.set("name", person.name)
        var used = Set<Int>()
        func first(_ kind: PersonalDetailKind) -> String? {
            guard let index = person.details.firstIndex(where: { $0.kind == kind }) else { return nil }
            used.insert(index)
            return person.details[index].value
        }
        basics.set("label", first(.headline))
        basics.set("image", first(.photo))
        basics.set("email", first(.email))
        basics.set("phone", first(.phone))
        basics.set("url", first(.website))
        basics.set("summary", first(.summary))
        var location = JSONObjectBuilder()
        location.set("address", first(.address))
        location.set("city", first(.location))
        basics.set("location", location.value)
        var profiles: [JSONText] = []
        for (index, detail) in person.details.enumerated() where !used.contains(index) {
            if detail.kind == .website {
                var profile = JSONObjectBuilder()
                profile.set("network", detail.label ?? "Website")
                profile.set("url", detail.value)
                profiles.append(profile.value)
            } else {
                losses.add("person", person.id.rawValue, title: nil, field: "details[\(index)] (\(detail.kind.rawValue))", .dropped,
                           "JSON Resume has no place for \("aeiou".contains(detail.kind.rawValue.prefix(1)) ? "an" : "a") \(detail.kind.rawValue) detail (or a second one)")
            }
        }
        if person.details.contains(where: { $0.kind == .location }) {
            losses.add("person", person.id.rawValue, field: "location", .approximated, "written as location.city")
        }
        basics.set("profiles", .array(profiles))
        if !person.tags.isEmpty {
            losses.add("person", person.id.rawValue, field: "tags", .dropped, "JSON Resume has no caseload tags")
        }
        return basics.value
    }

    private static func dates(_ experience: Experience, into item: inout JSONObjectBuilder, _ losses: inout LossReport) {
        if let start = experience.period.start {
            item.set("startDate", start.isoString)
            if start.label != nil {
                losses.add(experience, field: "period.start.label", start.isoString == nil ? .dropped : .approximated,
                           start.isoString == nil ? "JSON Resume dates cannot be only a label" : "JSON Resume dates have no label")
            }
        }
        if case .date(let end)? = experience.period.end {
            item.set("endDate", end.isoString)
            if end.label != nil {
                losses.add(experience, field: "period.end.label", end.isoString == nil ? .dropped : .approximated,
                           end.isoString == nil ? "JSON Resume dates cannot be only a label" : "JSON Resume dates have no label")
            }
        }
        if experience.status == .discontinued {
            losses.add(experience, field: "status", .dropped, "JSON Resume cannot say that an experience was discontinued")
        }
    }

    private static func details(_ experience: Experience, _ losses: inout LossReport) {
        let why = "JSON Resume has no such field"
        if let job = experience.job, job.employmentType != nil {
            losses.add(experience, field: "job.employmentType", .dropped, why)
        }
        if let training = experience.training {
            if training.hours != nil { losses.add(experience, field: "training.hours", .dropped, why) }
            if training.credential != nil { losses.add(experience, field: "training.credential", .approximated, "written as a certificate") }
            if training.courseCode != nil { losses.add(experience, field: "training.courseCode", .dropped, why) }
            if training.ncsCode != nil { losses.add(experience, field: "training.ncsCode", .dropped, why) }
            if training.funding != nil { losses.add(experience, field: "training.funding", .dropped, why) }
        }
        if let programme = experience.workExperience {
            if programme.programme != nil { losses.add(experience, field: "workExperience.programme", .dropped, why) }
            if programme.sponsor != nil { losses.add(experience, field: "workExperience.sponsor", .dropped, why) }
        }
        if let mentoring = experience.mentoring {
            if mentoring.role != nil { losses.add(experience, field: "mentoring.role", .dropped, why) }
            if mentoring.counterpart != nil { losses.add(experience, field: "mentoring.counterpart", .dropped, why) }
        }
    }
}
