import Foundation
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

/// Reads XML bytes into a ``MarkupElement`` tree, through libxml2's streaming reader
/// (``XMLStreamReader``) with its safe options: no DTD, no entities, no network, size limits.
enum MarkupParser {
    /// The largest document read, in bytes.
    static let sizeLimit = 64 << 20

    private static let xmlnsNamespace = "http://www.w3.org/2000/xmlns/"

    /// The root element.
    ///
    /// - Throws: ``DiagnosticError`` at the line and column of the first problem: not
    ///   well-formed, a document type declaration, or a file over ``sizeLimit``.
    static func parse(_ data: Data, source: String) throws(DiagnosticError) -> MarkupElement {
        if let (line, column) = doctypePosition(data) {
            throw DiagnosticError(.error("xml.doctype", "a document type declaration (<!DOCTYPE …>) is not allowed",
                                         hint: "remove the <!DOCTYPE …>: portfolio files need no DTD, and DTDs and entities are refused for safety",
                                         at: .file(source, line: line, column: column)))
        }
        let reader = try XMLStreamReader(bytes: data, name: source, limits: XMLReadLimits(maxBytes: sizeLimit))
        // libxml2's reader knows where its parser is, which is ahead of the element it
        // returns; the start tags' own positions come from the bytes.
        let starts = startTagPositions(data)
        var count = 0
        var stack: [MarkupElement] = []
        var root: MarkupElement?
        while reader.read() {
            switch reader.nodeType {
            case .element:
                var namespaces = stack.last?.namespaces ?? ["xml": "http://www.w3.org/XML/1998/namespace"]
                var attributes: [(namespace: String?, name: String, value: String)] = []
                for attribute in reader.attributes {
                    if attribute.namespaceURI == xmlnsNamespace {
                        namespaces[attribute.localName == "xmlns" ? "" : attribute.localName] = attribute.value
                    } else if attribute.namespaceURI == nil, attribute.localName == "xmlns" {
                        namespaces[""] = attribute.value
                    } else {
                        attributes.append((attribute.namespaceURI, attribute.localName, attribute.value))
                    }
                }
                let (line, column) = count < starts.count ? starts[count] : (reader.line, reader.column)
                count += 1
                let element = MarkupElement(namespace: reader.namespaceURI, name: reader.localName, attributes: attributes,
                                            namespaces: namespaces, line: line, column: column)
                if let parent = stack.last { parent.append(.element(element)) } else if root == nil { root = element }
                if !reader.isEmptyElement { stack.append(element) }
            case .endElement:
                if !stack.isEmpty { stack.removeLast() }
            case .text, .cdata, .whitespace:
                stack.last?.append(.text(reader.value ?? ""))
            default:
                break
            }
        }
        try reader.diagnostics.throwIfErrors()
        guard let root else {
            throw DiagnosticError(.error("xml.empty", "the file has no XML element", hint: "check that this is the right file",
                                         at: .file(source, line: 1, column: 1)))
        }
        return root
    }

    /// The line and column (in characters, from 1) of every start tag, in document order.
    ///
    /// In well-formed XML a `<` followed by a name character starts a tag: text and
    /// attribute values cannot hold a raw `<`; comments, processing instructions and CDATA
    /// sections are skipped.
    static func startTagPositions(_ data: Data) -> [(Int, Int)] {
        let bytes = [UInt8](data)
        var positions: [(Int, Int)] = []
        var index = 0, line = 1, column = 1
        func skip(past terminator: [UInt8]) {
            while index < bytes.count, !bytes[index...].starts(with: terminator) { advance() }
            for _ in terminator where index < bytes.count { advance() }
        }
        func advance() {
            if bytes[index] == 10 { line += 1; column = 1 } else if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count else { advance(); continue }
            let next = bytes[index + 1]
            if bytes[index...].starts(with: Array("<!--".utf8)) { skip(past: Array("-->".utf8)); continue }
            if bytes[index...].starts(with: Array("<![CDATA[".utf8)) { skip(past: Array("]]>".utf8)); continue }
            if next == UInt8(ascii: "?") { skip(past: Array("?>".utf8)); continue }
            if next != UInt8(ascii: "/"), next != UInt8(ascii: "!") { positions.append((line, column)) }
            advance()
        }
        return positions
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
}
