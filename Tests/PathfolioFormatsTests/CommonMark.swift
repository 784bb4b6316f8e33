import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// A CommonMark document as a real parser sees it: `cmark-gfm -e table -e strikethrough -t
/// xml` (Debian's `cmark-gfm` package), read into a small tree.
///
/// The tests that use it fail, not skip, when the parser is missing.
final class CommonMarkNode {
    let name: String
    let attributes: [String: String]
    var text = ""
    var children: [CommonMarkNode] = []

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// This node and every node below it, in document order.
    var all: [CommonMarkNode] { [self] + children.flatMap(\.all) }

    /// The nodes named `name` anywhere below.
    func nodes(_ name: String) -> [CommonMarkNode] { all.filter { $0.name == name } }

    /// The text of the node as a reader sees it: text, code and line breaks.
    var plainText: String {
        switch name {
        case "text", "code": text
        case "softbreak": " "
        case "linebreak": "\n"
        default: children.map(\.plainText).joined()
        }
    }

    /// `(level, text)` of every heading, in order.
    var headings: [(level: Int, text: String)] {
        nodes("heading").map { (Int($0.attributes["level"] ?? "") ?? 0, $0.plainText) }
    }

    /// Parses Markdown with `cmark-gfm`.
    static func parse(_ markdown: String) throws -> CommonMarkNode {
        let xml = try runParser(markdown)
        let builder = Builder()
        let parser = XMLParser(data: xml)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw ParserMissing(message: "cmark-gfm printed XML that does not parse: \(parser.parserError.map { "\($0)" } ?? "?")")
        }
        return root
    }

    struct ParserMissing: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    private static func runParser(_ markdown: String) throws -> Data {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/cmark-gfm" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else {
            throw ParserMissing(message: "cmark-gfm is not installed; install it with `apt-get install -y cmark-gfm` (CI does)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-e", "table", "-e", "strikethrough", "-e", "autolink", "-t", "xml"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        nonisolated(unsafe) var data = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { data = output.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ParserMissing(message: "cmark-gfm exited with status \(process.terminationStatus)")
        }
        return data
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: CommonMarkNode?
        var stack: [CommonMarkNode] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let node = CommonMarkNode(name: name, attributes: attributes)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
