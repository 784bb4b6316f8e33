public import PathfolioCore
import Crypto

/// Pathfolio's own XML format: the project's exchange contract (`Schemas/pathfolio-1.xsd`).
///
/// Write a portfolio for an audience with ``write(_:audience:)``, many with
/// ``write(collection:audience:)``; read and validate files with ``read(path:schema:)``.
/// Writing is deterministic: the same portfolio gives the same bytes (canonical order, no
/// timestamp), and export → import → export gives the same bytes again.
///
/// ```swift
/// let bytes = try PortfolioXML.write(portfolio, audience: .counselor)
/// let result = PortfolioXML.read(bytes: bytes, name: "career.xml")
/// if result.diagnostics.containsErrors { … } else { result.portfolios }
/// ```
public enum PortfolioXML {
    /// The namespace of every element: `urn:pathfolio:portfolio:1`.
    public static let namespace = "urn:pathfolio:portfolio:1"
    /// The schema version written in the `version` attribute.
    public static let version = "1"
    /// The schema's file name, as diagnostics name it.
    public static let schemaName = "pathfolio-1.xsd"

    /// The embedded schema, compiled (compile once, validate many files).
    public static func compiledSchema() throws(DiagnosticError) -> XMLSchema {
        try XMLSchema(xsd: schemaText, name: schemaName)
    }

    /// One portfolio as a `<portfolio>` document, with only what `audience` may see.
    ///
    /// - Throws: ``DiagnosticError`` naming each record and field whose text holds a
    ///   character XML 1.0 cannot carry (a control character such as U+0007, or U+FFFE /
    ///   U+FFFF); nothing is written then, never a broken file.
    public static func write(_ portfolio: Portfolio, audience: Audience) throws(DiagnosticError) -> String {
        var writer = XMLPortfolioWriter()
        writer.document(root: "portfolio", audience: audience, portfolios: [portfolio.visible(to: audience)])
        return try writer.finish()
    }

    /// Many portfolios as one `<portfolios>` document, each with only what `audience` may see.
    ///
    /// - Throws: ``DiagnosticError`` as ``write(_:audience:)`` does.
    public static func write(collection portfolios: [Portfolio], audience: Audience) throws(DiagnosticError) -> String {
        var writer = XMLPortfolioWriter()
        writer.document(root: "portfolios", audience: audience, portfolios: portfolios.map { $0.visible(to: audience) })
        return try writer.finish()
    }

    /// Many portfolios as one `<portfolios>` document, handed to `sink` a portfolio at a
    /// time, so that a caseload is never one string in memory. The bytes are those of
    /// ``write(collection:audience:)``.
    ///
    /// - Throws: ``DiagnosticError`` as ``write(_:audience:)`` does (after the last chunk;
    ///   nothing is handed on once a problem is found), or what `sink` throws.
    public static func write(collection portfolios: [Portfolio], audience: Audience,
                             to sink: (String) throws -> Void) throws {
        try withoutActuallyEscaping(sink) { sink in
            var collection = try CollectionWriter(audience: audience, to: sink)
            for portfolio in portfolios {
                try collection.add(Result { () throws(DiagnosticError) in try member(portfolio, audience: audience) })
            }
            try collection.finish()
        }
    }

    /// One member of a `<portfolios>` collection, as ``CollectionWriter`` takes it: made apart
    /// (on any thread), added in order.
    public static func member(_ portfolio: Portfolio, audience: Audience) throws(DiagnosticError) -> String {
        var writer = XMLPortfolioWriter()
        writer.collectionMember(portfolio.visible(to: audience))
        return try writer.finish()
    }

    /// A `<portfolios>` document written as its members come, for callers that read a
    /// caseload a group of people at a time. Every member's problems are collected; once
    /// there is one, nothing more is handed to the sink, and ``finish()`` throws them all.
    public struct CollectionWriter {
        private let sink: (String) throws -> Void
        private var problems: [Diagnostic] = []

        /// Hands the XML declaration and the opening tag to `sink`.
        public init(audience: Audience, to sink: @escaping (String) throws -> Void) throws {
            self.sink = sink
            var header = XMLPortfolioWriter()
            header.start(root: "portfolios", audience: audience, capacity: 0)
            try sink(header.output.string)
        }

        /// The next member (``PortfolioXML/member(_:audience:)``), or why it could not be written.
        public mutating func add(_ member: Result<String, DiagnosticError>) throws {
            switch member {
            case .success(let text): if problems.isEmpty { try sink(text) }
            case .failure(let error): problems += error.diagnostics
            }
        }

        /// Throws the problems found, if any; otherwise hands on the closing tag.
        public func finish() throws {
            try problems.throwIfErrors()
            try sink("</portfolios>\n")
        }
    }

    /// The content hash written in an experience's `hash` attribute: the SHA-256 of the
    /// `<experience>` element as this writer writes it, without the attribute, unindented.
    /// A function of the experience's content only.
    public static func fingerprint(_ experience: Experience) -> String {
        var writer = XMLPortfolioWriter()
        writer.experience(experience, indent: 0, hash: nil)
        return sha256(writer.output.bytes)
    }

    /// The content hash written in a reflection's `hash` attribute (see ``fingerprint(_:)-(Experience)``).
    public static func fingerprint(_ reflection: Reflection) -> String {
        var writer = XMLPortfolioWriter()
        writer.reflection(reflection, indent: 0, hash: nil)
        return sha256(writer.output.bytes)
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Writes the XML text: elements in schema order, two-space indentation, text escaped.
struct XMLPortfolioWriter {
    private(set) var output = UTF8Text()
    private var problems: [Diagnostic] = []
    /// The record being written, for diagnostics.
    private var record: (entity: String, id: String) = ("portfolio", "")

    mutating func finish() throws(DiagnosticError) -> String {
        try problems.throwIfErrors()
        return output.string
    }

    mutating func document(root: String, audience: Audience, portfolios: [Portfolio]) {
        start(root: root, audience: audience, capacity: 4096 * portfolios.count)
        if root == "portfolio", let only = portfolios.first {
            body(of: only.canonicallyOrdered(), indent: 2)
        } else {
            for portfolio in portfolios { collectionMember(portfolio) }
        }
        output += "</\(root)>\n"
    }

    /// The XML declaration and the root's start tag.
    mutating func start(root: String, audience: Audience, capacity: Int) {
        output.reserveCapacity(capacity)
        output += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        output += "<\(root) xmlns=\"\(PortfolioXML.namespace)\" version=\"\(PortfolioXML.version)\" audience=\"\(audience.rawValue)\">\n"
    }

    /// One `<portfolio>` inside a `<portfolios>` collection.
    mutating func collectionMember(_ portfolio: Portfolio) {
        output += "  <portfolio>\n"
        body(of: portfolio.canonicallyOrdered(), indent: 4)
        output += "  </portfolio>\n"
    }

    private mutating func body(of portfolio: Portfolio, indent: Int) {
        let pad = String(repeating: " ", count: indent)
        person(portfolio.person, indent: indent)
        if !portfolio.organizations.isEmpty {
            output += pad
            output += "<organizations>\n"
            for organization in portfolio.organizations { self.organization(organization, indent: indent + 2) }
            output += pad
            output += "</organizations>\n"
        }
        if !portfolio.experiences.isEmpty {
            output += pad
            output += "<experiences>\n"
            for experience in portfolio.experiences {
                self.experience(experience, indent: indent + 2, hash: PortfolioXML.fingerprint(experience))
            }
            output += pad
            output += "</experiences>\n"
        }
        if !portfolio.links.isEmpty {
            output += pad
            output += "<links>\n"
            for link in portfolio.links { self.link(link, indent: indent + 2) }
            output += pad
            output += "</links>\n"
        }
        if !portfolio.reflections.isEmpty {
            output += pad
            output += "<reflections>\n"
            for reflection in portfolio.reflections {
                self.reflection(reflection, indent: indent + 2, hash: PortfolioXML.fingerprint(reflection))
            }
            output += pad
            output += "</reflections>\n"
        }
    }

    // MARK: Records

    private mutating func person(_ person: Person, indent: Int) {
        record = ("person", person.id.rawValue)
        let pad = String(repeating: " ", count: indent)
        open(pad, "person", [("id", person.id.rawValue)])
        leaf(pad + "  ", "name", person.name, field: "name", attributes: [("visibility", person.nameVisibility.rawValue)])
        for (index, detail) in person.details.enumerated() {
            var attributes = [("kind", detail.kind.rawValue)]
            if let label = detail.label { attributes.append(("label", label)) }
            attributes.append(("visibility", detail.visibility.rawValue))
            leaf(pad + "  ", "detail", detail.value, field: "details[\(index)]", attributes: attributes)
        }
        for (index, tag) in person.tags.enumerated() { leaf(pad + "  ", "tag", tag, field: "tags[\(index)]") }
        close(pad, "person")
    }

    private mutating func organization(_ organization: Organization, indent: Int) {
        record = ("organization", organization.id.rawValue)
        let pad = String(repeating: " ", count: indent)
        var attributes = [("id", organization.id.rawValue)]
        if let kind = organization.kind { attributes.append(("kind", kind.rawValue)) }
        open(pad, "organization", attributes)
        leaf(pad + "  ", "name", organization.name, field: "name")
        optionalLeaf(pad + "  ", "location", organization.location, field: "location")
        optionalLeaf(pad + "  ", "website", organization.website, field: "website")
        close(pad, "organization")
    }

    mutating func experience(_ e: Experience, indent: Int, hash: String?) {
        record = ("experience", e.id.rawValue)
        let pad = String(repeating: " ", count: indent), inner = pad + "  "
        var attributes = [("id", e.id.rawValue), ("kind", e.kind.rawValue), ("status", e.status.rawValue),
                          ("visibility", e.visibility.rawValue)]
        if let organization = e.organizationID { attributes.append(("organization", organization.rawValue)) }
        if let hash { attributes.append(("hash", hash)) }
        open(pad, "experience", attributes)
        leaf(inner, "title", e.title, field: "title")
        optionalLeaf(inner, "role", e.role, field: "role")
        optionalLeaf(inner, "location", e.location, field: "location")
        if e.period.start != nil || e.period.end != nil {
            output += inner
            output += "<period>\n"
            if let start = e.period.start { date(inner + "  ", "start", start, field: "period.start") }
            switch e.period.end {
            case .ongoing?:
                output += inner
                output += "  <end ongoing=\"true\"/>\n"
            case .date(let end)?: date(inner + "  ", "end", end, field: "period.end")
            case nil: break
            }
            output += inner
            output += "</period>\n"
        }
        optionalLeaf(inner, "summary", e.summary, field: "summary")
        for (index, item) in e.highlights.enumerated() { leaf(inner, "highlight", item, field: "highlights[\(index)]") }
        for (index, item) in e.skills.enumerated() { leaf(inner, "skill", item, field: "skills[\(index)]") }
        for (index, item) in e.evidence.enumerated() {
            open(inner, "evidence", item.sha256.map { [("sha256", $0)] } ?? [])
            leaf(inner + "  ", "title", item.title, field: "evidence[\(index)].title")
            leaf(inner + "  ", "uri", item.uri, field: "evidence[\(index)].uri")
            close(inner, "evidence")
        }
        for (index, item) in e.tags.enumerated() { leaf(inner, "tag", item, field: "tags[\(index)]") }
        details(of: e, indent: inner)
        close(pad, "experience")
    }

    private mutating func details(of e: Experience, indent inner: String) {
        if let job = e.job {
            empty(inner, "job", job.employmentType.map { [("employmentType", $0.rawValue)] } ?? [])
        } else if let training = e.training {
            let attributes = training.hours.map { [("hours", Self.decimal($0))] } ?? []
            let fields = [("credential", training.credential), ("courseCode", training.courseCode),
                          ("ncsCode", training.ncsCode), ("funding", training.funding)]
            group(inner, "training", attributes, fields, prefix: "training")
        } else if let programme = e.workExperience {
            group(inner, "workExperience", [], [("programme", programme.programme), ("sponsor", programme.sponsor)],
                  prefix: "workExperience")
        } else if let mentoring = e.mentoring {
            group(inner, "mentoring", mentoring.role.map { [("role", $0.rawValue)] } ?? [],
                  [("counterpart", mentoring.counterpart)], prefix: "mentoring")
        }
    }

    private mutating func link(_ link: Link, indent: Int) {
        record = ("link", link.key)
        let pad = String(repeating: " ", count: indent)
        let attributes = [("from", link.from.rawValue), ("to", link.to.rawValue), ("type", link.type.rawValue)]
        if let note = link.note {
            open(pad, "link", attributes)
            leaf(pad + "  ", "note", note, field: "note")
            close(pad, "link")
        } else {
            empty(pad, "link", attributes)
        }
    }

    mutating func reflection(_ r: Reflection, indent: Int, hash: String?) {
        record = ("reflection", r.id.rawValue)
        let pad = String(repeating: " ", count: indent), inner = pad + "  "
        var attributes = [("id", r.id.rawValue), ("experience", r.experienceID.rawValue), ("kind", r.kind.rawValue),
                          ("written", r.written.isoString ?? ""), ("visibility", r.visibility.rawValue)]
        if let template = r.template { attributes.append(("template", template)) }
        if let locale = r.locale { attributes.append(("locale", locale)) }
        if let rating = r.rating { attributes.append(("rating", String(rating))) }
        if let outcome = r.outcome { attributes.append(("outcome", outcome.rawValue)) }
        if let hash { attributes.append(("hash", hash)) }
        if r.entries.isEmpty, r.skillsGained.isEmpty {
            empty(pad, "reflection", attributes)
            return
        }
        open(pad, "reflection", attributes)
        for (index, entry) in r.entries.enumerated() {
            open(inner, "entry", [("key", entry.key)], field: "entries[\(index)].key")
            leaf(inner + "  ", "prompt", entry.prompt, field: "entries[\(index)].prompt")
            leaf(inner + "  ", "answer", entry.answer, field: "entries[\(index)].answer")
            close(inner, "entry")
        }
        for (index, skill) in r.skillsGained.enumerated() { leaf(inner, "skillGained", skill, field: "skillsGained[\(index)]") }
        close(pad, "reflection")
    }

    // MARK: Elements

    private mutating func date(_ pad: String, _ name: String, _ date: PartialDate, field: String) {
        leaf(pad, name, date.isoString ?? "", field: field, attributes: date.label.map { [("label", $0)] } ?? [])
    }

    private mutating func group(_ pad: String, _ name: String, _ attributes: [(String, String)],
                                _ fields: [(String, String?)], prefix: String) {
        let present = fields.compactMap { field in field.1.map { (field.0, $0) } }
        if present.isEmpty {
            empty(pad, name, attributes)
            return
        }
        open(pad, name, attributes)
        for (child, value) in present { leaf(pad + "  ", child, value, field: "\(prefix).\(child)") }
        close(pad, name)
    }

    private mutating func open(_ pad: String, _ name: String, _ attributes: [(String, String)], field: String? = nil) {
        output += pad
        output += "<"
        output += name
        self.attributes(attributes, field: field)
        output += ">\n"
    }

    private mutating func empty(_ pad: String, _ name: String, _ attributes: [(String, String)]) {
        output += pad
        output += "<"
        output += name
        self.attributes(attributes, field: nil)
        output += "/>\n"
    }

    private mutating func close(_ pad: String, _ name: String) {
        output += pad
        output += "</"
        output += name
        output += ">\n"
    }

    private mutating func leaf(_ pad: String, _ name: String, _ text: String, field: String,
                               attributes: [(String, String)] = []) {
        output += pad
        output += "<"
        output += name
        self.attributes(attributes, field: field)
        if text.isEmpty {
            output += "/>\n"
            return
        }
        output += ">"
        escape(text, attribute: false, field: field)
        output += "</"
        output += name
        output += ">\n"
    }

    private mutating func optionalLeaf(_ pad: String, _ name: String, _ text: String?, field: String) {
        if let text { leaf(pad, name, text, field: field) }
    }

    private mutating func attributes(_ attributes: [(String, String)], field: String?) {
        for (name, value) in attributes {
            output += " "
            output += name
            output += "=\""
            escape(value, attribute: true, field: field ?? name)
            output += "\""
        }
    }

    /// Appends text escaped for element content or a double-quoted attribute. Carriage
    /// returns (and tabs and line feeds in attributes) become character references so a
    /// parser gives them back unchanged. Characters XML 1.0 cannot carry are reported.
    private mutating func escape(_ text: String, attribute: Bool, field: String) {
        func special(_ byte: UInt8) -> Bool {
            byte < 0x20 || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == 0xEF
        }
        // Over the bytes in place where the string has them contiguous (native and small strings).
        let needsWork = text.utf8.withContiguousStorageIfAvailable { $0.contains(where: special) }
            ?? text.utf8.contains(where: special)
        guard needsWork else {
            output += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where attribute: output += "&quot;"
            case "\r": output += "&#13;"
            case "\n" where attribute: output += "&#10;"
            case "\t" where attribute: output += "&#9;"
            case "\n", "\t": output.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                let code = String(scalar.value, radix: 16, uppercase: true)
                let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
                problems.append(.error(
                    "xml.illegalCharacter",
                    "the text holds the character U+\(padded), which XML 1.0 cannot carry",
                    hint: "remove it from the \(record.entity)'s \(field) (e.g. with `pathfolio edit`) and export again",
                    at: .record(record.entity, record.id, field: field)))
            default: output.append(scalar)
            }
        }
    }

    /// A decimal the XSD accepts, shortest form: `320`, `12.5`.
    static func decimal(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let text = String(value)
        guard text.contains("e") || text.contains("E") else { return text }
        var fixed = String(Int64(value)) + "."
        var fraction = abs(value - Double(Int64(value)))
        for _ in 0..<12 {
            fraction *= 10
            let digit = Int(fraction)
            fixed += String(digit)
            fraction -= Double(digit)
        }
        while fixed.hasSuffix("0") { fixed.removeLast() }
        return fixed
    }
}

/// Text built as UTF-8 bytes. Appending a `String` to a byte array is one copy; `String`'s
/// own `+=` re-checks its storage and encoding on every call, which was a third of an XML
/// export's instructions (the writer appends a tag, a name and a value at a time).
struct UTF8Text {
    private(set) var bytes: [UInt8] = []

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(count) }

    static func += (text: inout UTF8Text, piece: String) {
        var piece = piece
        piece.withUTF8 { text.bytes.append(contentsOf: $0) }
    }

    mutating func append(_ scalar: Unicode.Scalar) {
        UTF8.encode(scalar) { bytes.append($0) }
    }
}
