import PathfolioCore
import PathfolioFormats
import Testing

/// Broken and hostile files: each gives located, actionable diagnostics and no portfolio.
struct PortfolioXMLReadErrorTests {
    private func read(_ text: String) -> PortfolioXMLReadResult {
        PortfolioXML.read(bytes: Array(text.utf8), name: "bad.xml")
    }

    private func document(_ experiences: String, links: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <portfolio xmlns="urn:pathfolio:portfolio:1" version="1">
          <person id="p1">
            <name visibility="public">Kim</name>
          </person>
          <experiences>
        \(experiences)
          </experiences>\(links)
        </portfolio>
        """
    }

    private func experience(_ id: String, kind: String = "job", period: String = "") -> String {
        """
            <experience id="\(id)" kind="\(kind)" status="completed" visibility="public">
              <title>T</title>\(period)
            </experience>
        """
    }

    /// A file cut short, as an interrupted download leaves it, is said to be cut short, at its
    /// last line: libxml2's reader calls it "Extra content at the end of the document" (with
    /// "remove what follows it") or an attribute error, wherever the cut falls.
    @Test func aFileCutShortIsSaidToBe() throws {
        let whole = Array(try PortfolioXML.write(Samples.jobSeeker, audience: .self).utf8)
        #expect(PortfolioXML.read(bytes: whole, name: "whole.xml").isValid)
        let lines = whole.split(separator: 0x0A, omittingEmptySubsequences: false)
        // After a line that closes an element, inside an attribute, inside a Korean character.
        let atEndTag = lines.prefix(20).map(\.count).reduce(0, +) + 19
        let marker = Array("id=\"".utf8)
        let inAttribute = try #require((0..<whole.count - 4).first { Array(whole[$0..<$0 + 4]) == marker }) + 6
        let korean = try #require((0..<whole.count).first { whole[$0] >= 0xE0 && $0 > 400 }) + 1
        for cut in [atEndTag, inAttribute, korean, whole.count - 3] {
            let bytes = Array(whole.prefix(cut))
            let result = PortfolioXML.read(bytes: bytes, name: "cut.xml")
            let lastLine = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count - (bytes.last == 0x0A ? 1 : 0)
            let malformed = result.diagnostics.filter { $0.code == "xml.malformed" || $0.code == "xml.cutShort" }
            #expect(malformed.map { $0.code } == ["xml.cutShort"], "cut at \(cut): \(result.diagnostics)")
            #expect(malformed.first?.location?.line == lastLine)
            #expect(malformed.first?.message == "the file ends before its document does: it stops inside <portfolio>, which never ends")
        }
        // A wrong end tag at the end is that, not a cut.
        let text = String(decoding: whole, as: UTF8.self)
        let wrong = read(String(text.dropLast(text.hasSuffix("\n") ? 13 : 12)) + "</portfolios>\n")
        #expect(!wrong.diagnostics.contains { $0.code == "xml.cutShort" }, "\(wrong.diagnostics)")
        #expect(wrong.diagnostics.contains { $0.code == "xml.malformed" })
    }

    @Test func everySchemaErrorOfAFileIsReportedInOnePassWithLineAndHint() {
        let text = document(experience("e1", kind: "jobb") + "\n" + experience("e2", period: "<period><start>2023-02-30</start></period>"))
        let result = read(text)
        #expect(!result.isValid)
        #expect(result.portfolios.isEmpty)
        let schema = result.diagnostics.filter { $0.code == "xml.schema" }
        #expect(schema.map { $0.location?.line } == [7])
        // The impossible date is said plainly, once, instead of as the schema's union-type message.
        #expect(result.diagnostics.map(\.description).contains("""
            bad.xml:11: experience e2, period.start: error: '2023-02-30' does not exist: February 2023 has 28 days
              hint: check the day, or give only the month (YYYY-MM) if the day is not known
            """))
        #expect(schema[0].description.hasPrefix("bad.xml:7: error: Element 'experience', attribute 'kind': [facet 'enumeration'] The value 'jobb' is not an element of the set"))
        #expect(schema.allSatisfy { $0.hint != nil })
    }

    @Test func semanticErrorsNameTheRecordAndLine() {
        let links = """

              <links>
                <link from="e1" to="e9" type="ledTo"/>
                <link from="e1" to="e2" type="ledTo"/>
                <link from="e2" to="e1" type="ledTo"/>
              </links>
            """
        let text = document(experience("e1") + "\n" + experience("e2", period: "<period><start>2024-05</start><end>2023-01</end></period>")
                            + "\n" + experience("e1"), links: links)
        let result = read(text)
        let found = result.diagnostics.map { "\($0.code) \($0.location?.text ?? "")" }
        #expect(found.contains("id.duplicate bad.xml:7: experience e1, id"))
        #expect(found.contains("period.endBeforeStart bad.xml:10: experience e2, period.end"))
        #expect(found.contains("reference.unresolved bad.xml:18: link e1:ledTo:e9"))
        #expect(found.contains("link.cycle bad.xml:20: link e2:ledTo:e1"))
        #expect(result.portfolios.isEmpty, "\(found)")
    }

    @Test func wrongNamespaceAndFutureVersionSayWhatToDo() {
        let wrong = read(#"<portfolio xmlns="urn:other" version="1"/>"#)
        let namespace = wrong.diagnostics.first { $0.code == "xml.namespace" }
        #expect(namespace?.hint?.contains("urn:pathfolio:portfolio:1") == true)
        let future = read(#"<portfolio xmlns="urn:pathfolio:portfolio:1" version="2"/>"#)
        #expect(future.diagnostics.contains { $0.code == "xml.version" && $0.message.contains("version '2'") })
    }

    @Test func truncatedEmptyAndNonXMLFilesFail() {
        let text = document(experience("e1"))
        let truncated = read(String(text.prefix(text.count / 2)))
        #expect(!truncated.isValid)
        #expect(truncated.diagnostics.first?.location?.line != nil, "\(truncated.diagnostics)")
        #expect(read("").diagnostics.first?.code == "file.empty")
        #expect(!read("just text").isValid)
        #expect(!read("\u{FEFF}").isValid)
    }

    @Test func hostileConstructsAreRefused() {
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE portfolio [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <portfolio xmlns="urn:pathfolio:portfolio:1" version="1"><person id="p"><name visibility="public">&x;</name></person></portfolio>
            """
        let result = read(xxe)
        #expect(!result.isValid)
        #expect(result.diagnostics.contains { $0.code == "xml.doctype" })
        let external = read(#"<!DOCTYPE portfolio SYSTEM "http://example.com/x.dtd"><portfolio/>"#)
        #expect(external.diagnostics.contains { $0.code == "xml.doctype" })
        let deep = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        #expect(!read(deep).isValid)
        let nul = read("<portfolio xmlns=\"urn:pathfolio:portfolio:1\" version=\"1\"><person id=\"p\"><name visibility=\"public\">a\u{0}b</name></person></portfolio>")
        #expect(!nul.isValid)
        let control = read("<portfolio xmlns=\"urn:pathfolio:portfolio:1\" version=\"1\"><person id=\"p\"><name visibility=\"public\">a&#7;b</name></person></portfolio>")
        #expect(!control.isValid)
        let invalidUTF8 = PortfolioXML.read(bytes: Array("<portfolio xmlns=\"urn:pathfolio:portfolio:1\" version=\"1\"><person id=\"p\"><name visibility=\"public\">".utf8) + [0xC0, 0xAF, 0xFF] + Array("</name></person></portfolio>".utf8), name: "utf8.xml")
        #expect(!invalidUTF8.isValid)
    }

    @Test func aTextOverLibxml2sLimitIsAnErrorNotATruncatedValue() {
        let huge = String(repeating: "가", count: 4_000_000)
        for text in ["<portfolio xmlns=\"urn:pathfolio:portfolio:1\" version=\"1\"><person id=\"p\"><name visibility=\"\(huge)\">x</name></person></portfolio>",
                     "<portfolio xmlns=\"urn:pathfolio:portfolio:1\" version=\"1\"><person id=\"p\"><name visibility=\"public\">\(huge)</name></person></portfolio>"] {
            let result = read(text)
            #expect(!result.isValid)
            let first = result.diagnostics.first
            #expect(first?.code == "xml.malformed", "\(result.diagnostics)")
            #expect(first?.location?.line == 1)
        }
    }

    @Test func truncatedFilesReportWhereTheyEnd() {
        let text = document(experience("e1"))
        let result = read(String(text.prefix(150)))
        #expect(result.diagnostics.first?.code == "xml.cutShort", "\(result.diagnostics)")
        #expect(result.diagnostics.first?.location?.line != nil)
    }

    @Test func oversizedFilesAreRefusedWithTheLimit() {
        let result = PortfolioXML.read(bytes: Array(document(experience("e1")).utf8), name: "big.xml", limits: XMLReadLimits(maxBytes: 100))
        #expect(result.diagnostics.map(\.code) == ["file.tooLarge"])
        #expect(result.diagnostics.first?.message.contains("over the limit of 0.0 MB") == true)
    }
}
