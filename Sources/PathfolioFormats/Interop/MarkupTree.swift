import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PathfolioCore

/// An element of a small XML document held in memory, with namespaces resolved.
///
/// Foreign portfolio files (LEAP2A feeds, Europass CVs) are small and their readers walk
/// them back and forth (links point forward and back), so they are read into a tree.
/// Parsing is safe: a document type declaration is refused before parsing (so no DTD is
/// loaded, no entity is declared or expanded, nothing is fetched) and external entities are
/// never resolved.
final class MarkupElement {
    /// The namespace URI, or `nil` for none.
    let namespace: String?
    let name: String
    /// Attributes as (namespace URI, local name, value); unprefixed attributes have no namespace.
    let attributes: [(namespace: String?, name: String, value: String)]
    /// Prefix → URI for every namespace in scope ("" for the default namespace).
    let namespaces: [String: String]
    let line: Int
    let column: Int
    private(set) var children: [Node] = []

    enum Node {
        case element(MarkupElement)
        case text(String)
    }

    init(namespace: String?, name: String, attributes: [(namespace: String?, name: String, value: String)],
         namespaces: [String: String], line: Int, column: Int) {
        self.namespace = namespace
        self.name = name
        self.attributes = attributes
        self.namespaces = namespaces
        self.line = line
        self.column = column
    }

    fileprivate func append(_ node: Node) {
        if case .text(let more) = node, case .text(let text)? = children.last {
            children[children.count - 1] = .text(text + more)
        } else {
            children.append(node)
        }
    }

    /// Whether this element has this namespace and name.
    func `is`(_ namespace: String, _ name: String) -> Bool { self.namespace == namespace && self.name == name }

    /// The child elements.
    var elements: [MarkupElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    /// Child elements with a name in any of the namespaces.
    func elements(_ name: String, in namespaces: [String]) -> [MarkupElement] {
        elements.filter { $0.name == name && $0.namespace.map(namespaces.contains) == true }
    }

    func element(_ name: String, in namespaces: [String]) -> MarkupElement? {
        elements(name, in: namespaces).first
    }

    /// The text of this element and its descendants.
    var text: String {
        children.map { node in
            switch node {
            case .text(let text): text
            case .element(let element): element.text
            }
        }.joined()
    }

    /// An attribute's value by local name, in any of the namespaces (`nil` in the list
    /// matches an unprefixed attribute).
    func attribute(_ name: String, in namespaces: [String?]) -> String? {
        attributes.first { $0.name == name && namespaces.contains($0.namespace) }?.value
    }

    /// A CURIE (`leap2:reflects_on`) expanded with the namespaces in scope here; full URIs
    /// and unprefixed names are returned as they are.
    func expand(_ value: String) -> String {
        let value = value.trimmingWhitespace
        guard let colon = value.firstIndex(of: ":") else { return value }
        let prefix = String(value[..<colon])
        guard let uri = namespaces[prefix], !value[value.index(after: colon)...].hasPrefix("//") else { return value }
        return uri + value[value.index(after: colon)...]
    }

    /// `file:line:column` of this element.
    func location(_ file: String) -> Diagnostic.Location { .file(file, line: line, column: column) }
}

/// Reads XML bytes into a ``MarkupElement`` tree.
enum MarkupParser {
    /// The largest document read, in bytes.
    static let sizeLimit = 10_000_000

    /// The root element.
    ///
    /// - Throws: ``DiagnosticError`` at the line and column of the first problem: not
    ///   well-formed, a document type declaration, or a file over ``sizeLimit``.
    static func parse(_ data: Data, source: String) throws(DiagnosticError) -> MarkupElement {
        guard data.count <= sizeLimit else {
            throw DiagnosticError(.error("xml.tooLarge", "the file is \(data.count / 1_000_000) MB; files over \(sizeLimit / 1_000_000) MB are not read",
                                         hint: "split the portfolio into several files", at: .file(source)))
        }
        if let (line, column) = doctypePosition(data) {
            throw DiagnosticError(.error("xml.doctype", "the file declares a document type (<!DOCTYPE …>)",
                                         hint: "remove the DOCTYPE: portfolio files need no DTD, and DTDs are not loaded for safety",
                                         at: .file(source, line: line, column: column)))
        }
        // FoundationXML stops the process on some bytes that are not UTF-8, so only UTF-8
        // is read, and it is checked first.
        if let encoding = declaredEncoding(data), !["utf-8", "utf8"].contains(encoding.lowercased()) {
            throw DiagnosticError(.error("xml.encoding", "the file is declared as \(encoding); only UTF-8 is read",
                                         hint: "convert it, e.g. iconv -f \(encoding) -t UTF-8, and change the declaration",
                                         at: .file(source, line: 1, column: 1)))
        }
        if let (line, column) = firstInvalidUTF8(data) {
            throw DiagnosticError(.error("xml.encoding", "the bytes here are not UTF-8",
                                         hint: "save the file as UTF-8", at: .file(source, line: line, column: column)))
        }
        let parser = XMLParser(data: data)
        let builder = Builder()
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        _ = parser.parse()
        if let failure = builder.failure {
            throw DiagnosticError(.error("xml.malformed", "the file is not well-formed XML: \(failure.message)",
                                         hint: "fix the markup at this place (an unclosed or mismatched tag, a stray '&' or '<')",
                                         at: .file(source, line: failure.line, column: failure.column)))
        }
        guard let root = builder.root else {
            throw DiagnosticError(.error("xml.empty", "the file has no XML element", hint: "check that this is the right file",
                                         at: .file(source, line: 1, column: 1)))
        }
        return root
    }

    /// The `encoding` of the XML declaration, if there is one; `UTF-16` for a UTF-16 byte-order mark.
    static func declaredEncoding(_ data: Data) -> String? {
        if data.starts(with: [0xFE, 0xFF]) || data.starts(with: [0xFF, 0xFE]) { return "UTF-16" }
        let head = String(decoding: data.prefix(200), as: UTF8.self)
        guard head.hasPrefix("<?xml") || head.hasPrefix("\u{FEFF}<?xml"), let end = head.range(of: "?>"),
              let key = head[..<end.lowerBound].range(of: "encoding") else { return nil }
        let rest = head[key.upperBound..<end.lowerBound].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    /// The line and column (in characters) of the first byte sequence that is not UTF-8.
    static func firstInvalidUTF8(_ data: Data) -> (Int, Int)? {
        var index = data.startIndex, line = 1, column = 1
        while index < data.endIndex {
            let byte = data[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (line, column)
            }
            guard data.endIndex - index >= length else { return (line, column) }
            for offset in 1..<length where data[index + offset] & 0xC0 != 0x80 { return (line, column) }
            if length == 3 {
                let second = data[index + 1]
                if (byte == 0xE0 && second < 0xA0) || (byte == 0xED && second > 0x9F) { return (line, column) }
            } else if length == 4 {
                let second = data[index + 1]
                if (byte == 0xF0 && second < 0x90) || (byte == 0xF4 && second > 0x8F) { return (line, column) }
            }
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
            index += length
        }
        return nil
    }

    /// Where `<!DOCTYPE` appears before the root element, if it does.
    static func doctypePosition(_ data: Data) -> (Int, Int)? {
        let bytes = [UInt8](data.prefix(65_536))
        var index = 0, line = 1, lineStart = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 10 { line += 1; lineStart = index + 1 }
            if byte == UInt8(ascii: "<"), index + 1 < bytes.count {
                let next = bytes[index + 1]
                if next == UInt8(ascii: "!"), bytes[index...].starts(with: Array("<!DOCTYPE".utf8)) {
                    return (line, index - lineStart + 1)
                }
                if next != UInt8(ascii: "?"), next != UInt8(ascii: "!") { return nil }
            }
            index += 1
        }
        return nil
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: MarkupElement?
        var stack: [MarkupElement] = []
        var failure: (message: String, line: Int, column: Int)?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            guard failure == nil else { return }
            var namespaces = stack.last?.namespaces ?? ["xml": "http://www.w3.org/XML/1998/namespace"]
            for (name, value) in attributes {
                if name == "xmlns" { namespaces[""] = value }
                else if name.hasPrefix("xmlns:") { namespaces[String(name.dropFirst(6))] = value }
            }
            func split(_ qualified: String) -> (String?, String) {
                guard let colon = qualified.firstIndex(of: ":") else { return (nil, qualified) }
                return (String(qualified[..<colon]), String(qualified[qualified.index(after: colon)...]))
            }
            let (prefix, local) = split(elementName)
            let namespace = prefix.map { namespaces[$0] } ?? namespaces[""]
            let resolved = attributes.sorted { $0.key < $1.key }.compactMap { name, value -> (namespace: String?, name: String, value: String)? in
                if name == "xmlns" || name.hasPrefix("xmlns:") { return nil }
                let (prefix, local) = split(name)
                return (prefix.flatMap { namespaces[$0] ?? "urn:undeclared:\($0)" }, local, value)
            }
            let element = MarkupElement(namespace: namespace ?? nil, name: local, attributes: resolved, namespaces: namespaces,
                                        line: parser.lineNumber, column: parser.columnNumber)
            if let parent = stack.last { parent.append(.element(element)) } else if root == nil { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            if !stack.isEmpty { stack.removeLast() }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.append(.text(string))
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            stack.last?.append(.text(String(decoding: CDATABlock, as: UTF8.self)))
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            guard failure == nil else { return }
            let code = (parseError as NSError).code
            failure = (Self.message(code), parser.lineNumber, parser.columnNumber)
        }

        /// libxml2's error codes, said for people.
        static func message(_ code: Int) -> String {
            switch code {
            case 4: "the document is empty"
            case 5: "there is content after the root element"
            case 9: "a character is not allowed in XML"
            case 23, 24: "a '&' does not start an entity reference (write &amp;)"
            case 26, 27: "an entity is used but not declared"
            case 38, 39, 40, 41: "an attribute value is missing its quotes"
            case 64: "the XML declaration is not finished"
            case 68: "a tag has no name"
            case 73: "a '>' is missing"
            case 76: "a closing tag does not match the open one"
            case 77: "the document ends before every tag is closed"
            default: "parser error \(code)"
            }
        }
    }
}
