internal import CLibXML2
public import PathfolioCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Limits a reader enforces whatever a file says.
public struct XMLReadLimits: Sendable, Hashable {
    /// The largest file or buffer accepted, in bytes.
    public var maxBytes: Int
    /// How many diagnostics are kept per file; the rest are counted in one final note.
    public var maxDiagnostics: Int

    public init(maxBytes: Int = 512 << 20, maxDiagnostics: Int = 200) {
        self.maxBytes = maxBytes
        self.maxDiagnostics = maxDiagnostics
    }

    /// 512 MiB and 200 diagnostics: big enough for a caseload of tens of thousands of
    /// experiences, small enough that a hostile file cannot exhaust memory.
    public static let `default` = XMLReadLimits()
}

/// A compiled XSD, ready to validate readers against.
///
/// Compile once and reuse it for many files. A libxml2 handle: not `Sendable`; use it on
/// one thread at a time.
public final class XMLSchema {
    let pointer: xmlSchemaPtr

    /// Compiles a schema from its text.
    ///
    /// - Throws: ``DiagnosticError`` with libxml2's messages when the schema does not compile.
    public init(xsd: String, name: String) throws(DiagnosticError) {
        try XMLLibrary.prepare(for: nil)
        let sink = DiagnosticSink(file: name, limit: 50)
        var bytes = Array(xsd.utf8)
        // The schema's own parser reports through its context; the XML parser libxml2 runs
        // for the schema's text reports through the thread's handler: both go to `sink`.
        defer { releaseXMLErrorSink(sink) }
        let compiled: xmlSchemaPtr? = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                guard let context = libxml2.xmlSchemaNewMemParserCtxt(base, Int32(buffer.count)) else { return nil }
                defer { libxml2.xmlSchemaFreeParserCtxt(context) }
                let unmanaged = Unmanaged.passUnretained(sink).toOpaque()
                libxml2.xmlSchemaSetParserStructuredErrors(context, structuredErrorHandler, unmanaged)
                return withXMLErrorSink(sink) { libxml2.xmlSchemaParse(context) }
            }
        }
        guard let compiled else {
            throw DiagnosticError(sink.diagnostics.isEmpty
                ? [.error("schema.invalid", "the schema '\(name)' does not compile")] : sink.diagnostics)
        }
        pointer = compiled
    }

    deinit { libxml2.xmlSchemaFree(pointer) }
}

/// A forward-only, streaming XML reader over a file or a buffer (libxml2's `xmlTextReader`),
/// with safe options and every problem collected as a located ``Diagnostic``.
///
/// Safe by construction: no network (`XML_PARSE_NONET`), no external entity or DTD is
/// ever loaded (the process-wide entity loader refuses every request), entities are not
/// substituted, libxml2's built-in limits stay on (no `XML_PARSE_HUGE`: text nodes up to
/// 10 MB, nesting up to 256 levels, entity amplification checks), a document type
/// declaration is refused outright, and the input size is capped by ``XMLReadLimits``.
///
/// ```swift
/// let reader = try XMLStreamReader(path: "career.xml", schema: schema)
/// while reader.read() {
///     if reader.nodeType == .element, reader.localName == "experience" { … }
/// }
/// if reader.diagnostics.containsErrors { … }
/// ```
///
/// A libxml2 handle: not `Sendable`; use it on one thread.
public final class XMLStreamReader {
    /// The kinds of node the reader stops at.
    public enum NodeType: Sendable, Hashable {
        case element, endElement, text, cdata, whitespace, comment, processingInstruction
        case documentType, entityReference, other
    }

    /// The file name diagnostics carry.
    public let name: String

    private let reader: xmlTextReaderPtr
    private let sink: DiagnosticSink
    private let schema: XMLSchema?
    private var validation: xmlSchemaValidCtxtPtr?
    private var descriptor: Int32 = -1
    private var buffer: UnsafeMutableBufferPointer<CChar>?
    private var finished = false

    /// Opens a file for reading.
    ///
    /// - Throws: ``DiagnosticError`` when the file is missing (`file.notFound`), is not a
    ///   regular file (`file.notAFile`), cannot be read (`file.unreadable`), is empty
    ///   (`file.empty`) or is over the size limit (`file.tooLarge`).
    public convenience init(path: String, schema: XMLSchema? = nil, limits: XMLReadLimits = .default) throws(DiagnosticError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                throw DiagnosticError(.error("file.notFound", "no such file", hint: "check the path", at: .file(path)))
            }
            throw DiagnosticError(.error("file.unreadable", "cannot open the file: \(String(cString: strerror(code)))",
                                         hint: "check the file's permissions", at: .file(path)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw DiagnosticError(.error("file.notAFile", "not a regular file",
                                         hint: "give the path of an XML file, not a folder or a device", at: .file(path)))
        }
        do {
            try Self.check(size: Int(info.st_size), limits: limits, name: path)
        } catch {
            close(fd)
            throw error
        }
        do {
            try self.init(name: path, schema: schema, limits: limits) { options in
                libxml2.xmlReaderForFd(fd, path, nil, options)
            }
        } catch {
            close(fd)
            throw error
        }
        descriptor = fd
    }

    /// Reads a buffer (copied, so the caller's bytes may go away).
    ///
    /// - Parameter name: the file name diagnostics carry.
    /// - Throws: ``DiagnosticError`` when the buffer is empty or over the size limit.
    public convenience init(bytes: some Collection<UInt8>, name: String, schema: XMLSchema? = nil,
                            limits: XMLReadLimits = .default) throws(DiagnosticError) {
        try Self.check(size: bytes.count, limits: limits, name: name)
        let copy = UnsafeMutableBufferPointer<CChar>.allocate(capacity: bytes.count)
        UnsafeMutableRawBufferPointer(copy).copyBytes(from: bytes)
        do {
            try self.init(name: name, schema: schema, limits: limits) { options in
                libxml2.xmlReaderForMemory(copy.baseAddress, Int32(copy.count), name, nil, options)
            }
        } catch {
            copy.deallocate()
            throw error
        }
        buffer = copy
    }

    private init(name: String, schema: XMLSchema?, limits: XMLReadLimits,
                 make: (Int32) -> xmlTextReaderPtr?) throws(DiagnosticError) {
        try XMLLibrary.prepare(for: name)
        self.name = name
        self.schema = schema
        sink = DiagnosticSink(file: name, limit: limits.maxDiagnostics)
        // Errors reach the sink through libxml2's per-thread structured handler, installed
        // around each call into the parser (see `withXMLErrorSink`). The reader's own
        // handler (xmlTextReaderSetStructuredErrorHandler) is not used: once a schema is
        // plugged into the reader, libxml2 2.9 calls it with the schema plug instead of the
        // parser context, so well-formedness errors (a truncated file, an over-long text)
        // were lost or read through a wrong pointer.
        var made: xmlTextReaderPtr?
        let sink = sink
        withXMLErrorSink(sink) { made = make(XMLLibrary.safeOptions) }
        guard let reader = made else {
            throw DiagnosticError(sink.diagnostics.isEmpty
                ? [.error("xml.reader", "libxml2 could not start reading", at: .file(name))] : sink.diagnostics)
        }
        self.reader = reader
        if let schema {
            validation = libxml2.xmlSchemaNewValidCtxt(schema.pointer)
            if let validation {
                libxml2.xmlSchemaSetValidStructuredErrors(validation, structuredErrorHandler, Unmanaged.passUnretained(sink).toOpaque())
            }
            if validation == nil || libxml2.xmlTextReaderSchemaValidateCtxt(reader, validation, 0) != 0 {
                sink.append(.error("schema.attach", "the schema could not be attached to the reader", at: .file(name)))
                finished = true
            }
        }
    }

    deinit {
        releaseXMLErrorSink(sink)
        libxml2.xmlFreeTextReader(reader)
        if let validation { libxml2.xmlSchemaFreeValidCtxt(validation) }
        if descriptor >= 0 { close(descriptor) }
        buffer?.deallocate()
    }

    private static func check(size: Int, limits: XMLReadLimits, name: String) throws(DiagnosticError) {
        if size == 0 {
            throw DiagnosticError(.error("file.empty", "the file is empty",
                                         hint: "export a portfolio with `pathfolio export --format xml`", at: .file(name)))
        }
        if size > limits.maxBytes {
            throw DiagnosticError(.error("file.tooLarge",
                                         "the file is \(megabytes(size)) MB, over the limit of \(megabytes(limits.maxBytes)) MB",
                                         hint: "split it into several files (one portfolio each, e.g. with `pathfolio export --all --out FOLDER/`)",
                                         at: .file(name)))
        }
    }

    private static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + (1 << 19)) >> 20
        return "\(tenths / 10).\(tenths % 10)"
    }

    // MARK: Reading

    /// Every problem found so far: well-formedness errors (libxml2 stops at the first one,
    /// as XML requires), schema validity errors (all of them), refused constructs.
    public var diagnostics: [Diagnostic] { sink.diagnostics }

    /// Adds a problem the caller found (it is counted against the same limit).
    public func report(_ diagnostic: Diagnostic) { sink.append(diagnostic) }

    /// A diagnostic located at the current node's line.
    public func here(_ code: String, _ message: String, hint: String? = nil) -> Diagnostic {
        .error(code, message, hint: hint, at: .file(name, line: nodeLine))
    }

    /// Moves to the next node; `false` at the end of the document or after a fatal error.
    public func read() -> Bool {
        guard !finished else { return false }
        let status = withXMLErrorSink(sink, { libxml2.xmlTextReaderRead(reader) })
        if status != 1 {
            finished = true
            // libxml2's reader calls a file cut short at an end tag "Extra content at the end
            // of the document" ("remove what follows it"), and one cut inside a tag an
            // attribute error: said for what it is, as an interrupted download leaves it.
            if status < 0, let cut = cutShort() { sink.replaceMalformed(with: cut) }
            return false
        }
        if nodeType == .documentType {
            sink.append(.error("xml.doctype", "a document type declaration (<!DOCTYPE …>) is not allowed",
                               hint: "remove the <!DOCTYPE …> line: Pathfolio files are checked against their XSD, and DTDs and entities are refused for safety",
                               at: .file(name, line: doctypeLine ?? nodeLine)))
            finished = true
            return false
        }
        return true
    }

    /// The bytes at `offset` (up to `count`), from the file or the buffer.
    private func bytes(at offset: Int, count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let read: Int
        if let buffer {
            read = max(0, min(count, buffer.count - offset))
            if read > 0 {
                bytes.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[offset..<offset + read])) }
            }
        } else if descriptor >= 0 {
            read = max(0, bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) })
        } else {
            read = 0
        }
        return Array(bytes.prefix(read))
    }

    /// Whether the input stops before its root element ends: it does not end (but for white
    /// space) with the end tag of the element it begins with. The diagnostic, at its last line.
    private func cutShort() -> Diagnostic? {
        let head = bytes(at: 0, count: 64 * 1024)
        // The root's name: the first tag that is not a declaration, a comment or an instruction.
        var index = 0, root: [UInt8]?
        while index < head.count - 1 {
            if head[index] == UInt8(ascii: "<"), ![UInt8(ascii: "?"), UInt8(ascii: "!")].contains(head[index + 1]) {
                let name = head[(index + 1)...].prefix { byte in
                    !(byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D)
                }
                // A root that closes itself (`<portfolios/>`) ends where it begins.
                if let close = head[index...].firstIndex(of: UInt8(ascii: ">")), head[close - 1] == UInt8(ascii: "/") { return nil }
                root = Array(name)
                break
            }
            index += 1
        }
        guard let root, !root.isEmpty else { return nil }
        var info = stat()
        let size = buffer?.count ?? (descriptor >= 0 && fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0)
        let tail = bytes(at: max(0, size - 4096), count: 4096)
        let last = tail.last { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }  // but for white space
        // The whole input, on this error path only: its lines, and whether the root's end tag
        // is anywhere in it (closed, the error is another: a second root, a wrong tag).
        let end = Array("</".utf8) + root
        var line = 1, offset = 0, closed = false
        while offset < size, !closed {
            // Overlapping by the tag's length, so that one across two chunks is found.
            let chunk = bytes(at: max(0, offset - end.count), count: (1 << 20) + end.count)
            if chunk.isEmpty { break }
            let fresh = chunk.dropFirst(offset == 0 ? 0 : end.count)
            line += fresh.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            for index in chunk.indices.dropLast(end.count) where chunk[index] == end[0] && chunk[index + 1] == end[1] {
                let after = chunk[index + end.count]
                if Array(chunk[index..<index + end.count]) == end, [UInt8(ascii: ">"), 0x20, 0x09, 0x0A, 0x0D].contains(after) {
                    closed = true
                    break
                }
            }
            offset += fresh.count
        }
        guard !closed else { return nil }
        if tail.last == 0x0A { line -= 1 }
        // Only where libxml2 stumbled at the very end, and not on a wrong end tag (unless the
        // input stops inside a tag, `</portfoli`, which libxml2 also calls a mismatch).
        let malformed = sink.diagnostics.filter { $0.code == "xml.malformed" }
        guard let first = malformed.first, (first.location?.line ?? 0) >= line,
              last != UInt8(ascii: ">") || !malformed.contains(where: { $0.message.contains("mismatch") }) else { return nil }
        let element = String(decoding: root, as: UTF8.self)
        return .error("xml.cutShort", "the file ends before its document does: it stops inside <\(element)>, which never ends",
                      hint: "the file was cut short (an interrupted download or copy leaves one like this); get it or export it again",
                      at: .file(name, line: line))
    }

    /// The line of `<!DOCTYPE` in the prolog. libxml2 knows no line for the DTD node and its
    /// parser is ahead by then, so the start of the file (where a prolog is) is searched.
    private var doctypeLine: Int? {
        let head = bytes(at: 0, count: 64 * 1024)
        let count = head.count
        let marker = Array("<!DOCTYPE".utf8)
        var line = 1
        for index in 0..<max(0, count - marker.count) {
            if head[index] == UInt8(ascii: "\n") { line += 1 }
            if head[index] == marker[0], Array(head[index..<index + marker.count]) == marker { return line }
        }
        return nil
    }

    /// Stops reading (the rest of the document is neither parsed nor validated).
    public func stop() { finished = true }

    /// Whether the document was read to its end without a fatal error.
    public var isComplete: Bool { finished && libxml2.xmlTextReaderReadState(reader) == Int32(XML_TEXTREADER_MODE_EOF.rawValue) }

    /// The type of the current node.
    public var nodeType: NodeType {
        switch libxml2.xmlTextReaderNodeType(reader) {
        case Int32(XML_READER_TYPE_ELEMENT.rawValue): .element
        case Int32(XML_READER_TYPE_END_ELEMENT.rawValue): .endElement
        case Int32(XML_READER_TYPE_TEXT.rawValue): .text
        case Int32(XML_READER_TYPE_CDATA.rawValue): .cdata
        case Int32(XML_READER_TYPE_WHITESPACE.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue): .whitespace
        case Int32(XML_READER_TYPE_COMMENT.rawValue): .comment
        case Int32(XML_READER_TYPE_PROCESSING_INSTRUCTION.rawValue): .processingInstruction
        case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue): .documentType
        case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue): .entityReference
        default: .other
        }
    }

    /// The local name of the current element or attribute (`experience`).
    public var localName: String { string(libxml2.xmlTextReaderConstLocalName(reader)) ?? "" }

    /// The namespace URI of the current element or attribute, if any.
    public var namespaceURI: String? { string(libxml2.xmlTextReaderConstNamespaceUri(reader)) }

    /// The text of the current text, CDATA or whitespace node.
    public var value: String? { string(libxml2.xmlTextReaderConstValue(reader)) }

    /// Whether the current element is written `<a/>` (no end-element node follows).
    public var isEmptyElement: Bool { libxml2.xmlTextReaderIsEmptyElement(reader) == 1 }

    /// The depth of the current node; the root element is at depth 0.
    public var depth: Int { Int(libxml2.xmlTextReaderDepth(reader)) }

    /// The line of the parser's position (from 1), which may be ahead of the current node.
    public var line: Int { Int(libxml2.xmlTextReaderGetParserLineNumber(reader)) }

    /// The line the current node starts on (from 1); the parser's line when unknown.
    public var nodeLine: Int {
        if let node = libxml2.xmlTextReaderCurrentNode(reader) {
            let found = Int(libxml2.xmlGetLineNo(node))
            if found > 0 { return found }
        }
        return line
    }

    /// The column of the parser's position (from 1).
    public var column: Int { Int(libxml2.xmlTextReaderGetParserColumnNumber(reader)) }

    /// The value of an attribute without a namespace on the current element.
    public func attribute(_ localName: String) -> String? {
        guard libxml2.xmlTextReaderMoveToAttribute(reader, localName) == 1 else { return nil }
        defer { libxml2.xmlTextReaderMoveToElement(reader) }
        return string(libxml2.xmlTextReaderConstValue(reader)) ?? ""
    }

    /// The value of a namespaced attribute on the current element (`leap2:type`, given as
    /// its local name and namespace URI).
    public func attribute(_ localName: String, namespace: String) -> String? {
        guard libxml2.xmlTextReaderMoveToAttributeNs(reader, localName, namespace) == 1 else { return nil }
        defer { libxml2.xmlTextReaderMoveToElement(reader) }
        return string(libxml2.xmlTextReaderConstValue(reader)) ?? ""
    }

    /// The namespace prefix of the current element or attribute, if any.
    public var prefix: String? { string(libxml2.xmlTextReaderConstPrefix(reader)) }

    /// The markup inside the current element, as written (for content that is itself
    /// markup, such as Atom's `type="xhtml"`); the reader stays on the element.
    public func innerXML() -> String {
        let text = withXMLErrorSink(sink) { libxml2.xmlTextReaderReadInnerXml(reader) }
        guard let text else { return "" }
        defer { pathfolio_xml_free(XMLLibrary.functions, text) }
        return String(cString: text)
    }

    /// All attributes of the current element, namespace declarations included, in document order.
    public var attributes: [(localName: String, namespaceURI: String?, value: String)] {
        var found: [(String, String?, String)] = []
        guard libxml2.xmlTextReaderMoveToFirstAttribute(reader) == 1 else { return found }
        repeat {
            found.append((localName, namespaceURI, value ?? ""))
        } while libxml2.xmlTextReaderMoveToNextAttribute(reader) == 1
        libxml2.xmlTextReaderMoveToElement(reader)
        return found
    }

    /// The text content of the current element, leaving the reader on its end; child
    /// elements are skipped (their text is not included). `""` for `<a/>`.
    public func readText() -> String {
        guard nodeType == .element, !isEmptyElement else { return "" }
        let start = depth
        var text = ""
        while read() {
            switch nodeType {
            case .endElement where depth == start: return text
            case .text, .cdata, .whitespace: text += value ?? ""
            case .element where !isEmptyElement: skip()
            default: break
            }
        }
        return text
    }

    /// Skips the current element's content, leaving the reader on its end element.
    public func skip() {
        guard nodeType == .element, !isEmptyElement else { return }
        let start = depth
        while read() {
            if nodeType == .endElement, depth == start { return }
        }
    }

    private func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}

/// Process-wide libxml2 set-up, done once, when a command first reads XML: the library is
/// loaded (see `shim.h`: a command that reads none does not load it), the parser is
/// initialised and the external entity loader refuses every request (no file, no network),
/// whatever the options.
enum XMLLibrary {
    /// The table of libxml2's functions: written once, while `loaded` is made, then only read.
    struct Functions: @unchecked Sendable {
        let table: UnsafePointer<pathfolio_libxml2>
    }

    /// libxml2's functions, or why the library could not be loaded.
    private static let loaded: Result<Functions, LoadFailure> = {
        // The name the library's package installs (its SONAME), as the linker would have
        // recorded it: the same ABI the headers describe.
        guard let library = dlopen("libxml2.so.2", RTLD_NOW | RTLD_LOCAL) else {
            return .failure(LoadFailure(reason: dlerror().map { String(cString: $0) } ?? "libxml2.so.2 was not found"))
        }
        let table = UnsafeMutablePointer<pathfolio_libxml2>.allocate(capacity: 1)
        if let missing = pathfolio_libxml2_find(library, table) {
            return .failure(LoadFailure(reason: "libxml2.so.2 has no function \(String(cString: missing)); Pathfolio is built for 2.9"))
        }
        let xml = table.pointee
        xml.xmlInitParser()
        xml.xmlSetExternalEntityLoader { url, _, context in
            // Refuse: a portfolio never needs an external entity, DTD or schema location.
            _ = (url, context)
            return nil
        }
        return .success(Functions(table: UnsafePointer(table)))
    }()

    struct LoadFailure: Error {
        let reason: String
    }

    /// Loads and sets up libxml2 on first use; every reader and schema is made after this.
    ///
    /// - Throws: ``DiagnosticError`` (`xml.library`) when libxml2 cannot be loaded, at
    ///   `file` (the file to read; none for a schema, which is not at fault).
    static func prepare(for file: String?) throws(DiagnosticError) {
        if case .failure(let failure) = loaded {
            throw DiagnosticError(.error("xml.library", "cannot read XML: libxml2 could not be loaded (\(failure.reason))",
                                         hint: "install libxml2 (Debian and Ubuntu: apt-get install libxml2)", at: file.map { .file($0) }))
        }
    }

    /// The functions, once ``prepare(for:)`` has succeeded.
    static var functions: UnsafePointer<pathfolio_libxml2> {
        guard case .success(let functions) = loaded else { preconditionFailure("libxml2 used before XMLLibrary.prepare(for:)") }
        return functions.table
    }

    /// No network, no entity substitution, no DTD loading or default attributes, no huge
    /// documents; CDATA merged into text; errors go to the structured handler only.
    static let safeOptions: Int32 = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue
        | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
}

/// libxml2's functions (``XMLLibrary/functions``), for calls into it.
var libxml2: pathfolio_libxml2 { XMLLibrary.functions.pointee }

/// Collects libxml2's structured errors as diagnostics, up to a limit.
final class DiagnosticSink {
    let file: String
    let limit: Int
    private(set) var diagnostics: [Diagnostic] = []
    private var dropped = 0

    init(file: String, limit: Int) {
        self.file = file
        self.limit = limit
    }

    func append(_ diagnostic: Diagnostic) {
        // libxml2 repeats some errors once per parser call (an entity loop): say each once.
        if diagnostic == diagnostics.last { return }
        if diagnostics.count < limit {
            diagnostics.append(diagnostic)
            return
        }
        dropped += 1
        let note = Diagnostic(.note, code: "xml.moreErrors", "\(dropped) more problems not shown",
                              hint: "fix the problems above and run `pathfolio validate` again", at: .file(file))
        if diagnostics.count == limit { diagnostics.append(note) } else { diagnostics[limit] = note }
    }

    /// Puts `diagnostic` in place of the well-formedness errors recorded (those of a file cut
    /// short misname it); schema errors found before stay.
    func replaceMalformed(with diagnostic: Diagnostic) {
        diagnostics.removeAll { $0.code == "xml.malformed" }
        diagnostics.append(diagnostic)
    }

    func record(_ error: xmlError) {
        let raw = error.message.map { String(cString: $0) } ?? "unknown error"
        let message = raw.trimmingWhitespace
        let line = error.line > 0 ? Int(error.line) : nil
        let column = error.int2 > 0 && error.domain != Int32(XML_FROM_SCHEMASV.rawValue) ? Int(error.int2) : nil
        let isSchema = error.domain == Int32(XML_FROM_SCHEMASV.rawValue) || error.domain == Int32(XML_FROM_SCHEMASP.rawValue)
        let severity: Diagnostic.Severity = error.level == XML_ERR_WARNING ? .warning : .error
        let code = isSchema ? "xml.schema" : "xml.malformed"
        append(Diagnostic(severity, code: code, message, hint: XMLHints.hint(domain: error.domain, code: error.code, message: message),
                          at: .file(file, line: line, column: column)))
    }
}

/// Runs `body` with libxml2's per-thread structured error handler pointing at `sink`, and
/// its generic handler silenced.
///
/// The handlers stay installed after `body` (setting and resetting them around each of a
/// file's hundreds of thousands of reads cost a twelfth of reading it). The thread keeps a
/// reference to the sink installed on it, so libxml2 never holds a pointer to a freed one,
/// and lets it go when another sink is installed there or its reader goes away there. Every
/// call into libxml2 goes through here, so each reports to its own reader's sink; and when
/// other code on the thread has set libxml2's handlers since (Foundation's `XMLParser`
/// does), they are set again.
func withXMLErrorSink<T>(_ sink: DiagnosticSink, _ body: () -> T) -> T {
    let pointer = Unmanaged.passUnretained(sink).toOpaque()
    let installed = pathfolio_installed_error_sink()
    if installed != pointer {
        _ = Unmanaged.passRetained(sink)  // the thread's reference
        pathfolio_set_installed_error_sink(pointer)
        if let installed { Unmanaged<DiagnosticSink>.fromOpaque(installed).release() }
        libxml2.xmlSetStructuredErrorFunc(pointer, structuredErrorHandler)
        pathfolio_silence_generic_errors(XMLLibrary.functions)
    } else if pathfolio_error_handlers_point_at(XMLLibrary.functions, pointer) == 0 {
        libxml2.xmlSetStructuredErrorFunc(pointer, structuredErrorHandler)
        pathfolio_silence_generic_errors(XMLLibrary.functions)
    }
    return withExtendedLifetime(sink) { body() }
}

/// Uninstalls `sink` if it is the one installed on this thread, restoring libxml2's
/// default handlers and letting go of the thread's reference (a reader going away, a
/// schema compiled). A sink installed on another thread stays there until that thread
/// installs another.
func releaseXMLErrorSink(_ sink: DiagnosticSink) {
    let pointer = Unmanaged.passUnretained(sink).toOpaque()
    guard pathfolio_installed_error_sink() == pointer else { return }
    libxml2.xmlSetStructuredErrorFunc(nil, nil)
    libxml2.xmlSetGenericErrorFunc(nil, nil)
    pathfolio_set_installed_error_sink(nil)
    Unmanaged<DiagnosticSink>.fromOpaque(pointer).release()
}

/// The C callback: `userData` is an unretained ``DiagnosticSink``.
let structuredErrorHandler: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    Unmanaged<DiagnosticSink>.fromOpaque(userData).takeUnretainedValue().record(error.pointee)
}

/// How to fix the problems libxml2 reports most often.
enum XMLHints {
    static func hint(domain: Int32, code: Int32, message: String) -> String {
        if domain == Int32(XML_FROM_SCHEMASV.rawValue) {
            if message.contains("is not an element of the set") {
                return "use one of the values in the set (see Schemas/pathfolio-1.xsd)"
            }
            if message.contains("is not a valid value") || message.contains("is not accepted by the pattern") {
                return "correct the value to the type the schema gives (dates as YYYY, YYYY-MM or YYYY-MM-DD; see Schemas/README.md)"
            }
            if message.contains("This element is not expected") || message.contains("Missing child element") {
                return "put the elements in the order and with the names Schemas/pathfolio-1.xsd gives (see Schemas/README.md)"
            }
            if message.contains("attribute") {
                return "check the attribute's name and value against Schemas/pathfolio-1.xsd"
            }
            if message.contains("No matching global declaration") {
                return "the root element must be <portfolio> or <portfolios> in the namespace urn:pathfolio:portfolio:1"
            }
            return "make the file match Schemas/pathfolio-1.xsd (see Schemas/README.md)"
        }
        switch code {
        case Int32(XML_ERR_TAG_NAME_MISMATCH.rawValue), Int32(XML_ERR_TAG_NOT_FINISHED.rawValue):
            return "close each element with the matching end tag"
        case Int32(XML_ERR_DOCUMENT_END.rawValue):
            return "a document has exactly one root element; remove what follows it"
        case Int32(XML_ERR_DOCUMENT_EMPTY.rawValue):
            return "the file holds no XML; export one with `pathfolio export --format xml`"
        case Int32(XML_ERR_INVALID_CHAR.rawValue), Int32(XML_ERR_INVALID_ENCODING.rawValue):
            return "the file must be UTF-8 without control characters; re-export it or fix the encoding"
        case Int32(XML_ERR_UNDECLARED_ENTITY.rawValue), Int32(XML_WAR_UNDECLARED_ENTITY.rawValue):
            return "only &amp; &lt; &gt; &quot; &apos; and character references (&#x…;) are allowed"
        case Int32(XML_ERR_ENTITY_LOOP.rawValue), Int32(XML_ERR_ENTITY_BOUNDARY.rawValue):
            return "entities are refused for safety; write the text out"
        case Int32(XML_ERR_INTERNAL_ERROR.rawValue) where message.contains("Huge input lookup"),
             Int32(XML_ERR_ATTRIBUTE_NOT_FINISHED.rawValue) where message.contains("too long"):
            return "a single text or attribute value is over libxml2's 10 MB limit; shorten it"
        default:
            if message.contains("Premature end") || message.contains("EndTag") || message.contains("Extra content") {
                return "the file is truncated or has text after the root element; export it again"
            }
            return "the file is not well-formed XML; fix the spot named, or export it again"
        }
    }
}
