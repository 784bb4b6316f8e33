public import PathfolioCore

/// Writes a portfolio as a readable document: CommonMark with GFM tables and a Mermaid
/// picture of the path.
///
/// The document has a title and profile, an overview (experiences by kind, span of years,
/// skills), the path as a Mermaid `flowchart`, the experiences in path order with their
/// details, highlights, evidence, links and reflections (prompts as headings, answers in
/// order), a skills inventory with what evidences each skill, and the planned next steps.
///
/// The writer shows only what its ``audience`` may see: ``render(_:)`` filters the portfolio
/// itself with ``PathfolioCore/Portfolio/visible(to:)`` (and
/// ``PathfolioCore/Portfolio/blinded()`` when ``blind`` is set), so a caller cannot leak
/// more by forgetting to. User text is escaped, so it renders exactly as written and can
/// never add headings, links or HTML. The same portfolio always gives the same bytes.
///
/// ```swift
/// let writer = MarkdownPortfolioWriter(locale: .ko, audience: .counselor)
/// let markdown = writer.render(portfolio)
/// ```
public struct MarkdownPortfolioWriter: Sendable {
    /// The language of headings, labels and dates.
    public var locale: DocumentLocale
    /// Whom the document is for.
    public var audience: Audience
    /// Whether to write a blind-hiring profile (no name, contact details, birth date,
    /// photo or school names).
    public var blind: Bool

    /// A writer for one language and audience; the defaults match `pathfolio export`
    /// (English, for the public, not blind).
    public init(locale: DocumentLocale = .en, audience: Audience = .public, blind: Bool = false) {
        self.locale = locale
        self.audience = audience
        self.blind = blind
    }

    var words: Vocabulary { Vocabulary(locale: locale) }

    /// The part of a portfolio this writer's audience may see, in canonical order.
    public func shown(_ portfolio: Portfolio) -> Portfolio {
        var shown = portfolio.visible(to: audience)
        if blind { shown = shown.blinded() }
        return shown.canonicallyOrdered()
    }

    /// The document for one person, ending in a newline.
    ///
    /// The portfolio may be given whole: it is filtered here for ``audience`` (and
    /// ``blind``) and put in canonical order, so the same records always give the same bytes
    /// whatever order they come in. Planned experiences are listed under the next steps, not
    /// among the experiences; a portfolio with no experiences still gets a title and profile.
    public func render(_ portfolio: Portfolio) -> String {
        let portfolio = Lookup(shown(portfolio))
        let done = portfolio.experiences.filter { $0.status != .planned }
        let planned = portfolio.experiences.filter { $0.status == .planned }
        var blocks: [String] = ["# " + MarkdownText.inline(name(of: portfolio.person)),
                                "*" + words.audience(audience, blind: blind) + "*"]
        blocks += profile(portfolio.person)
        blocks += overview(portfolio, done: done)
        if !portfolio.experiences.isEmpty {
            blocks.append("## " + words.path)
            blocks.append("```mermaid\n" + MermaidFlowchart(portfolio: portfolio.portfolio, vocabulary: words).source() + "\n```")
        }
        blocks.append("## " + words.timeline)
        if done.isEmpty { blocks.append(words.nothingYet) }
        for experience in done { blocks += section(experience, in: portfolio) }
        blocks += skills(portfolio)
        if !planned.isEmpty {
            blocks.append("## " + words.nextSteps)
            for experience in planned { blocks += section(experience, in: portfolio) }
        }
        return blocks.utf8Joined(separator: "\n\n") + "\n"
    }

    /// The person's name, or "Candidate 3f9a1c2e" / "지원자 3f9a1c2e" where it is hidden.
    func name(of person: Person) -> String {
        person.name == Portfolio.anonymousName(for: person.id) ? words.candidate + " " + person.id.short : person.name
    }

    /// A shown portfolio with its records found by ID in constant time, so that a long path
    /// renders in time proportional to its size.
    @dynamicMemberLookup
    struct Lookup {
        let portfolio: Portfolio
        private let experiences: [ExperienceID: Experience]
        private let organizations: [OrganizationID: Organization]
        private let reflectionsByExperience: [ExperienceID: [Reflection]]
        private let reflectionsByID: [ReflectionID: Reflection]
        private let linksFrom: [ExperienceID: [Link]]
        private let linksTo: [ExperienceID: [Link]]
        /// ``PathfolioCore/Portfolio/skillInventory()``, computed once.
        let skillInventory: [Portfolio.SkillEvidence]

        /// `portfolio` must be in canonical order.
        init(_ portfolio: Portfolio) {
            self.portfolio = portfolio
            experiences = Dictionary(portfolio.experiences.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            organizations = Dictionary(portfolio.organizations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            reflectionsByExperience = Dictionary(grouping: portfolio.reflections, by: \.experienceID)
            reflectionsByID = Dictionary(portfolio.reflections.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            linksFrom = Dictionary(grouping: portfolio.links, by: \.from)
            linksTo = Dictionary(grouping: portfolio.links, by: \.to)
            skillInventory = portfolio.skillInventory()
        }

        subscript<T>(dynamicMember path: KeyPath<Portfolio, T>) -> T { portfolio[keyPath: path] }

        func experience(_ id: ExperienceID) -> Experience? { experiences[id] }
        func organization(_ id: OrganizationID?) -> Organization? { id.flatMap { organizations[$0] } }
        func reflection(_ id: ReflectionID) -> Reflection? { reflectionsByID[id] }
        /// Oldest first (canonical order).
        func reflections(on id: ExperienceID) -> [Reflection] { reflectionsByExperience[id] ?? [] }
        func links(from id: ExperienceID) -> [Link] { linksFrom[id] ?? [] }
        func links(to id: ExperienceID) -> [Link] { linksTo[id] ?? [] }
    }

    // MARK: Sections

    private func profile(_ person: Person) -> [String] {
        var blocks: [String] = []
        if let headline = person.detail(.headline) { blocks.append("**" + MarkdownText.inline(headline.value) + "**") }
        for summary in person.details where summary.kind == .summary { blocks.append(MarkdownText.block(summary.value)) }
        var rows = person.details.filter { $0.kind != .headline && $0.kind != .summary }.map { detail -> [String] in
            var name = words.detail(detail.kind)
            if let label = detail.label { name += " (" + label + ")" }
            let value = detail.kind == .birthDate ? (try? PartialDate(detail.value)).map(locale.date) ?? detail.value : detail.value
            let cell = detail.kind == .website || detail.kind == .email
                ? MarkdownText.link(value, to: detail.kind == .email ? "mailto:" + value : value)
                : MarkdownText.cell(value)
            return [MarkdownText.cell(name), cell]
        }
        if !person.tags.isEmpty {
            rows.append([MarkdownText.cell(words.caseloadTags), MarkdownText.cell(person.tags.utf8Joined(separator: ", "))])
        }
        if !rows.isEmpty { blocks.append(MarkdownText.table(header: [words.field, words.value], rows: rows)) }
        return blocks.isEmpty ? [] : ["## " + words.profile] + blocks
    }

    private func overview(_ portfolio: Lookup, done: [Experience]) -> [String] {
        var facts: [String] = ["- " + words.experienceCount(done.count)]
        if let years = span(of: done) { facts.append("- " + words.years + ": " + years) }
        let skills = portfolio.skillInventory
        if !skills.isEmpty {
            facts.append("- " + words.skillCount(skills.count) + ": " + skills.map { MarkdownText.inline($0.name) }.utf8Joined(separator: ", "))
        }
        var blocks = ["## " + words.overview, facts.utf8Joined(separator: "\n")]
        let counts = ExperienceKind.allCases.compactMap { kind -> [String]? in
            let count = done.filter { $0.kind == kind }.count
            return count == 0 ? nil : [words.kind(kind), String(count)]
        }
        if !counts.isEmpty { blocks.append(MarkdownText.table(header: [words.kind, words.count], rows: counts)) }
        return blocks
    }

    /// `2018 – 2025`, `2018 – present`, or one year; `nil` when nothing is dated.
    func span(of experiences: [Experience]) -> String? {
        let starts = experiences.compactMap { $0.period.start?.year ?? $0.period.end?.date?.year }
        guard let first = starts.min() else { return nil }
        let ongoing = experiences.contains { $0.period.isOngoing || ($0.status == .ongoing && $0.period.end == nil) }
        let last = experiences.compactMap { $0.period.end?.date?.year ?? $0.period.start?.year }.max() ?? first
        let end = ongoing ? locale.present : String(last)
        return end == String(first) ? end : "\(first) – \(end)"
    }

    /// An experience: heading, facts, summary, highlights, evidence, links, reflections.
    private func section(_ experience: Experience, in portfolio: Lookup) -> [String] {
        var heading = MarkdownText.inline(experience.title)
        if let organization = portfolio.organization(experience.organizationID) {
            heading += " · " + MarkdownText.inline(organization.name)
        }
        var blocks = ["### " + heading]
        var facts = [words.kind(experience.kind), words.status(experience.status)]
        if let period = locale.period(experience.period) { facts.insert(period, at: 0) }
        blocks.append("*" + facts.map(MarkdownText.inline).utf8Joined(separator: " · ") + "*")
        var details: [(String, String)] = []
        if let role = experience.role { details.append((words.role, role)) }
        if let location = experience.location { details.append((words.location, location)) }
        if let type = experience.job?.employmentType { details.append((words.employment, words.employment(type))) }
        if let training = experience.training {
            if let hours = training.hours { details.append((words.hours, words.hoursValue(hours))) }
            if let credential = training.credential { details.append((words.credential, credential)) }
            if let code = training.courseCode { details.append((words.courseCode, code)) }
            if let code = training.ncsCode { details.append((words.ncsCode, code)) }
            if let funding = training.funding { details.append((words.funding, funding)) }
        }
        if let programme = experience.workExperience {
            if let name = programme.programme { details.append((words.programme, name)) }
            if let sponsor = programme.sponsor { details.append((words.sponsor, sponsor)) }
        }
        if let mentoring = experience.mentoring {
            if let role = mentoring.role { details.append((words.mentoringRole, words.mentoring(role))) }
            if let counterpart = mentoring.counterpart { details.append((words.counterpart, counterpart)) }
        }
        if !experience.skills.isEmpty { details.append((words.skills, experience.skills.utf8Joined(separator: ", "))) }
        if !experience.tags.isEmpty { details.append((words.tags, experience.tags.utf8Joined(separator: ", "))) }
        if !details.isEmpty {
            blocks.append(details.map { "- **" + MarkdownText.inline($0.0) + "**: " + MarkdownText.inline($0.1) }.utf8Joined(separator: "\n"))
        }
        if let summary = experience.summary { blocks.append(MarkdownText.block(summary)) }
        if !experience.highlights.isEmpty {
            blocks.append("**" + words.highlights + "**")
            blocks.append(experience.highlights.map(MarkdownText.item).utf8Joined(separator: "\n"))
        }
        if !experience.evidence.isEmpty {
            blocks.append("**" + words.evidence + "**")
            blocks.append(experience.evidence.map { item in
                let digest = item.sha256.flatMap { $0.allSatisfy(\.isHexDigit) ? " · SHA-256 `\($0)`" : nil } ?? ""
                return "- " + MarkdownText.escapingLineStart(MarkdownText.link(item.title, to: item.uri)) + digest
            }.utf8Joined(separator: "\n"))
        }
        let links = portfolio.links(from: experience.id).compactMap { link -> String? in
            guard let target = portfolio.experience(link.to) else { return nil }
            var line = "- " + words.link(link.type) + " → " + MarkdownText.inline(target.title)
            if let note = link.note { line += " (" + MarkdownText.inline(note) + ")" }
            return line
        }
        // A next step also says what it comes after.
        let before = experience.status != .planned ? [] : portfolio.links(to: experience.id).compactMap { link -> String? in
            guard let source = portfolio.experience(link.from), source.status != .planned else { return nil }
            return MarkdownText.item(source.title) + " (" + words.link(link.type) + ")"
        }
        if !before.isEmpty {
            blocks.append("**" + words.comesAfter + "**")
            blocks.append(before.utf8Joined(separator: "\n"))
        }
        if !links.isEmpty {
            blocks.append("**" + words.links + "**")
            blocks.append(links.utf8Joined(separator: "\n"))
        }
        for reflection in portfolio.reflections(on: experience.id) { blocks += self.reflection(reflection) }
        return blocks
    }

    /// A reflection: its kind and date as a heading, facts, then each prompt as a heading
    /// with its answer, in the order written.
    private func reflection(_ reflection: Reflection) -> [String] {
        var blocks = ["#### " + words.reflection(reflection.kind) + " · " + locale.date(reflection.written)]
        var facts: [String] = []
        if let rating = reflection.rating { facts.append("- **" + words.rating + "**: " + words.ratingValue(rating)) }
        if let outcome = reflection.outcome { facts.append("- **" + words.outcome + "**: " + words.outcome(outcome)) }
        if !reflection.skillsGained.isEmpty {
            facts.append("- **" + words.skillsGained + "**: " + MarkdownText.inline(reflection.skillsGained.utf8Joined(separator: ", ")))
        }
        if !facts.isEmpty { blocks.append(facts.utf8Joined(separator: "\n")) }
        for entry in reflection.entries where !entry.answer.trimmingWhitespace.isEmpty {
            blocks.append("##### " + MarkdownText.inline(entry.prompt.isEmpty ? entry.key : entry.prompt))
            blocks.append(MarkdownText.block(entry.answer))
        }
        return blocks
    }

    private func skills(_ portfolio: Lookup) -> [String] {
        let inventory = portfolio.skillInventory
        guard !inventory.isEmpty else { return ["## " + words.skills, words.noSkills] }
        // The reflections column only when some reflection names a skill.
        let reflected = inventory.contains(where: \.isReflected)
        let rows = inventory.map { skill -> [String] in
            let experiences = skill.experiences.compactMap { portfolio.experience($0)?.title }
            let reflections = skill.reflections.compactMap { id -> String? in
                guard let reflection = portfolio.reflection(id) else { return nil }
                let on = portfolio.experience(reflection.experienceID)?.title ?? ""
                return words.reflection(reflection.kind) + " (" + locale.date(reflection.written) + ", " + on + ")"
            }
            var row = [MarkdownText.cell(skill.name), MarkdownText.cell(experiences.utf8Joined(separator: "; "))]
            if reflected { row.append(MarkdownText.cell(reflections.utf8Joined(separator: "; "))) }
            return row
        }
        let header = [words.skill, words.experiences] + (reflected ? [words.reflections] : [])
        return ["## " + words.skills, MarkdownText.table(header: header, rows: rows)]
    }
}
