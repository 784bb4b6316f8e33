import Foundation
import PathfolioCore

/// Makes random, valid portfolios in which every piece of text is a unique marker, and
/// remembers who may see each marker: what an export for an audience must never contain.
struct PortfolioGenerator {
    /// One piece of text and who may see it.
    struct Marker: Hashable {
        var text: String
        var visibility: Visibility
        /// Whether a blind profile must leave it out (name, contact details, school names).
        var identifying: Bool
        /// Where it came from, for failure messages.
        var field: String
    }

    struct Generated {
        var portfolio: Portfolio
        var markers: [Marker]

        /// The markers an export for `audience` (blind or not) must not contain.
        func forbidden(for audience: Audience, blind: Bool) -> [Marker] {
            markers.filter { !$0.visibility.isVisible(to: audience) || (blind && $0.identifying) }
        }

        /// The experience titles an export for `audience` must contain.
        func requiredTitles(for audience: Audience) -> [String] {
            portfolio.experiences.filter { $0.visibility.isVisible(to: audience) }.map(\.title)
        }

        /// For each experience `audience` may see, the markers of it the export may show
        /// (a lossy format must show at least one of each).
        func visibleExperienceMarkers(for audience: Audience, blind: Bool) -> [[String]] {
            portfolio.experiences.indices.filter { portfolio.experiences[$0].visibility.isVisible(to: audience) }.map { index in
                markers.filter { $0.field.hasPrefix("experience \(index).") && $0.visibility.isVisible(to: audience)
                    && !(blind && $0.identifying) }.map(\.text)
            }
        }
    }

    var random: SeededGenerator
    private var counter = 0

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    /// A unique word: letters and digits only, so that no format escapes or splits it.
    private mutating func word(_ tag: String) -> String {
        counter += 1
        return "zq\(tag)\(counter)x"
    }

    private mutating func visibility() -> Visibility { Visibility.allCases.randomElement(using: &random)! }

    mutating func portfolio(index: Int) -> Generated {
        var markers: [Marker] = []
        func mark(_ text: String, _ visibility: Visibility, identifying: Bool = false, _ field: String) -> String {
            markers.append(Marker(text: text, visibility: visibility, identifying: identifying, field: field))
            return text
        }
        // Distinct in their first 8 characters: exports name files and anonymous people by them.
        let personID = PersonID(rawValue: String(format: "%04dpers%024d", index, index))
        let nameVisibility = visibility()
        let name = mark(word("name"), nameVisibility, identifying: true, "person.name")
        var details: [PersonalDetail] = []
        for kind in PersonalDetailKind.allCases where Bool.random(using: &random) || kind == .email {
            let detailVisibility = visibility()
            // A birth date no other text can contain: unique per person, before any experience.
            let value = kind == .birthDate ? String(format: "%04d-%02d-%02d", 1900 + index % 100, 1 + index / 100 % 12, 1 + index % 28)
                : mark(word("det"), detailVisibility, identifying: kind.isIdentifying, "person.\(kind.rawValue)")
            if kind == .birthDate {
                // Dates are not unique words; remember the whole value.
                markers.append(Marker(text: value, visibility: detailVisibility, identifying: true, field: "person.birthDate"))
            }
            details.append(PersonalDetail(kind, value, visibility: detailVisibility))
        }
        let tags = [mark(word("ptag"), .counselor, identifying: true, "person.tags")]
        let person = Person(id: personID, name: name, nameVisibility: nameVisibility, details: details, tags: tags)

        var organizations: [Organization] = []
        var experiences: [Experience] = []
        var reflections: [Reflection] = []
        var links: [Link] = []
        let count = Int.random(in: 2...7, using: &random)
        for number in 0..<count {
            let id = ExperienceID(rawValue: String(format: "e%02d%029d", number, index))
            let kind = ExperienceKind.allCases.randomElement(using: &random)!
            let shown = visibility()
            let field = "experience \(number)"
            var experience = Experience(id: id, kind: kind, title: mark(word("title"), shown, "\(field).title"),
                                        visibility: shown)
            let start = Int.random(in: 2005...2024, using: &random)
            experience.period = Period(start: try! PartialDate("\(start)-0\(Int.random(in: 1...9, using: &random))"),
                                       end: .date(try! PartialDate("\(start + 1)")))
            experience.role = mark(word("role"), shown, "\(field).role")
            experience.location = mark(word("loc"), shown, identifying: kind == .education, "\(field).location")
            experience.summary = mark(word("sum"), shown, "\(field).summary") + " " + mark(word("sum"), shown, "\(field).summary")
            experience.highlights = [mark(word("hi"), shown, "\(field).highlights")]
            experience.skills = [mark(word("skill"), shown, "\(field).skills")]
            experience.tags = [mark(word("tag"), shown, "\(field).tags")]
            experience.evidence = [Evidence(title: mark(word("ev"), shown, "\(field).evidence"),
                                            uri: "https://example.org/" + mark(word("uri"), shown, "\(field).evidence.uri"))]
            switch kind {
            case .training:
                experience.training = TrainingDetails(hours: 40, credential: mark(word("cred"), shown, "\(field).credential"),
                                                      funding: mark(word("fund"), shown, "\(field).funding"))
            case .workExperience:
                experience.workExperience = WorkExperienceDetails(programme: mark(word("prog"), shown, "\(field).programme"),
                                                                  sponsor: mark(word("spon"), shown, "\(field).sponsor"))
            case .mentoring:
                experience.mentoring = MentoringDetails(role: .mentee, counterpart: mark(word("cp"), shown, "\(field).counterpart"))
            default:
                break
            }
            if kind != .mentoring, Int.random(in: 0..<4, using: &random) != 0 {
                // Its own organization: as visible as the experience, and a school is identifying.
                let organization = Organization(
                    id: OrganizationID(rawValue: String(format: "o%02d%029d", number, index)),
                    name: mark(word("org"), shown, identifying: kind == .education, "\(field).organization"),
                    location: mark(word("oloc"), shown, identifying: kind == .education, "\(field).organization.location"))
                organizations.append(organization)
                experience.organizationID = organization.id
            }
            experiences.append(experience)

            if Bool.random(using: &random) {
                // A reflection is seen only by whom both it and its experience allow.
                let written = visibility()
                let seen = min(written, shown)
                reflections.append(Reflection(
                    id: ReflectionID(rawValue: String(format: "r%02d%029d", number, index)), experienceID: id,
                    kind: .free, written: try! PartialDate("\(start + 1)-12-01"),
                    entries: [ReflectionEntry(key: "learned", prompt: mark(word("prompt"), seen, "\(field).reflection.prompt"),
                                              answer: mark(word("ans"), seen, "\(field).reflection.answer"))],
                    rating: 4, skillsGained: [mark(word("gain"), seen, "\(field).reflection.skillsGained")],
                    visibility: written))
            }
            if number > 0 {
                let from = experiences[number - 1]
                // A link is seen only where both its ends are.
                links.append(Link(from: from.id, to: id, type: .relatedTo,
                                  note: mark(word("note"), min(from.visibility, shown), "link \(number - 1)→\(number).note")))
            }
        }
        let portfolio = Portfolio(person: person, organizations: organizations, experiences: experiences,
                                  links: links, reflections: reflections)
        return Generated(portfolio: portfolio, markers: markers)
    }
}
