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
        render(shownView: shown(portfolio)).text()
    }

    /// A person's document and their entry in the caseload index (see
    /// ``indexEntry(for:fileName:today:)``), from one filtering and ordering of the portfolio
    /// where the two calls would make one each (three with the skills inventory): what an
    /// export of a caseload makes for each person.
    ///
    /// With no `fileName` the person's name in the index links nowhere: the caseload as one
    /// document, where each person's document is part of the same file.
    ///
    /// The document comes as its UTF-8 bytes, ready for a file.
    package func renderWithIndexEntry(_ portfolio: Portfolio, fileName: String?,
                                      today: PartialDate) -> (document: [UInt8], entry: IndexEntry) {
        let view = shown(portfolio)
        // Filtering keeps the order, and the blind profile and the audience's view can be
        // taken in either order; a view is its own view for the same audience.
        let indexView = indexAudience == audience ? view : view.visible(to: indexAudience)
        return (render(shownView: view).utf8(), indexEntry(ofView: indexView, fileName: fileName, today: today))
    }

    /// The document for ``shown(_:)``'s view of a portfolio.
    private func render(shownView: Portfolio) -> MarkdownDocument {
        let portfolio = Lookup(shownView)
        let done = portfolio.experiences.filter { $0.status != .planned }
        let planned = portfolio.experiences.filter { $0.status == .planned }
        var document = MarkdownDocument()
        document.heading(1, MarkdownText.inline(name(of: portfolio.person)))
        document.block()
        document += "*"
        document += words.audience(audience, blind: blind)
        document += "*"
        profile(portfolio.person, into: &document)
        overview(portfolio, done: done, into: &document)
        if !portfolio.experiences.isEmpty {
            document.heading(2, words.path)
            document.block("```mermaid\n")
            MermaidFlowchart(portfolio: portfolio.portfolio, vocabulary: words).write(into: &document)
            document += "\n```"
        }
        document.heading(2, words.timeline)
        if done.isEmpty { document.block(words.nothingYet) }
        for experience in done { section(experience, in: portfolio, into: &document) }
        skills(portfolio, into: &document)
        if !planned.isEmpty {
            document.heading(2, words.nextSteps)
            for experience in planned { section(experience, in: portfolio, into: &document) }
        }
        return document
    }

    /// The person's name, or "Candidate 3f9a1c2e" / "지원자 3f9a1c2e" where it is hidden (with
    /// the whole ID where the label has it).
    func name(of person: Person) -> String {
        guard Portfolio.isAnonymousName(person.name, of: person.id) else { return person.name }
        return words.candidate + " " + (person.name == Portfolio.anonymousName(for: person.id) ? person.id.short : person.id.rawValue)
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
            skillInventory = portfolio.skillInventoryInOrder()
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

    private func profile(_ person: Person, into document: inout MarkdownDocument) {
        let rows = person.details.filter { $0.kind != .headline && $0.kind != .summary }
        let hasSummary = person.details.contains { $0.kind == .summary }
        let headline = person.detail(.headline)
        guard headline != nil || hasSummary || !rows.isEmpty || !person.tags.isEmpty else { return }
        document.heading(2, words.profile)
        if let headline {
            document.block("**")
            document += MarkdownText.inline(headline.value)
            document += "**"
        }
        for summary in person.details where summary.kind == .summary { document.block(MarkdownText.block(summary.value)) }
        var cells = rows.map { detail -> [String] in
            var name = words.detail(detail.kind)
            if let label = detail.label { name += " (" + label + ")" }
            let value = detail.kind == .birthDate ? (try? PartialDate(detail.value)).map(locale.date) ?? detail.value : detail.value
            let cell = detail.kind == .website || detail.kind == .email
                ? MarkdownText.link(value, to: detail.kind == .email ? "mailto:" + value : value)
                : MarkdownText.cell(value)
            return [MarkdownText.cell(name), cell]
        }
        if !person.tags.isEmpty {
            cells.append([MarkdownText.cell(words.caseloadTags), MarkdownText.cell(person.tags.utf8Joined(separator: ", "))])
        }
        if !cells.isEmpty { document.table(header: [words.field, words.value], rows: cells) }
    }

    private func overview(_ portfolio: Lookup, done: [Experience], into document: inout MarkdownDocument) {
        document.heading(2, words.overview)
        document.block("- ")
        document += words.experienceCount(done.count)
        if let years = span(of: done) {
            document += "\n- "
            document += words.years
            document += ": "
            document += years
        }
        let skills = portfolio.skillInventory
        if !skills.isEmpty {
            document += "\n- "
            document += words.skillCount(skills.count)
            document += ": "
            for index in skills.indices {
                if index != skills.startIndex { document += ", " }
                document += MarkdownText.inline(skills[index].name)
            }
        }
        var counts: [ExperienceKind: Int] = [:]
        for experience in done { counts[experience.kind, default: 0] += 1 }
        let rows = ExperienceKind.allCases.compactMap { kind in counts[kind].map { [words.kind(kind), String($0)] } }
        if !rows.isEmpty { document.table(header: [words.kind, words.count], rows: rows) }
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
    private func section(_ experience: Experience, in portfolio: Lookup, into document: inout MarkdownDocument) {
        document.heading(3, MarkdownText.inline(experience.title))
        if let organization = portfolio.organization(experience.organizationID) {
            document += " · "
            document += MarkdownText.inline(organization.name)
        }
        document.block("*")
        if let period = locale.period(experience.period) {
            document += MarkdownText.inline(period)
            document += " · "
        }
        document += MarkdownText.inline(words.kind(experience.kind))
        document += " · "
        document += MarkdownText.inline(words.status(experience.status))
        document += "*"
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
            document.block()
            for (index, (name, value)) in details.enumerated() {
                document += index == 0 ? "- **" : "\n- **"
                document += MarkdownText.inline(name)
                document += "**: "
                document += MarkdownText.inline(value)
            }
        }
        if let summary = experience.summary { document.block(MarkdownText.block(summary)) }
        if !experience.highlights.isEmpty {
            document.block("**")
            document += words.highlights
            document += "**"
            document.block()
            for (index, highlight) in experience.highlights.enumerated() {
                if index != 0 { document += "\n" }
                document += MarkdownText.item(highlight)
            }
        }
        if !experience.evidence.isEmpty {
            document.block("**")
            document += words.evidence
            document += "**"
            document.block()
            for (index, item) in experience.evidence.enumerated() {
                document += index == 0 ? "- " : "\n- "
                document += MarkdownText.escapingLineStart(MarkdownText.link(item.title, to: item.uri))
                if let digest = item.sha256, digest.allSatisfy(\.isHexDigit) {
                    document += " · SHA-256 `"
                    document += digest
                    document += "`"
                }
            }
        }
        // A next step also says what it comes after.
        if experience.status == .planned {
            var first = true
            for link in portfolio.links(to: experience.id) {
                guard let source = portfolio.experience(link.from), source.status != .planned else { continue }
                document.item(under: words.comesAfter, first: &first)
                document += MarkdownText.item(source.title)
                document += " ("
                document += words.link(link.type)
                document += ")"
            }
        }
        var first = true
        for link in portfolio.links(from: experience.id) {
            guard let target = portfolio.experience(link.to) else { continue }
            document.item(under: words.links, first: &first)
            document += "- "
            document += words.link(link.type)
            document += " → "
            document += MarkdownText.inline(target.title)
            if let note = link.note {
                document += " ("
                document += MarkdownText.inline(note)
                document += ")"
            }
        }
        for reflection in portfolio.reflections(on: experience.id) { self.reflection(reflection, into: &document) }
    }

    /// A reflection: its kind and date as a heading, facts, then each prompt as a heading
    /// with its answer, in the order written.
    private func reflection(_ reflection: Reflection, into document: inout MarkdownDocument) {
        document.heading(4, words.reflection(reflection.kind))
        document += " · "
        document += locale.date(reflection.written)
        var facts: [String] = []
        if let rating = reflection.rating { facts.append("- **" + words.rating + "**: " + words.ratingValue(rating)) }
        if let outcome = reflection.outcome { facts.append("- **" + words.outcome + "**: " + words.outcome(outcome)) }
        if !reflection.skillsGained.isEmpty {
            facts.append("- **" + words.skillsGained + "**: " + MarkdownText.inline(reflection.skillsGained.utf8Joined(separator: ", ")))
        }
        if !facts.isEmpty {
            document.block()
            document.append(facts, separator: "\n")
        }
        for entry in reflection.entries where !entry.answer.trimmingWhitespace.isEmpty {
            document.heading(5, MarkdownText.inline(entry.prompt.isEmpty ? entry.key : entry.prompt))
            document.block(MarkdownText.block(entry.answer))
        }
    }

    private func skills(_ portfolio: Lookup, into document: inout MarkdownDocument) {
        document.heading(2, words.skills)
        let inventory = portfolio.skillInventory
        guard !inventory.isEmpty else {
            document.block(words.noSkills)
            return
        }
        // The reflections column only when some reflection names a skill.
        let reflected = inventory.contains(where: \.isReflected)
        let rows = inventory.map { skill -> [String] in
            let experiences = skill.experiences.compactMap { portfolio.experience($0)?.title }
            var row = [MarkdownText.cell(skill.name), MarkdownText.cell(experiences.utf8Joined(separator: "; "))]
            if reflected {
                let reflections = skill.reflections.compactMap { id -> String? in
                    guard let reflection = portfolio.reflection(id) else { return nil }
                    let on = portfolio.experience(reflection.experienceID)?.title ?? ""
                    return words.reflection(reflection.kind) + " (" + locale.date(reflection.written) + ", " + on + ")"
                }
                row.append(MarkdownText.cell(reflections.utf8Joined(separator: "; ")))
            }
            return row
        }
        let header = [words.skill, words.experiences] + (reflected ? [words.reflections] : [])
        document.table(header: header, rows: rows)
    }
}
