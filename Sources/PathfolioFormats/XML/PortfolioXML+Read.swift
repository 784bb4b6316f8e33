public import PathfolioCore

/// One portfolio read from a file, with what an import needs beside it.
public struct ReadPortfolio: Sendable, Hashable {
    public var portfolio: Portfolio
    /// Each experience's `hash` attribute: its content hash when the file was made.
    public var experienceHashes: [ExperienceID: String]
    /// Each reflection's `hash` attribute.
    public var reflectionHashes: [ReflectionID: String]
    /// The line of the `<portfolio>` (or root) element.
    public var line: Int
    /// The line of each record, by `entity:id` (`experience:3f9a…`, `link:a:ledTo:b`).
    public var lines: [String: Int] = [:]
    /// The audience the file says it was written for (its root's `audience`), if it says.
    public var audience: Audience?
}

/// What reading one XML file gave: its portfolios, or the problems that stop it.
public struct PortfolioXMLReadResult: Sendable {
    /// The file name the diagnostics carry.
    public var name: String
    /// The audience the file says it was written for, if it says.
    public var audience: Audience?
    public var portfolios: [ReadPortfolio]
    /// Every problem: file, well-formedness, schema validity (all of them, in one pass),
    /// then the model's rules (duplicate IDs, unknown references, cycles, dates).
    public var diagnostics: [Diagnostic]

    /// How many portfolios and experiences the file holds (as far as it was read).
    public var portfolioCount = 0
    public var experienceCount = 0

    public init(name: String, audience: Audience? = nil, portfolios: [ReadPortfolio] = [], diagnostics: [Diagnostic] = []) {
        self.name = name
        self.audience = audience
        self.portfolios = portfolios
        self.diagnostics = diagnostics
    }

    /// Whether the file may be imported: no errors.
    public var isValid: Bool { !diagnostics.containsErrors }
}

extension PortfolioXML {
    /// Reads and validates a file: XSD validation in the same streaming pass, then the
    /// model's rules. Never throws: every problem is a diagnostic in the result, and the
    /// result holds the portfolios only when there is none.
    ///
    /// - Parameter schema: a compiled schema to reuse across files; the embedded one is
    ///   compiled when `nil`.
    public static func read(path: String, schema: XMLSchema? = nil, limits: XMLReadLimits = .default) -> PortfolioXMLReadResult {
        var portfolios: [ReadPortfolio] = []
        var result = read(path: path, schema: schema, limits: limits) { portfolios.append($0); return true }
        if result.isValid { result.portfolios = portfolios }
        return result
    }

    /// Reads and validates a buffer; see ``read(path:schema:limits:)``.
    public static func read(bytes: some Collection<UInt8>, name: String, schema: XMLSchema? = nil,
                            limits: XMLReadLimits = .default) -> PortfolioXMLReadResult {
        var portfolios: [ReadPortfolio] = []
        var result = read(bytes: bytes, name: name, schema: schema, limits: limits) { portfolios.append($0); return true }
        if result.isValid { result.portfolios = portfolios }
        return result
    }

    /// Reads and validates a file, handing each portfolio to `each` as soon as it has been
    /// read and checked, so memory stays bounded however large the file is.
    ///
    /// `each` sees only portfolios read while the file was still free of errors, but a
    /// later part of the file may still turn out to be invalid: use the portfolios
    /// provisionally (for example inside a transaction) and commit only when the result
    /// ``PortfolioXMLReadResult/isValid``. Return `false` from `each` to stop reading.
    /// The result's ``PortfolioXMLReadResult/portfolios`` is empty; its counts are set.
    public static func read(path: String, schema: XMLSchema? = nil, limits: XMLReadLimits = .default,
                            each: (ReadPortfolio) -> Bool) -> PortfolioXMLReadResult {
        read(name: path, schema: schema, each: each) { schema throws(DiagnosticError) in
            try XMLStreamReader(path: path, schema: schema, limits: limits)
        }
    }

    /// Reads and validates a buffer portfolio by portfolio; see ``read(path:schema:limits:each:)``.
    public static func read(bytes: some Collection<UInt8>, name: String, schema: XMLSchema? = nil,
                            limits: XMLReadLimits = .default, each: (ReadPortfolio) -> Bool) -> PortfolioXMLReadResult {
        read(name: name, schema: schema, each: each) { schema throws(DiagnosticError) in
            try XMLStreamReader(bytes: bytes, name: name, schema: schema, limits: limits)
        }
    }

    private static func read(name: String, schema: XMLSchema?, each: (ReadPortfolio) -> Bool,
                             open: (XMLSchema) throws(DiagnosticError) -> XMLStreamReader) -> PortfolioXMLReadResult {
        var result = PortfolioXMLReadResult(name: name, audience: nil, portfolios: [], diagnostics: [])
        do throws(DiagnosticError) {
            let compiled: XMLSchema
            if let schema { compiled = schema } else { compiled = try compiledSchema() }
            let reader = try open(compiled)
            let stopped = withoutActuallyEscaping(each) { each in
                let parser = PortfolioXMLParser(reader: reader, each: each)
                parser.document()
                result.audience = parser.audience
                result.portfolioCount = parser.portfolioCount
                result.experienceCount = parser.experienceCount
                return parser.stoppedByCaller
            }
            result.diagnostics = Self.tidied(reader.diagnostics)
            if !reader.isComplete, !result.diagnostics.containsErrors, !stopped {
                result.diagnostics.append(.error("xml.incomplete", "the file ends before the document does",
                                                 hint: "the file is truncated; export it again",
                                                 at: .file(name, line: reader.line, column: reader.column)))
            }
        } catch {
            result.diagnostics = error.diagnostics
        }
        return result
    }

    /// The schema's messages without our namespace in every name (`Element 'experience'`),
    /// and without those about a date where the reader said the same more plainly
    /// ("'2023-02-30' does not exist: February 2023 has 28 days").
    private static func tidied(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let dateLines = Set(diagnostics.filter { $0.code == "date.malformed" }.compactMap { $0.location?.line })
        return diagnostics.compactMap { diagnostic in
            guard diagnostic.code == "xml.schema" else { return diagnostic }
            if diagnostic.message.contains("DateOrEmpty"), dateLines.contains(diagnostic.location?.line ?? -1) { return nil }
            var copy = diagnostic
            copy.message = copy.message.replacing("{\(namespace)}", with: "")
            return copy
        }
    }
}

/// Turns the reader's node stream into portfolios. The schema validates in the same pass,
/// so this parser is lenient: what the schema rejects is reported by the schema, and the
/// result is discarded whenever any error was reported.
final class PortfolioXMLParser {
    let reader: XMLStreamReader
    let each: (ReadPortfolio) -> Bool
    var audience: Audience?
    var portfolioCount = 0
    var experienceCount = 0
    var stoppedByCaller = false
    /// For the rules across portfolios: each person once, each experience ID in one portfolio.
    private var people: [PersonID: Int] = [:]
    private var experienceOwners: [ExperienceID: PersonID] = [:]

    init(reader: XMLStreamReader, each: @escaping (ReadPortfolio) -> Bool) {
        self.reader = reader
        self.each = each
    }

    /// Checks a portfolio just read and hands it on while the file is free of errors.
    private func finish(_ read: ReadPortfolio, errorsBefore: Int) {
        portfolioCount += 1
        experienceCount += read.portfolio.experiences.count
        let errorsWithin = errorCount - errorsBefore
        // A portfolio the schema already faulted is not checked further: its values are guesses.
        guard errorsWithin == 0 else { return }
        for diagnostic in semanticDiagnostics(read) { reader.report(diagnostic) }
        guard !reader.diagnostics.containsErrors, !stoppedByCaller else { return }
        if !each(read) {
            stoppedByCaller = true
            reader.stop()
        }
    }

    /// The model's rules on one portfolio, and across the portfolios of the file, located
    /// by file and line where the record is known.
    private func semanticDiagnostics(_ read: ReadPortfolio) -> [Diagnostic] {
        let file = reader.name
        let portfolio = read.portfolio
        var found: [Diagnostic] = []
        if let first = people[portfolio.person.id] {
            found.append(.error("id.duplicate", "the person '\(portfolio.person.id)' appears twice (first on line \(first))",
                                hint: "merge the two <portfolio> elements into one",
                                at: Diagnostic.Location(file: file, line: read.line, entity: "person", id: portfolio.person.id.rawValue)))
        }
        people[portfolio.person.id] = read.line
        for experience in portfolio.experiences {
            if let owner = experienceOwners.updateValue(portfolio.person.id, forKey: experience.id), owner != portfolio.person.id {
                found.append(.error("id.duplicate", "the experience ID '\(experience.id)' is used in two portfolios",
                                    hint: "give each experience its own ID",
                                    at: Diagnostic.Location(file: file, line: read.lines["experience:\(experience.id)"],
                                                            entity: "experience", id: experience.id.rawValue, field: "id")))
            }
        }
        found += portfolio.bulkDiagnostics().map { diagnostic in
            diagnostic.located { location in
                location.file = file
                let key = "\(location.entity ?? ""):\(location.id ?? "")"
                if location.line == nil { location.line = read.lines[key] ?? read.line }
            }
        }
        return found
    }

    private var errorCount: Int { reader.diagnostics.reduce(0) { $0 + ($1.severity == .error ? 1 : 0) } }

    func document() {
        while reader.read() {
            guard reader.nodeType == .element else { continue }
            guard reader.namespaceURI == PortfolioXML.namespace else {
                reader.report(reader.here("xml.namespace",
                                          "the root element <\(reader.localName)> is not in the namespace \(PortfolioXML.namespace)",
                                          hint: "write <portfolio xmlns=\"\(PortfolioXML.namespace)\" version=\"1\"> (see Schemas/README.md)"))
                reader.stop()
                return
            }
            if let version = reader.attribute("version"), version != PortfolioXML.version {
                reader.report(reader.here("xml.version",
                                          "the file is schema version '\(version)'; this Pathfolio reads version \(PortfolioXML.version)",
                                          hint: "update Pathfolio to read a newer file, or export it again as version \(PortfolioXML.version)"))
                reader.stop()
                return
            }
            audience = reader.attribute("audience").flatMap(Audience.init(rawValue:))
            switch reader.localName {
            case "portfolio":
                let before = errorCount
                finish(portfolio(), errorsBefore: before)
            case "portfolios":
                eachChild { name in
                    guard name == "portfolio" else { reader.skip(); return }
                    let before = errorCount
                    finish(portfolio(), errorsBefore: before)
                }
            default:
                reader.skip()
            }
        }
    }

    /// Calls `body` on each child element of the current element; `body` must read the
    /// child to its end (``XMLStreamReader/readText()``, ``XMLStreamReader/skip()`` or
    /// another `eachChild`).
    private func eachChild(_ body: (String) -> Void) {
        guard reader.nodeType == .element, !reader.isEmptyElement else { return }
        let depth = reader.depth
        while reader.read() {
            switch reader.nodeType {
            case .element where reader.depth == depth + 1: body(reader.localName)
            case .endElement where reader.depth == depth: return
            default: continue
            }
        }
    }

    private func portfolio() -> ReadPortfolio {
        var result = ReadPortfolio(portfolio: Portfolio(person: Person(id: "", name: "")), experienceHashes: [:],
                                   reflectionHashes: [:], line: reader.nodeLine, audience: audience)
        eachChild { name in
            switch name {
            case "person":
                result.lines["person:\(reader.attribute("id") ?? "")"] = reader.nodeLine
                result.portfolio.person = person()
            case "organizations":
                eachChild { _ in
                    let line = reader.nodeLine
                    let organization = self.organization()
                    result.lines["organization:\(organization.id)"] = line
                    result.portfolio.organizations.append(organization)
                }
            case "experiences":
                eachChild { _ in
                    let line = reader.nodeLine
                    let (experience, hash) = self.experience()
                    if result.lines["experience:\(experience.id)"] == nil { result.lines["experience:\(experience.id)"] = line }
                    result.portfolio.experiences.append(experience)
                    if let hash { result.experienceHashes[experience.id] = hash }
                }
            case "links":
                eachChild { _ in
                    let line = reader.nodeLine
                    let link = self.link()
                    result.lines["link:\(link.key)"] = line
                    result.portfolio.links.append(link)
                }
            case "reflections":
                eachChild { _ in
                    let line = reader.nodeLine
                    let (reflection, hash) = self.reflection()
                    result.lines["reflection:\(reflection.id)"] = line
                    result.portfolio.reflections.append(reflection)
                    if let hash { result.reflectionHashes[reflection.id] = hash }
                }
            default: reader.skip()
            }
        }
        return result
    }

    private func person() -> Person {
        var person = Person(id: PersonID(rawValue: reader.attribute("id") ?? ""), name: "")
        eachChild { name in
            switch name {
            case "name":
                person.nameVisibility = visibility()
                person.name = reader.readText()
            case "detail":
                let kind = reader.attribute("kind").flatMap(PersonalDetailKind.init(rawValue:)) ?? .other
                let label = reader.attribute("label"), shown = visibility()
                person.details.append(PersonalDetail(kind, reader.readText(), label: label, visibility: shown))
            case "tag": person.tags.append(reader.readText())
            default: reader.skip()
            }
        }
        return person
    }

    private func organization() -> Organization {
        var organization = Organization(id: OrganizationID(rawValue: reader.attribute("id") ?? ""), name: "",
                                        kind: reader.attribute("kind").flatMap(OrganizationKind.init(rawValue:)))
        eachChild { name in
            switch name {
            case "name": organization.name = reader.readText()
            case "location": organization.location = reader.readText()
            case "website": organization.website = reader.readText()
            default: reader.skip()
            }
        }
        return organization
    }

    private func experience() -> (Experience, String?) {
        var e = Experience(id: ExperienceID(rawValue: reader.attribute("id") ?? ""),
                           kind: reader.attribute("kind").flatMap(ExperienceKind.init(rawValue:)) ?? .other,
                           status: reader.attribute("status").flatMap(ExperienceStatus.init(rawValue:)) ?? .completed,
                           title: "",
                           organizationID: reader.attribute("organization").map(OrganizationID.init(rawValue:)),
                           visibility: visibility())
        let hash = reader.attribute("hash")
        let line = reader.nodeLine
        eachChild { name in
            switch name {
            case "title": e.title = reader.readText()
            case "role": e.role = reader.readText()
            case "location": e.location = reader.readText()
            case "period":
                eachChild { part in
                    switch part {
                    case "start": e.period.start = date(record: e.id.rawValue, field: "period.start", line: line)
                    case "end":
                        if reader.attribute("ongoing").map({ $0 == "true" || $0 == "1" }) == true {
                            if !reader.readText().isEmpty {
                                reader.report(reader.here("period.ongoingWithDate", "an end is both ongoing and dated",
                                                          hint: "remove the date, or remove ongoing=\"true\""))
                            }
                            e.period.end = .ongoing
                        } else {
                            e.period.end = date(record: e.id.rawValue, field: "period.end", line: line).map(Period.End.date)
                        }
                    default: reader.skip()
                    }
                }
            case "summary": e.summary = reader.readText()
            case "highlight": e.highlights.append(reader.readText())
            case "skill": e.skills.append(reader.readText())
            case "evidence":
                var item = Evidence(title: "", uri: "", sha256: reader.attribute("sha256"))
                eachChild { part in
                    switch part {
                    case "title": item.title = reader.readText()
                    case "uri": item.uri = reader.readText()
                    default: reader.skip()
                    }
                }
                e.evidence.append(item)
            case "tag": e.tags.append(reader.readText())
            case "job":
                e.job = JobDetails(employmentType: reader.attribute("employmentType").flatMap(EmploymentType.init(rawValue:)))
                reader.skip()
            case "training":
                var details = TrainingDetails(hours: reader.attribute("hours").flatMap(Double.init))
                eachChild { part in
                    switch part {
                    case "credential": details.credential = reader.readText()
                    case "courseCode": details.courseCode = reader.readText()
                    case "ncsCode": details.ncsCode = reader.readText()
                    case "funding": details.funding = reader.readText()
                    default: reader.skip()
                    }
                }
                e.training = details
            case "workExperience":
                var details = WorkExperienceDetails()
                eachChild { part in
                    switch part {
                    case "programme": details.programme = reader.readText()
                    case "sponsor": details.sponsor = reader.readText()
                    default: reader.skip()
                    }
                }
                e.workExperience = details
            case "mentoring":
                var details = MentoringDetails(role: reader.attribute("role").flatMap(MentoringRole.init(rawValue:)))
                eachChild { part in
                    if part == "counterpart" { details.counterpart = reader.readText() } else { reader.skip() }
                }
                e.mentoring = details
            default: reader.skip()
            }
        }
        return (e, hash)
    }

    private func link() -> Link {
        var link = Link(from: ExperienceID(rawValue: reader.attribute("from") ?? ""),
                        to: ExperienceID(rawValue: reader.attribute("to") ?? ""),
                        type: reader.attribute("type").flatMap(LinkType.init(rawValue:)) ?? .relatedTo)
        eachChild { name in
            if name == "note" { link.note = reader.readText() } else { reader.skip() }
        }
        return link
    }

    private func reflection() -> (Reflection, String?) {
        let id = reader.attribute("id") ?? ""
        let written = reader.attribute("written").flatMap { try? PartialDate($0) } ?? (try! PartialDate(year: 1000))
        var r = Reflection(id: ReflectionID(rawValue: id),
                           experienceID: ExperienceID(rawValue: reader.attribute("experience") ?? ""),
                           kind: reader.attribute("kind").flatMap(ReflectionKind.init(rawValue:)) ?? .free,
                           written: written,
                           template: reader.attribute("template"), locale: reader.attribute("locale"),
                           rating: reader.attribute("rating").flatMap { Int($0) },
                           outcome: reader.attribute("outcome").flatMap(ReflectionOutcome.init(rawValue:)),
                           visibility: visibility())
        let hash = reader.attribute("hash")
        eachChild { name in
            switch name {
            case "entry":
                var entry = ReflectionEntry(key: reader.attribute("key") ?? "", prompt: "", answer: "")
                eachChild { part in
                    switch part {
                    case "prompt": entry.prompt = reader.readText()
                    case "answer": entry.answer = reader.readText()
                    default: reader.skip()
                    }
                }
                r.entries.append(entry)
            case "skillGained": r.skillsGained.append(reader.readText())
            default: reader.skip()
            }
        }
        return (r, hash)
    }

    /// The current element's visibility; `private` when missing or unknown (the schema
    /// reports it), so that a broken file never makes anything more visible.
    private func visibility() -> Visibility {
        reader.attribute("visibility").flatMap(Visibility.init(rawValue:)) ?? .private
    }

    /// A `start` or `end` element as a date: its text at its precision, and its label.
    private func date(record: String, field: String, line: Int) -> PartialDate? {
        let label = reader.attribute("label")
        let text = reader.readText().trimmingWhitespace
        do {
            if !text.isEmpty { return try PartialDate(text, label: label) }
            if let label, !label.trimmingWhitespace.isEmpty { return try PartialDate(label: label) }
            reader.report(.error("date.empty", "the date has neither a value nor a label",
                                 hint: "write YYYY, YYYY-MM or YYYY-MM-DD, or add label=\"…\", or leave the element out",
                                 at: Diagnostic.Location(file: reader.name, line: reader.nodeLine, entity: "experience", id: record, field: field)))
        } catch {
            reader.report(.error("date.malformed", error.description, hint: error.hint,
                                 at: Diagnostic.Location(file: reader.name, line: reader.nodeLine, entity: "experience", id: record, field: field)))
        }
        return nil
    }
}
