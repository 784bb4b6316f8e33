import PathfolioCore

/// Makes random but reproducible portfolios: the same seed gives the same portfolio.
///
/// Text mixes Korean (precomposed and decomposed, as macOS types it), English, emoji,
/// right-to-left Arabic and Hebrew, and characters XML must escape; every kind, every
/// kind-specific field, dates of every precision (and label-only), links and reflections.
struct PortfolioGenerator {
    private var rng: SplitMix64
    private var counter = 0

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    private static let words = [
        "데이터", "분석", "실무", "한국폴리텍대학", "㈜데이터랩", "멘토링", "청년 일경험", "국민내일배움카드",
        // Decomposed Hangul (NFD): 한글 and 학교, as typed on macOS.
        "\u{1112}\u{1161}\u{11AB}\u{1100}\u{1173}\u{11AF}", "\u{1112}\u{1161}\u{11A8}\u{1100}\u{116D}",
        "data", "analyst", "Kickstart", "career", "changer", "café", "cafe\u{301}",
        "🚀", "👩🏽‍💻", "🇰🇷", "مرحبا", "שלום", "\u{200F}RTL\u{200F}",
        "A&B", "<tag>", "\"quoted\"", "it's", "]]>", "1 < 2 > 0",
    ]

    private mutating func next(_ bound: Int) -> Int { Int(rng.next() % UInt64(bound)) }
    private mutating func chance(_ percent: Int) -> Bool { next(100) < percent }

    private mutating func line(_ count: Int = 3) -> String {
        (0..<(1 + next(count))).map { _ in Self.words[next(Self.words.count)] }.joined(separator: " ")
    }

    private mutating func text() -> String {
        (0..<(1 + next(3))).map { _ in line(6) }.joined(separator: chance(30) ? "\n\n" : "\n")
    }

    private mutating func id() -> String {
        counter += 1
        let random = String(rng.next(), radix: 16)
        return String(repeating: "0", count: 16 - random.count) + random + "-\(counter)"
    }

    private mutating func date() -> PartialDate {
        let year = 1990 + next(40), month = 1 + next(12)
        let label: String? = chance(20) ? line(2) : nil
        switch next(10) {
        case 0: return try! PartialDate(label: line(2))
        case 1, 2: return try! PartialDate(year: year, label: label)
        case 3, 4, 5: return try! PartialDate(year: year, month: month, label: label)
        default: return try! PartialDate(year: year, month: month, day: 1 + next(PartialDate.daysIn(month: month, year: year)), label: label)
        }
    }

    private mutating func optional(_ percent: Int = 60) -> String? { chance(percent) ? line() : nil }

    private mutating func visibility() -> Visibility { Visibility.allCases[next(3)] }

    mutating func portfolio(experiences count: Int = 12) -> Portfolio {
        var person = Person(id: PersonID(rawValue: id()), name: line(2), nameVisibility: visibility())
        for kind in PersonalDetailKind.allCases where chance(60) {
            let value = kind == .birthDate ? "19\(80 + next(20))-0\(1 + next(9))" : (kind == .summary ? text() : line())
            person.details.append(PersonalDetail(kind, value, label: optional(30), visibility: visibility()))
        }
        person.tags = (0..<next(3)).map { _ in line(1) }

        let organizations = (0..<(1 + next(4))).map { _ in
            Organization(id: OrganizationID(rawValue: id()), name: line(2),
                         kind: chance(70) ? OrganizationKind.allCases[next(OrganizationKind.allCases.count)] : nil,
                         location: optional(), website: chance(50) ? "https://example.com/\(next(1000))?a=1&b=2" : nil)
        }
        var experiences: [Experience] = []
        for index in 0..<count {
            let kind = ExperienceKind.allCases[index % ExperienceKind.allCases.count]
            var e = Experience(id: ExperienceID(rawValue: id()), kind: kind, title: line(),
                               organizationID: chance(80) ? organizations[next(organizations.count)].id : nil,
                               role: optional(), location: optional(), summary: chance(70) ? text() : nil,
                               visibility: visibility())
            let start = chance(90) ? date() : nil
            var end: Period.End?
            if chance(25) {
                end = .ongoing
            } else if chance(80), let start, let year = start.year {
                end = .date(try! PartialDate(year: min(9999, year + next(3) + 1), month: chance(60) ? 1 + next(12) : nil))
            }
            e.period = Period(start: start, end: end)
            e.status = end == .ongoing ? (chance(50) ? .ongoing : .planned) : (chance(80) ? .completed : .discontinued)
            e.highlights = (0..<next(4)).map { _ in line(5) }
            e.skills = (0..<next(5)).map { _ in line(1) }
            e.tags = (0..<next(3)).map { _ in line(1) }
            e.evidence = (0..<next(3)).map { _ in
                Evidence(title: line(), uri: chance(50) ? "https://example.org/cert?id=\(next(999))&x=<y>" : "certificates/수료증 \(next(9)).pdf",
                         sha256: chance(50) ? String(repeating: "0123456789abcdef", count: 4) : nil)
            }
            switch kind {
            case .job: e.job = JobDetails(employmentType: EmploymentType.allCases[next(EmploymentType.allCases.count)])
            case .training:
                e.training = TrainingDetails(hours: chance(50) ? Double(next(2000)) : Double(next(4000)) / 8,
                                             credential: optional(), courseCode: chance(60) ? "AIG\(next(99999))" : nil,
                                             ncsCode: chance(50) ? "2001010\(next(9))" : nil, funding: optional())
            case .workExperience: e.workExperience = WorkExperienceDetails(programme: line(), sponsor: optional())
            case .mentoring: e.mentoring = MentoringDetails(role: chance(50) ? .mentor : .mentee, counterpart: optional())
            default: break
            }
            experiences.append(e)
        }
        // ledTo links forward along the list (acyclic), partOf into the first, some relatedTo.
        var links: [Link] = []
        for index in 1..<max(1, experiences.count) where chance(60) {
            links.append(Link(from: experiences[index - 1].id, to: experiences[index].id, type: .ledTo,
                              note: chance(30) ? line() : nil))
        }
        for index in 2..<max(2, experiences.count) where chance(20) {
            links.append(Link(from: experiences[index].id, to: experiences[0].id, type: chance(50) ? .partOf : .relatedTo))
        }
        var reflections: [Reflection] = []
        for experience in experiences where chance(50) {
            let kind = ReflectionKind.allCases[next(4)]
            let outcomes = ReflectionOutcome.allCases.filter { $0.fits(kind) }
            reflections.append(Reflection(
                id: ReflectionID(rawValue: id()), experienceID: experience.id, kind: kind,
                written: try! PartialDate(year: 2000 + next(26), month: 1 + next(12), day: 1 + next(28)),
                template: chance(50) ? "builtin:\(kind.rawValue)" : nil, locale: chance(50) ? "ko" : "en",
                entries: ["did", "learned", "next"].prefix(1 + next(3)).map { ReflectionEntry(key: $0, prompt: line(), answer: text()) },
                rating: chance(70) ? 1 + next(5) : nil, outcome: chance(60) ? outcomes[next(outcomes.count)] : nil,
                skillsGained: (0..<next(3)).map { _ in line(1) }, visibility: visibility()))
        }
        return Portfolio(person: person, organizations: organizations, experiences: experiences, links: links,
                         reflections: reflections)
    }
}
