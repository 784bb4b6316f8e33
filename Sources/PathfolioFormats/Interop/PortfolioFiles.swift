public import Foundation
public import PathfolioCore

/// The formats `pathfolio import` reads, told apart by content rather than by file name.
public enum ImportFormat: String, Sendable, Hashable, CaseIterable {
    /// Pathfolio's own XML (validated against the schema).
    case xml
    /// A LEAP2A Atom feed, or a zip package holding `leap2a.xml`.
    case leap2a
    /// A JSON Resume document.
    case jsonResume = "json-resume"
    /// A Europass CV in XML (SkillsPassport).
    case europass

    /// The format of a file's bytes: a zip is a LEAP2A package; a JSON object is a JSON
    /// Resume; XML is a LEAP2A feed when its root is an Atom feed with LEAP2A namespaces, a
    /// Europass CV when its root is `SkillsPassport`, and Pathfolio XML otherwise (whose
    /// schema then says what is wrong).
    public static func detect(_ data: Data) -> ImportFormat {
        let data = data.prefix(headLength)
        if LEAP2AReader.recognizes(data) { return .leap2a }
        let first = data.drop { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }.first
        if first == UInt8(ascii: "{") { return .jsonResume }
        if EuropassReader.recognizes(data) { return .europass }
        return .xml
    }

    /// How many bytes at the start of a file ``detect(_:)`` looks at.
    public static let headLength = 4096

    /// Reads foreign bytes (every format but ``xml``).
    public func readForeign(_ data: Data, options: ReadOptions) throws(DiagnosticError) -> ForeignRead {
        switch self {
        case .leap2a: try LEAP2AReader.read(data, options: options)
        case .jsonResume: try JSONResumeReader.read(data, options: options)
        case .europass: try EuropassReader.read(data, options: options)
        case .xml:
            throw DiagnosticError(.error("format.notForeign", "Pathfolio XML is read by PortfolioXML", at: .file(options.source)))
        }
    }
}

/// The embedded schema (``PortfolioXML/compiledSchema()``), compiled when the first
/// Pathfolio XML file of a batch needs it, then reused: a batch of JSON Resume files never
/// loads libxml2 for it. Not `Sendable`, as an ``XMLSchema``: one thread at a time.
public final class SchemaOnDemand {
    private var compiled: XMLSchema?

    public init() {}

    /// The compiled schema, compiled now if it is the first time.
    ///
    /// - Throws: ``DiagnosticError`` when the schema cannot be compiled (libxml2 missing).
    public func schema() throws(DiagnosticError) -> XMLSchema {
        if let compiled { return compiled }
        let schema = try PortfolioXML.compiledSchema()
        compiled = schema
        return schema
    }
}

/// Files in any format `pathfolio import` and `pathfolio validate` accept.
public enum PortfolioFiles {
    /// Reads a file as ``read(path:schema:today:each:)`` does, compiling the schema only if
    /// the file is Pathfolio XML (and only the first time: `schema` keeps it).
    public static func read(path: String, schema: SchemaOnDemand, today: PartialDate,
                            each: (ReadPortfolio) -> Bool)
        -> (result: PortfolioXMLReadResult, format: ImportFormat, losses: LossReport?) {
        read(path: path, compile: { () throws(DiagnosticError) in try schema.schema() }, today: today, each: each)
    }

    /// Reads a file in whatever format its content shows, handing each portfolio to `each`
    /// (see ``PortfolioXML/read(path:schema:limits:each:)``; return `false` to stop). Pathfolio
    /// XML goes through ``PortfolioXML``; LEAP2A, JSON Resume and Europass through their
    /// readers, with the loss report beside the result. Never throws: problems are
    /// diagnostics in the result.
    public static func read(path: String, schema: XMLSchema? = nil, today: PartialDate,
                            each: (ReadPortfolio) -> Bool)
        -> (result: PortfolioXMLReadResult, format: ImportFormat, losses: LossReport?) {
        read(path: path, compile: { () throws(DiagnosticError) in
            if let schema { return schema }
            return try PortfolioXML.compiledSchema()
        }, today: today, each: each)
    }

    private static func read(path: String, compile: () throws(DiagnosticError) -> XMLSchema, today: PartialDate,
                             each: (ReadPortfolio) -> Bool)
        -> (result: PortfolioXMLReadResult, format: ImportFormat, losses: LossReport?) {
        // The format shows in the first bytes; Pathfolio XML is then streamed from the file,
        // so a large collection is never held in memory (Foundation reads a whole file even
        // when asked to map it).
        let head = FileHandle(forReadingAtPath: path).flatMap { file in
            defer { try? file.close() }
            return try? file.read(upToCount: ImportFormat.headLength)
        }
        guard let head, case let format = ImportFormat.detect(head), format != .xml,
              let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else {
            // Pathfolio XML, or a file that cannot be read (the XML reader says why).
            do {
                return (PortfolioXML.read(path: path, schema: try compile(), each: each), .xml, nil)
            } catch {
                // The schema's own failure (libxml2 missing), said at the file it stopped.
                let diagnostics = error.diagnostics.map { $0.location == nil ? $0.located { $0.file = path } : $0 }
                return (PortfolioXMLReadResult(name: path, diagnostics: diagnostics), .xml, nil)
            }
        }
        do {
            let read = try format.readForeign(data, options: ReadOptions(source: path, today: today))
            var result = PortfolioXMLReadResult(name: path)
            result.portfolioCount = 1
            result.experienceCount = read.portfolio.experiences.count
            _ = each(ReadPortfolio(portfolio: read.portfolio, experienceHashes: [:], reflectionHashes: [:], line: 1))
            return (result, format, read.losses)
        } catch {
            return (PortfolioXMLReadResult(name: path, diagnostics: error.diagnostics), format, nil)
        }
    }

    /// Reads a whole file; the result holds its portfolios when it has no error.
    public static func read(path: String, schema: XMLSchema? = nil, today: PartialDate)
        -> (result: PortfolioXMLReadResult, format: ImportFormat, losses: LossReport?) {
        var portfolios: [ReadPortfolio] = []
        var read = read(path: path, schema: schema, today: today) { portfolios.append($0); return true }
        if read.result.isValid { read.result.portfolios = portfolios }
        return read
    }
}
