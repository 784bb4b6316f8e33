import Dispatch
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PathfolioCore
import Testing
@testable import PathfolioFormats

struct XMLStreamReaderTests {
    private func reader(_ text: String, schema: XMLSchema? = nil) throws -> XMLStreamReader {
        try XMLStreamReader(bytes: Array(text.utf8), name: "t.xml", schema: schema)
    }

    @Test func readsElementsAttributesAndText() throws {
        let reader = try reader(#"<a xmlns="urn:x" k="v"><b>1 &amp; 2</b><c/><![CDATA[<raw>]]></a>"#)
        var seen: [String] = []
        while reader.read() {
            switch reader.nodeType {
            case .element:
                seen.append("<\(reader.localName) ns=\(reader.namespaceURI ?? "-") k=\(reader.attribute("k") ?? "-") empty=\(reader.isEmptyElement)>")
                if reader.localName == "b" { seen.append("text:" + reader.readText()) }
            case .text: seen.append("text:" + (reader.value ?? ""))
            case .endElement: seen.append("</\(reader.localName)>")
            default: break
            }
        }
        #expect(seen == ["<a ns=urn:x k=v empty=false>", "<b ns=urn:x k=- empty=false>", "text:1 & 2",
                         "<c ns=urn:x k=- empty=true>", "text:<raw>", "</a>"])
        #expect(reader.diagnostics.isEmpty)
        #expect(reader.isComplete)
    }

    @Test func namespacedAttributesPrefixesAndInnerMarkup() throws {
        let text = #"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:leap2="http://terms.leapspecs.org/"><entry leap2:type="x"><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">a <b>b</b></div></content></entry></feed>"#
        let reader = try reader(text)
        var found: [String] = []
        while reader.read() {
            guard reader.nodeType == .element else { continue }
            switch reader.localName {
            case "entry":
                found.append(reader.attribute("type", namespace: "http://terms.leapspecs.org/") ?? "-")
                found.append(reader.attribute("type") ?? "no plain type")
            case "content":
                found.append(reader.innerXML())
                reader.skip()
            default: break
            }
        }
        #expect(found == ["x", "no plain type", #"<div xmlns="http://www.w3.org/1999/xhtml">a <b>b</b></div>"#])
        #expect(reader.diagnostics.isEmpty)
    }

    @Test func mismatchedTagReportsLineAndColumn() throws {
        let reader = try reader("<a>\n  <b></c>\n</a>")
        while reader.read() {}
        #expect(!reader.isComplete)
        let first = try #require(reader.diagnostics.first)
        #expect(first.code == "xml.malformed")
        #expect(first.location?.file == "t.xml")
        #expect(first.location?.line == 2)
        #expect(first.location?.column != nil)
        #expect(first.hint == "close each element with the matching end tag")
    }

    @Test func refusesDocumentTypesAndNeverLoadsExternalEntities() throws {
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <a>&x;</a>
            """
        let reader = try reader(xxe)
        var text = ""
        while reader.read() { if reader.nodeType == .text { text += reader.value ?? "" } }
        #expect(!text.contains("root:"))
        #expect(reader.diagnostics.contains { $0.code == "xml.doctype" && $0.location?.line != nil })
    }

    @Test func billionLaughsStopsWithAnError() throws {
        var entities = #"<!ENTITY l0 "ha">"#
        for level in 1...12 {
            entities += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">"
        }
        let reader = try reader("<!DOCTYPE a [\(entities)]><a>&l12;</a>")
        var bytes = 0
        while reader.read() { bytes += reader.value?.utf8.count ?? 0 }
        #expect(bytes < 1_000_000)
        #expect(reader.diagnostics.containsErrors)
    }

    @Test func emptyAndOversizedInputAreRefusedBeforeParsing() {
        #expect(throws: DiagnosticError.self) { try XMLStreamReader(bytes: [], name: "e.xml") }
        do {
            _ = try XMLStreamReader(bytes: Array("<a/>".utf8), name: "big.xml", limits: XMLReadLimits(maxBytes: 2))
            Issue.record("expected a size error")
        } catch {
            #expect(error.diagnostics.first?.code == "file.tooLarge")
            #expect(error.diagnostics.first?.message.contains("over the limit") == true)
        }
    }

    @Test func missingFileAndFolderAreNamed() {
        do {
            _ = try XMLStreamReader(path: "/nonexistent/x.xml")
            Issue.record("expected an error")
        } catch { #expect(error.diagnostics.first?.code == "file.notFound") }
        do {
            _ = try XMLStreamReader(path: "/tmp")
            Issue.record("expected an error")
        } catch { #expect(error.diagnostics.first?.code == "file.notAFile") }
    }

    @Test func schemaErrorsAreAllReportedInOnePass() throws {
        let xsd = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x" xmlns="urn:x" elementFormDefault="qualified">
              <xs:element name="a"><xs:complexType><xs:sequence>
                <xs:element name="n" type="xs:int" maxOccurs="unbounded"/>
              </xs:sequence></xs:complexType></xs:element>
            </xs:schema>
            """
        let schema = try XMLSchema(xsd: xsd, name: "x.xsd")
        let reader = try reader("<a xmlns=\"urn:x\">\n<n>1</n>\n<n>x</n>\n<n>y</n>\n</a>", schema: schema)
        while reader.read() {}
        let errors = reader.diagnostics.filter { $0.code == "xml.schema" }
        #expect(errors.map { $0.location?.line } == [3, 4])
        #expect(errors.allSatisfy { $0.hint != nil })
    }
}

extension XMLStreamReaderTests {
    /// libxml2's error handler stays installed between reads (per thread); each reader's
    /// errors must still reach that reader, however readers and threads interleave.
    @Test func readersInterleavedOnOneThreadOrAcrossThreadsEachGetTheirOwnErrors() throws {
        func malformed(_ name: String, line: Int) throws -> XMLStreamReader {
            let text = "<a>" + String(repeating: "\n<b>x</b>", count: line - 2) + "\n<b></c>\n</a>"
            return try XMLStreamReader(bytes: Array(text.utf8), name: name)
        }
        let first = try malformed("first.xml", line: 3), second = try malformed("second.xml", line: 6)
        // Alternate reads: each reader's handler is installed in turn on this thread.
        var going = true
        while going {
            going = false
            if first.read() { going = true }
            if second.read() { going = true }
        }
        for (reader, name, line) in [(first, "first.xml", 3), (second, "second.xml", 6)] {
            #expect(!reader.isComplete)
            #expect(reader.diagnostics.map(\.code) == ["xml.malformed"], "\(name)")
            #expect(reader.diagnostics.allSatisfy { $0.location?.file == name && $0.location?.line == line }, "\(name)")
        }
        // Made on one thread, read on others, several at once.
        /// Each reader is read by exactly one thread.
        struct Handed: @unchecked Sendable { let readers: [XMLStreamReader] }
        let readers = try (0..<8).map { try malformed("r\($0).xml", line: 2 + $0) }
        let handed = Handed(readers: readers)
        DispatchQueue.concurrentPerform(iterations: readers.count) { index in while handed.readers[index].read() {} }
        for (index, reader) in readers.enumerated() {
            #expect(reader.diagnostics.count == 1)
            #expect(reader.diagnostics.first?.location?.file == "r\(index).xml")
            #expect(reader.diagnostics.first?.location?.line == 2 + index)
        }
        // A well-formed file read after them reports nothing.
        let fine = try reader("<a><b>1</b></a>")
        while fine.read() {}
        #expect(fine.diagnostics.isEmpty && fine.isComplete)
    }
}

extension XMLStreamReaderTests {
    /// A schema that does not compile, on a thread where a reader has run: its errors are its
    /// own (with the XML parser's details), and the reader's are unchanged.
    @Test func aSchemaThatDoesNotCompileReportsToItselfNotToTheLastReader() throws {
        let reader = try reader("<a>\n<b></c>\n</a>")
        while reader.read() {}
        let before = reader.diagnostics
        #expect(before.map(\.code) == ["xml.malformed"])
        #expect {
            _ = try XMLSchema(xsd: "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n<xs:element", name: "broken.xsd")
        } throws: { error in
            guard let diagnostics = (error as? DiagnosticError)?.diagnostics else { return false }
            return diagnostics.contains { $0.location?.file == "broken.xsd" && $0.location?.line != nil }
        }
        #expect(reader.diagnostics == before)
    }

    /// Foundation's `XMLParser` (libxml2 too) sets libxml2's handlers on the thread and
    /// resets them; a reader read after it on the same thread still gets its own errors.
    @Test func aReaderStillGetsItsErrorsAfterFoundationsParserRanOnTheThread() throws {
        // Long enough that libxml2 has not reached the broken tag when the parser runs.
        let lines = 20_000
        let reader = try reader("<a>\n" + String(repeating: "<b>1</b>\n", count: lines) + "<c></d>\n</a>")
        #expect(reader.read() && reader.read())
        _ = XMLParser(data: Data("<x><y></x>".utf8)).parse()
        _ = XMLParser(data: Data("<x/>".utf8)).parse()
        while reader.read() {}
        #expect(reader.diagnostics.map(\.code) == ["xml.malformed"])
        #expect(reader.diagnostics.first?.location?.line == lines + 2)
    }
}
