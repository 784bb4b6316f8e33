public import Foundation
public import PathfolioCore

/// Reads a LEAP2A feed (2009-03 or 2010-07, as Mahara, Moodle and other ePortfolio systems
/// write them) or a zip package holding `leap2a.xml` and attached files.
///
/// What real files contain is tolerated: `rel` and `rdf:type` values as CURIEs, full URIs or
/// unprefixed names; dates given only as a label (kept, and read as a date only when it can
/// mean one thing); HTML and XHTML content (turned into text); entries of types Pathfolio
/// does not model (kept as `other` experiences or as evidence); attachments in a package
/// (stored by reference with their SHA-256). Everything dropped or approximated is listed in
/// the ``LossReport``.
///
/// A feed written by ``LEAP2AWriter`` carries Pathfolio's extension namespace and reads back
/// into exactly the portfolio it was written from.
///
/// IDs come from the extension when present, otherwise from the feed's and the entry's IDs,
/// so reading the same file twice gives the same portfolio.
///
/// - Throws: ``DiagnosticError`` at file, line and column: malformed XML, a root that is not
///   an Atom feed, an entry without an ID, duplicate IDs, links that break the model's rules.
public enum LEAP2AReader {
    public static func read(_ data: Data, options: ReadOptions) throws(DiagnosticError) -> ForeignRead {
        if LEAP2APackage.isZip(data) {
            let package = try LEAP2APackage.open(data, source: options.source)
            var result = try readFeed(package.feed, options: ReadOptions(source: options.source + "!/" + package.feedPath,
                                                                         today: options.today),
                                      attachments: package.digests, packagePrefix: package.folder, package: options.source)
            result.losses.append(contentsOf: package.losses)
            return result.from(options.source)
        }
        return try readFeed(data, options: options, attachments: nil, packagePrefix: "", package: nil).from(options.source)
    }

    /// Whether the bytes look like a LEAP2A feed (an Atom feed with LEAP2A namespaces) or a
    /// zip package.
    public static func recognizes(_ data: Data) -> Bool {
        if LEAP2APackage.isZip(data) { return true }
        let head = FileHead(data)
        return head.contains(LEAP2A.atom) && head.contains("<feed")
            && (head.contains("leapspecs.org") || head.contains("LEAP2A_predicates") || head.contains(LEAP2A.pathfolio))
    }

    /// - Parameters:
    ///   - attachments: path in the package → SHA-256, for a feed read from a zip package.
    ///   - package: the package's name; attached files are stored by reference as
    ///     `package!/path` (the path inside the zip).
    static func readFeed(_ data: Data, options: ReadOptions, attachments: [String: String]?,
                         packagePrefix: String, package: String?) throws(DiagnosticError) -> ForeignRead {
        let root = try MarkupParser.parse(data, source: options.source)
        guard root.is(LEAP2A.atom, "feed") else {
            throw DiagnosticError(.error("leap2a.root", "the root element is <\(root.name)>, not an Atom <feed>",
                                         hint: "a LEAP2A file is an Atom feed: <feed xmlns=\"\(LEAP2A.atom)\">",
                                         at: root.location(options.source)))
        }
        var reader = FeedReader(root: root, options: options, attachments: attachments, packagePrefix: packagePrefix,
                                package: package)
        try reader.read()
        let portfolio = Portfolio(person: reader.person, organizations: reader.organizations,
                                  experiences: reader.experiences, links: reader.links, reflections: reader.reflections)
        return ForeignRead(portfolio: try portfolio.checkedForImport(origin: reader.origin), losses: reader.losses)
    }
}

/// One `atom:entry`, with what the reader needs of it.
private struct FeedEntry {
    let element: MarkupElement
    /// The entry's ID, expanded (CURIEs and full URIs of the same entry compare equal).
    let key: String
    let rawID: String
    let title: String
    var types: [String]
    /// (relationship, expanded target, link element)
    var links: [(rel: String, target: String, element: MarkupElement)]
    /// (scheme, term); no scheme for plain tags.
    var categories: [(scheme: String?, term: String)]
    /// The extension element (`pf:experience`, `pf:person`, …), when the feed is ours.
    var extensionElement: MarkupElement?

    var type: String { types.first ?? "entry" }
}

private struct FeedReader {
    let root: MarkupElement
    let options: ReadOptions
    let attachments: [String: String]?
    let packagePrefix: String
    let package: String?
    var losses = LossReport(format: "leap2a", direction: "import")
    var problems: [Diagnostic] = []
    var person = Person(id: "unnamed", name: "")
    var organizations: [Organization] = []
    var experiences: [Experience] = []
    var links: [Link] = []
    var reflections: [Reflection] = []
    var origin: [String: Diagnostic.Location] = [:]

    var entries: [FeedEntry] = []
    var byKey: [String: Int] = [:]
    /// Target key → the entries that link to it (by index) and how, in document order.
    var incoming: [String: [(from: Int, rel: String)]] = [:]
    /// Experience → the key of the entry it came from.
    var keyOf: [ExperienceID: String] = [:]
    var feedID = ""
    /// Whether the feed was written by Pathfolio (its extension namespace is used).
    var isOurs = false
    /// Entry key → the record it became.
    var experienceOf: [String: ExperienceID] = [:]
    var organizationOf: [String: OrganizationID] = [:]

    init(root: MarkupElement, options: ReadOptions, attachments: [String: String]?, packagePrefix: String, package: String?) {
        self.root = root
        self.options = options
        self.attachments = attachments
        self.packagePrefix = packagePrefix
        self.package = package
    }

    static let atom = [LEAP2A.atom]
    static let terms = LEAP2A.termNamespaces
    static let ours = [LEAP2A.pathfolio]

    /// The local name of a LEAP2A term (`leap2:activity`, `http://terms.leapspecs.org/activity`,
    /// `activity`); other values are returned expanded.
    static func term(_ value: String, at element: MarkupElement) -> String {
        let expanded = element.expand(value)
        for namespace in LEAP2A.termNamespaces where expanded.hasPrefix(namespace) {
            return String(expanded.dropFirst(namespace.count))
        }
        return expanded
    }

    func location(_ element: MarkupElement) -> Diagnostic.Location { element.location(options.source) }

    mutating func read() throws(DiagnosticError) {
        feedID = root.element("id", in: Self.atom)?.text.trimmingWhitespace ?? ""
        isOurs = root.namespaces.values.contains(LEAP2A.pathfolio)
        collectEntries()
        try problems.throwIfErrors()
        readPerson()
        try problems.throwIfErrors()
        for entry in entries { reportUnreadElements(entry) }
        for entry in entries where entry.type == "organization" { readOrganization(entry) }
        for entry in entries { classify(entry) }
        attachSkillsAndEvidence()
        readLinks()
        for entry in entries where entry.type == "entry" && entry.links.contains(where: { $0.rel == "reflects_on" }) {
            readReflection(entry)
        }
        try problems.throwIfErrors()
    }

    // MARK: Entries

    mutating func collectEntries() {
        for element in root.elements("entry", in: Self.atom) {
            guard let idElement = element.element("id", in: Self.atom), !idElement.text.trimmingWhitespace.isEmpty else {
                problems.append(.error("leap2a.entry.id", "an entry has no <id>",
                                       hint: "give every entry a unique <id>, e.g. portfolio:activity1", at: location(element)))
                continue
            }
            let rawID = idElement.text.trimmingWhitespace
            let key = idElement.expand(rawID)
            if byKey[key] != nil {
                problems.append(.error("leap2a.entry.duplicate", "the entry ID '\(rawID)' is used twice",
                                       hint: "give every entry its own <id>", at: location(idElement)))
                continue
            }
            let titleElement = element.element("title", in: Self.atom)
            let title = titleElement.map { textConstruct($0) } ?? ""
            var types = element.elements("type", in: [LEAP2A.rdf]).compactMap { typeElement -> String? in
                (typeElement.attribute("resource", in: [LEAP2A.rdf, nil])).map { Self.term($0, at: typeElement) }
            }
            // 2009-03 files may also give the type as a category or leap:type element.
            types += element.elements("type", in: Self.terms).map { Self.term($0.text, at: $0) }
            let links = element.elements("link", in: Self.atom).compactMap { link -> (rel: String, target: String, element: MarkupElement)? in
                guard let href = link.attribute("href", in: [nil]) else { return nil }
                let rel = Self.term(link.attribute("rel", in: [nil]) ?? "alternate", at: link)
                return (rel, link.expand(href), link)
            }
            let categories = element.elements("category", in: Self.atom).compactMap { category -> (scheme: String?, term: String)? in
                guard let term = category.attribute("term", in: [nil])?.trimmingWhitespace, !term.isEmpty else { return nil }
                return (category.attribute("scheme", in: [nil]).map { category.expand($0) }, term)
            }
            let extensionElement = element.elements.first {
                $0.namespace == LEAP2A.pathfolio && ["person", "organization", "experience", "reflection"].contains($0.name)
            }
            byKey[key] = entries.count
            for link in links { incoming[link.target, default: []].append((entries.count, link.rel)) }
            entries.append(FeedEntry(element: element, key: key, rawID: rawID, title: title, types: types, links: links,
                                     categories: categories, extensionElement: extensionElement))
        }
    }

    /// The text of an Atom text construct (`title`, `summary`, `content`): plain, HTML or XHTML.
    mutating func textConstruct(_ element: MarkupElement, report: (String, FeedEntry?)? = nil) -> String {
        switch element.attribute("type", in: [nil])?.lowercased() {
        case "html", "text/html":
            let text = HTMLText.plain(element.text)
            if let (field, entry) = report, element.text.contains("<") {
                lose(entry, field, .approximated, "HTML formatting dropped; the text was kept")
            }
            return text
        case "xhtml", "application/xhtml+xml":
            let text = Self.xhtmlText(element).normalizedText
            if let (field, entry) = report, element.elements.first?.elements.isEmpty == false {
                lose(entry, field, .approximated, "XHTML formatting dropped; the text was kept")
            }
            return text
        default:
            return element.text.normalizedText
        }
    }

    /// The text of XHTML content: block elements end lines, list items start with a bullet.
    static func xhtmlText(_ element: MarkupElement) -> String {
        var output = ""
        for node in element.children {
            switch node {
            case .text(let text):
                output += text.replacingOccurrences(of: "\n", with: " ")
            case .element(let child):
                let block = ["p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "ul", "ol", "table"].contains(child.name)
                if child.name == "li" { output += output.hasSuffix("\n") || output.isEmpty ? "• " : "\n• " }
                output += xhtmlText(child)
                if block, !output.hasSuffix("\n") { output += "\n" }
            }
        }
        return output.lines
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
            .joined(separator: "\n")
    }

    mutating func lose(_ entry: FeedEntry?, _ field: String, _ action: LossReport.Action, _ detail: String) {
        losses.add(entry == nil ? "feed" : "entry", entry?.rawID, title: entry?.title, field: field, action, detail)
    }

    func stableID<Entity>(_ entry: FeedEntry) -> Identifier<Entity> {
        if let id = entry.extensionElement?.attribute("id", in: Self.ours), Identifier<Entity>.isWellFormed(id) {
            return Identifier(rawValue: id)
        }
        return StableID.make("leap2a", feedID, entry.key)
    }

    /// Lists the elements of an entry that no part of the reader looks at (another
    /// system's extensions such as `mahara:view`, LEAP2A terms Pathfolio does not model), one
    /// line per element name.
    mutating func reportUnreadElements(_ entry: FeedEntry) {
        let atom: Set = ["title", "id", "updated", "published", "content", "summary", "link", "category", "author",
                         "contributor", "rights", "source"]
        let leap: Set = ["date", "status", "myrole", "spatial", "persondata", "orgdata", "type"]
        var reported = Set<String>()
        for child in entry.element.elements {
            let namespace = child.namespace ?? ""
            let read = namespace == LEAP2A.atom ? atom.contains(child.name)
                : namespace == LEAP2A.rdf ? child.name == "type"
                : LEAP2A.termNamespaces.contains(namespace) ? leap.contains(child.name)
                : namespace == LEAP2A.pathfolio
            guard !read else { continue }
            let prefix = child.namespaces.first { $0.value == namespace && !$0.key.isEmpty }?.key
            let name = prefix.map { "\($0):\(child.name)" } ?? child.name
            if reported.insert(name).inserted {
                lose(entry, name, .dropped, "an element Pathfolio does not read")
            }
        }
    }

    // MARK: Person and organizations

    mutating func readPerson() {
        let authorURI = root.element("author", in: Self.atom)?.element("uri", in: Self.atom).map { $0.expand($0.text.trimmingWhitespace) }
        let people = entries.filter { $0.type == "person" }
        let selfEntry = people.first { entry in entry.categories.contains { $0.scheme?.hasSuffix("person_type#") == true && $0.term == "Self" } }
            ?? people.first { $0.key == authorURI } ?? (people.count == 1 ? people.first : nil)
        for other in people where other.key != selfEntry?.key {
            lose(other, "*", .dropped, "a person other than the portfolio's owner (Pathfolio keeps one person per portfolio)")
        }
        guard let entry = selfEntry else {
            let name = root.element("author", in: Self.atom)?.element("name", in: Self.atom)?.text.normalizedLine ?? ""
            guard !name.isEmpty else {
                problems.append(.error("leap2a.person", "the feed names no person: no person entry and no author name",
                                       hint: "add a person entry with <category term=\"Self\" scheme=\"categories:person_type#\"/>, or an <author><name>",
                                       at: location(root)))
                return
            }
            person = Person(id: StableID.make("leap2a", feedID, "person"), name: name)
            return
        }
        let ext = entry.extensionElement
        person = Person(id: stableID(entry), name: entry.title.normalizedLine)
        if person.name.isEmpty {
            problems.append(.error("field.required", "the person entry has no title (the person's name)",
                                   hint: "give the person entry a <title> with the name", at: location(entry.element)))
        }
        if let visibility = ext?.attribute("nameVisibility", in: Self.ours).flatMap(Visibility.init(rawValue:)) {
            person.nameVisibility = visibility
        }
        for data in entry.element.elements("persondata", in: Self.terms) {
            let field = data.attribute("field", in: Self.terms) ?? "other"
            var value = data.text.trimmingWhitespace
            guard !value.isEmpty else { continue }
            if let kind = data.attribute("kind", in: Self.ours).flatMap(PersonalDetailKind.init(rawValue:)) {
                person.details.append(PersonalDetail(kind, value, label: data.attribute("label", in: Self.ours),
                                                     visibility: data.attribute("visibility", in: Self.ours).flatMap(Visibility.init(rawValue:))))
                continue
            }
            if ["legal_given_name", "legal_family_name", "preferred_given_name", "preferred_family_name", "full_name",
                "name_prefix", "name_suffix", "preferred_name"].contains(field) {
                lose(entry, "persondata \(field)", .approximated, "the person entry's title is used as the name")
                continue
            }
            guard let kind = LEAP2A.detailKind(personField: field) else {
                person.details.append(PersonalDetail(.other, value, label: data.attribute("label", in: Self.terms) ?? field))
                lose(entry, "persondata \(field)", .approximated, "kept as an other personal detail")
                continue
            }
            if kind == .birthDate {
                guard let day = ForeignDate.w3c(value)?.isoString else {
                    lose(entry, "persondata dob", .dropped, "not a date")
                    continue
                }
                value = day
            }
            person.details.append(PersonalDetail(kind, value, label: data.attribute("label", in: Self.terms)))
        }
        if !isOurs || ext == nil {
            if let content = entry.element.element("content", in: Self.atom) {
                let text = textConstruct(content, report: ("content", entry))
                if !text.isEmpty { person.details.append(PersonalDetail(.summary, text)) }
            }
            for spatial in entry.element.elements("spatial", in: Self.terms) {
                let lines = spatial.elements.map { $0.text.normalizedLine }.filter { !$0.isEmpty }
                if !lines.isEmpty { person.details.append(PersonalDetail(.address, lines.joined(separator: ", "))) }
            }
        }
        person.tags = entry.element.elements("tag", in: Self.ours).map(\.text)
        origin[person.id.rawValue] = location(entry.element)
    }

    mutating func readOrganization(_ entry: FeedEntry) {
        let ext = entry.extensionElement
        let name = entry.title.normalizedLine
        guard !name.isEmpty else {
            lose(entry, "*", .dropped, "an organization without a name")
            return
        }
        let organization = Organization(
            id: stableID(entry), name: name,
            kind: ext?.attribute("kind", in: Self.ours).flatMap(OrganizationKind.init(rawValue:)),
            location: spatialText(entry.element),
            website: entry.element.elements("orgdata", in: Self.terms)
                .first { $0.attribute("field", in: Self.terms) == "website" }?.text.trimmingWhitespace)
        organizations.append(organization)
        organizationOf[entry.key] = organization.id
        origin[organization.id.rawValue] = location(entry.element)
    }

    func spatialText(_ element: MarkupElement) -> String? {
        let parts = element.elements("spatial", in: Self.terms).map { spatial -> String in
            let lines = spatial.elements.filter { $0.namespace.map(Self.terms.contains) == true }.map { $0.text.normalizedLine }
            return lines.isEmpty ? Self.xhtmlText(spatial).normalizedLine : lines.filter { !$0.isEmpty }.joined(separator: ", ")
        }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    // MARK: Experiences

    mutating func classify(_ entry: FeedEntry) {
        switch entry.type {
        case "person", "organization", "ability", "resource":
            return
        case "entry" where entry.links.contains { $0.rel == "reflects_on" }:
            return
        case "selection":
            lose(entry, "*", .dropped, "a selection (a view, a collection or a grouping) is not part of the path")
            return
        case "activity", "plan", "achievement", "affiliation", "meeting", "publication", "entry":
            readExperience(entry)
            if entry.extensionElement == nil, entry.type != "activity", entry.type != "plan" {
                lose(entry, "type", .approximated, "a LEAP2A \(entry.type) was kept as an experience of kind other")
            }
        default:
            readExperience(entry)
            lose(entry, "type", .approximated, "entry type '\(entry.type)' is not modelled; kept as an experience of kind other")
        }
    }

    mutating func date(_ element: MarkupElement, entry: FeedEntry) -> PartialDate? {
        let text = element.text.trimmingWhitespace
        let label = element.attribute("label", in: Self.terms)?.normalizedLine.nilIfEmpty
        if let date = ForeignDate.w3c(text) {
            if text.count > 10 { lose(entry, "date \(element.attribute("point", in: Self.terms) ?? "")", .approximated, "the time of day was dropped") }
            return label.flatMap { try? PartialDate(year: date.year!, month: date.month, day: date.day, label: $0) } ?? date
        }
        let written = label ?? text.nilIfEmpty
        guard let written else { return nil }
        let point = element.attribute("point", in: Self.terms) ?? "date"
        if !isOurs, let parsed = ForeignDate.label(written), let year = parsed.year {
            lose(entry, "date \(point)", .approximated, "read '\(written)' as \(parsed.isoString!); the label was kept")
            return try? PartialDate(year: year, month: parsed.month, day: parsed.day, label: written)
        }
        if !isOurs {
            lose(entry, "date \(point)", .approximated, "'\(written)' cannot be read as a date; kept as a label only")
        }
        return try? PartialDate(label: written)
    }

    mutating func readExperience(_ entry: FeedEntry) {
        let element = entry.element
        let ext = entry.extensionElement
        var kind = ext?.attribute("kind", in: Self.ours).flatMap(ExperienceKind.init(rawValue:))
        if kind == nil {
            kind = entry.categories.lazy.filter { $0.scheme?.hasSuffix("life_area#") == true || $0.scheme?.hasSuffix("life_area") == true }
                .compactMap { LEAP2A.kind(lifeArea: $0.term) }.first
        }
        var start: PartialDate?, end: Period.End?, target: PartialDate?
        for dateElement in element.elements("date", in: Self.terms) {
            let point = dateElement.attribute("point", in: Self.terms)?.lowercased()
            guard let value = date(dateElement, entry: entry) else { continue }
            switch point {
            case "start": if start == nil { start = value }
            case "end": if end == nil { end = .date(value) }
            case "target": if target == nil { target = value }
            default: lose(entry, "date", .dropped, "a date without a start, end or target point")
            }
        }
        var status = ext?.attribute("status", in: Self.ours).flatMap(ExperienceStatus.init(rawValue:))
        let stage = element.element("status", in: Self.terms)
            .flatMap { $0.attribute("stage", in: Self.terms) ?? $0.attribute("resource", in: [LEAP2A.rdf]).map { Self.term($0, at: element) } }
        if status == nil, let stage { status = LEAP2A.status(stage: stage) }
        if status == nil, entry.type == "plan" { status = .planned }
        if end == nil, let target {
            end = .date(target)
            if ext == nil { lose(entry, "date target", .approximated, "the target date was kept as the end") }
        }
        if ext?.attribute("end", in: Self.ours) == "ongoing" || (ext == nil && end == nil && status == .ongoing) { end = .ongoing }
        let period = Period(start: start, end: end)
        var title = entry.title.normalizedLine
        if title.isEmpty {
            title = "Untitled \(entry.type)"
            lose(entry, "title", .approximated, "the entry has no title; '\(title)' was used")
        }
        var summary: String?
        if let content = element.element("content", in: Self.atom) {
            summary = textConstruct(content, report: ("content", entry)).nilIfEmpty
        }
        if summary == nil, let summaryElement = element.element("summary", in: Self.atom) {
            summary = textConstruct(summaryElement, report: ("summary", entry)).nilIfEmpty
        }
        let id: ExperienceID = stableID(entry)
        var experience = Experience(
            id: id, kind: kind ?? .other,
            status: status ?? ExperienceStatus.inferred(from: period, today: options.today),
            title: title, role: element.element("myrole", in: Self.terms)?.text.normalizedLine.nilIfEmpty,
            location: spatialText(element), period: period, summary: summary,
            highlights: element.elements("highlight", in: Self.ours).map(\.text),
            tags: entry.categories.filter { $0.scheme == nil }.map(\.term),
            visibility: ext?.attribute("visibility", in: Self.ours).flatMap(Visibility.init(rawValue:)) ?? .public)
        readDetails(&experience, element)
        for link in entry.links where link.rel == "supported_by" {
            if let organization = organizationOf[link.target] {
                if experience.organizationID == nil { experience.organizationID = organization } else {
                    lose(entry, "supported_by", .dropped, "a second organization (an experience has one)")
                }
            }
        }
        if experience.organizationID == nil {
            for (from, rel) in incoming[entry.key] ?? [] where rel == "supports" {
                if let organization = organizationOf[entries[from].key] {
                    experience.organizationID = organization
                    break
                }
            }
        }
        if let src = element.element("content", in: Self.atom)?.attribute("src", in: [nil]) {
            experience.evidence.append(evidence(title: title, href: src, entry: entry))
        }
        experiences.append(experience)
        experienceOf[entry.key] = id
        keyOf[id] = entry.key
        origin[id.rawValue] = location(element)
    }

    func readDetails(_ experience: inout Experience, _ element: MarkupElement) {
        func value(_ detail: MarkupElement, _ name: String) -> String? { detail.attribute(name, in: Self.ours) }
        if let job = element.element("job", in: Self.ours) {
            experience.job = JobDetails(employmentType: value(job, "employmentType").flatMap(EmploymentType.init(rawValue:)))
        }
        if let training = element.element("training", in: Self.ours) {
            experience.training = TrainingDetails(hours: value(training, "hours").flatMap(Double.init),
                                                  credential: value(training, "credential"), courseCode: value(training, "courseCode"),
                                                  ncsCode: value(training, "ncsCode"), funding: value(training, "funding"))
        }
        if let programme = element.element("workExperience", in: Self.ours) {
            experience.workExperience = WorkExperienceDetails(programme: value(programme, "programme"), sponsor: value(programme, "sponsor"))
        }
        if let mentoring = element.element("mentoring", in: Self.ours) {
            experience.mentoring = MentoringDetails(role: value(mentoring, "role").flatMap(MentoringRole.init(rawValue:)),
                                                    counterpart: value(mentoring, "counterpart"))
        }
    }

    // MARK: Skills and evidence

    mutating func evidence(title: String, href: String, entry: FeedEntry, digest: String? = nil) -> Evidence {
        var sha256 = digest
        var uri = href
        if sha256 == nil, let attachments, !href.contains("://") {
            let path = href.removingPercentEncoding ?? href
            let inPackage = attachments[packagePrefix + path] != nil ? packagePrefix + path : path
            sha256 = attachments[inPackage]
            if sha256 == nil {
                lose(entry, "enclosure", .approximated, "the attached file '\(href)' is not in the package; kept by reference without a digest")
            } else if let package {
                uri = package + "!/" + inPackage
            }
        }
        return Evidence(title: title.normalizedLine.nilIfEmpty ?? href, uri: uri, sha256: sha256)
    }

    /// The experiences an entry is linked with by any of the relationships, in link order:
    /// links written on the experiences first, then links written on the entry.
    func linkedExperiences(_ entry: FeedEntry, from experienceSide: [String], from entrySide: [String]) -> [ExperienceID] {
        var found: [ExperienceID] = []
        var seen = Set<ExperienceID>()
        for (from, rel) in incoming[entry.key] ?? [] where experienceSide.contains(rel) {
            if let id = experienceOf[entries[from].key], seen.insert(id).inserted { found.append(id) }
        }
        for link in entry.links where entrySide.contains(link.rel) {
            if let id = experienceOf[link.target], seen.insert(id).inserted { found.append(id) }
        }
        return found
    }

    mutating func attachSkillsAndEvidence() {
        var index: [ExperienceID: Int] = [:]
        for (position, experience) in experiences.enumerated() { index[experience.id] = position }
        // Skills, in the order each experience lists its abilities.
        var skillsOf: [ExperienceID: [(Int, String)]] = [:]
        var evidenceOf: [ExperienceID: [(Int, Evidence)]] = [:]
        for entry in entries where entry.type == "ability" || entry.type == "resource" {
            let linked = linkedExperiences(entry, from: ["is_evidence_of", "has_evidence", "related"],
                                           from: ["has_evidence", "is_evidence_of", "related", "is_part_of"])
            if entry.type == "ability" {
                let name = entry.title.normalizedLine
                guard !linked.isEmpty, !name.isEmpty else {
                    lose(entry, "*", .dropped, "a skill (ability) not linked to any experience; Pathfolio ties skills to experiences")
                    continue
                }
                for id in linked { skillsOf[id, default: []].append((order(of: entry, in: id), name)) }
                continue
            }
            let enclosure = entry.links.first { $0.rel == "enclosure" }?.element.attribute("href", in: [nil])
                ?? entry.element.element("content", in: Self.atom)?.attribute("src", in: [nil])
                ?? entry.links.first { $0.rel == "alternate" }?.element.attribute("href", in: [nil])
                ?? (entry.rawID.hasPrefix("http") ? entry.rawID : nil)
            guard let enclosure else {
                lose(entry, "*", .dropped, "a resource without a file or link (no enclosure)")
                continue
            }
            let ours = entry.element.element("evidence", in: Self.ours)
            var item = evidence(title: entry.title, href: enclosure, entry: entry, digest: ours?.attribute("sha256", in: Self.ours))
            // A package Pathfolio wrote keeps the evidence's own URI beside the file's place.
            if let original = ours?.attribute("uri", in: Self.ours) { item.uri = original }
            if linked.isEmpty {
                var holder = Experience(id: stableID(entry), kind: .other, status: .completed, title: item.title, evidence: [item])
                holder.summary = entry.element.element("content", in: Self.atom).map { textConstruct($0) }?.nilIfEmpty
                experiences.append(holder)
                origin[holder.id.rawValue] = location(entry.element)
                lose(entry, "*", .approximated, "a resource linked to no experience; kept as an experience of kind other holding it as evidence")
                continue
            }
            for id in linked { evidenceOf[id, default: []].append((order(of: entry, in: id), item)) }
        }
        for (id, skills) in skillsOf {
            guard let position = index[id] else { continue }
            experiences[position].skills += skills.sorted { $0.0 < $1.0 }.map(\.1)
        }
        for (id, items) in evidenceOf {
            guard let position = index[id] else { continue }
            experiences[position].evidence += items.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// Where an experience's entry links to `entry` (its position among the links), or after
    /// every link when the experience does not link to it.
    func order(of entry: FeedEntry, in id: ExperienceID) -> Int {
        guard let key = keyOf[id], let holder = byKey[key] else { return .max }
        return entries[holder].links.firstIndex { $0.target == entry.key } ?? (10_000 + (byKey[entry.key] ?? 0))
    }

    // MARK: Links

    mutating func readLinks() {
        var seen = Set<String>()
        var undirected = Set<String>()
        func add(_ from: ExperienceID, _ to: ExperienceID, _ type: LinkType, note: String?) {
            if type == .relatedTo {
                let pair = [from.rawValue, to.rawValue].sorted().joined(separator: "|")
                guard undirected.insert(pair).inserted else { return }
            }
            let link = Link(from: from, to: to, type: type, note: note)
            guard seen.insert(link.key).inserted else {
                if let note, let index = links.firstIndex(where: { $0.key == link.key }), links[index].note == nil { links[index].note = note }
                return
            }
            links.append(link)
        }
        for entry in entries {
            guard let here = experienceOf[entry.key] else { continue }
            for link in entry.links {
                let note = link.element.attribute("note", in: Self.ours)
                guard let there = experienceOf[link.target] else {
                    if let index = byKey[link.target] {
                        if !readsElsewhere(link.rel, to: entries[index]) {
                            lose(entry, "link \(link.rel)", .dropped,
                                 "Pathfolio has no such link from an experience to a LEAP2A \(entries[index].type) ('\(link.target)')")
                        }
                    } else if ["is_part_of", "has_part", "supports", "supported_by", "relation", "related"].contains(link.rel) {
                        lose(entry, "link \(link.rel)", .dropped, "its target '\(link.target)' is not in the file")
                    }
                    continue
                }
                switch link.rel {
                case "is_part_of": add(here, there, .partOf, note: note)
                case "has_part": add(there, here, .partOf, note: note)
                case "supports": add(here, there, .supports, note: note)
                case "supported_by": add(there, here, .supports, note: note)
                case "relation", "related":
                    switch link.element.attribute("type", in: Self.ours) {
                    case "ledTo": add(here, there, .ledTo, note: note)
                    case "ledFrom": add(there, here, .ledTo, note: note)
                    case "relatedFrom": add(there, here, .relatedTo, note: note)
                    default: add(here, there, .relatedTo, note: note)
                    }
                default:
                    lose(entry, "link \(link.rel)", .dropped, "Pathfolio has no such link between experiences")
                }
            }
        }
    }

    /// Whether a link from an experience to an entry that is not one is read somewhere
    /// else: its organization, its skills and evidence, its reflections, a selection (which
    /// is reported as a whole).
    func readsElsewhere(_ rel: String, to target: FeedEntry) -> Bool {
        switch target.type {
        case "organization": rel == "supported_by" && organizationOf[target.key] != nil
        case "ability", "resource": ["is_evidence_of", "has_evidence", "related"].contains(rel)
        case "selection": true
        case "entry" where target.links.contains { $0.rel == "reflects_on" }: ["reflected_on_by", "related"].contains(rel)
        default: false
        }
    }

    // MARK: Reflections

    mutating func readReflection(_ entry: FeedEntry) {
        let targets = entry.links.filter { $0.rel == "reflects_on" }.compactMap { experienceOf[$0.target] }
        guard let target = targets.first else {
            readExperience(entry)
            lose(entry, "reflects_on", .approximated, "it reflects on something that is not an experience; kept as an experience of kind other")
            return
        }
        if targets.count > 1 { lose(entry, "reflects_on", .dropped, "a reflection is on one experience; the first was kept") }
        let ext = entry.extensionElement
        func value(_ name: String) -> String? { ext?.attribute(name, in: Self.ours) }
        var written = value("written").flatMap { try? PartialDate($0) }
        if written == nil {
            let stamp = (entry.element.element("published", in: Self.atom) ?? entry.element.element("updated", in: Self.atom))?.text
            written = stamp.flatMap(ForeignDate.w3c).flatMap { $0.precision == .day ? $0 : nil }
            if written == nil {
                written = options.today
                lose(entry, "published", .approximated, "no date written; today's date was used")
            }
        }
        var entriesOut = ext?.elements("entry", in: Self.ours).map {
            ReflectionEntry(key: $0.attribute("key", in: Self.ours) ?? "", prompt: $0.attribute("prompt", in: Self.ours) ?? "",
                            answer: $0.text)
        } ?? []
        if ext == nil {
            let text = entry.element.element("content", in: Self.atom).map { textConstruct($0, report: ("content", entry)) } ?? ""
            entriesOut = [ReflectionEntry(key: "text", prompt: entry.title, answer: text)]
        }
        let reflection = Reflection(
            id: stableID(entry), experienceID: target,
            kind: value("kind").flatMap(ReflectionKind.init(rawValue:)) ?? .free, written: written ?? options.today,
            template: value("template"), locale: value("locale"), entries: entriesOut,
            rating: value("rating").flatMap { Int($0) }, outcome: value("outcome").flatMap(ReflectionOutcome.init(rawValue:)),
            skillsGained: ext?.elements("skillGained", in: Self.ours).map(\.text) ?? [],
            visibility: value("visibility").flatMap(Visibility.init(rawValue:)) ?? .counselor)
        reflections.append(reflection)
        origin[reflection.id.rawValue] = location(entry.element)
    }
}
