import Foundation
import Testing

/// The catalogue of hostile and broken files given to `pathfolio import` and `validate`:
/// each one is refused with a located error and a hint, a non-zero exit code, and a ledger
/// byte-identical to before (checked by ``HostileInputTests/check(_:sourceLocation:)``).
extension HostileInputTests {
    /// A valid portfolio file with the parts a case replaces.
    static func document(root: String = #"<portfolio xmlns="urn:pathfolio:portfolio:1" version="1">"#,
                         name: String = "Kim", experiences: String? = nil, links: String? = nil,
                         reflections: String = "", prolog: String = "") -> String {
        let experiences = experiences ?? """
                <experience id="e1" kind="training" status="completed" visibility="public">
                  <title>Data course</title>
                  <period><start>2024-03</start><end>2024-08</end></period>
                </experience>
                <experience id="e2" kind="job" status="completed" visibility="public">
                  <title>Analyst</title>
                  <period><start>2024-09</start><end>2025-02</end></period>
                </experience>
            """
        let links = links ?? #"    <link from="e1" to="e2" type="ledTo"/>"#
        return """
            <?xml version="1.0" encoding="UTF-8"?>\(prolog)
            \(root)
              <person id="p1">
                <name visibility="public">\(name)</name>
                <detail kind="email" visibility="counselor">kim@example.org</detail>
              </person>
              <experiences>
            \(experiences)
              </experiences>\(links.isEmpty ? "" : "\n  <links>\n\(links)\n  </links>")\(reflections)
            </portfolio>
            """
    }

    static func experience(_ id: String, kind: String = "job", period: String = "<start>2024-01</start>",
                           extra: String = "") -> String {
        """
                <experience id="\(id)" kind="\(kind)" status="completed" visibility="public"\(extra)>
                  <title>Role \(id)</title>
                  <period>\(period)</period>
                </experience>
        """
    }

    /// A valid file whose person's name is `bytes` (which need not be UTF-8 nor XML).
    static func nameWithBytes(_ bytes: Data) -> Data {
        let parts = document(name: "NAME").components(separatedBy: "NAME")
        return Data(parts[0].utf8) + bytes + Data(parts[1].utf8)
    }

    /// A case that imports one file written with `bytes`.
    static func file(_ name: String, status: Int32 = 65, _ stderr: String, _ bytes: @escaping @Sendable () -> Data) -> HostileCase {
        HostileCase(name: name, prepare: { cli in
            let path = cli.directory.appendingPathComponent("hostile.xml").path
            try bytes().write(to: URL(fileURLWithPath: path))
            return ["import", path]
        }, status: status, stderr: stderr)
    }

    static func text(_ name: String, status: Int32 = 65, _ stderr: String, _ text: @escaping @Sendable () -> String) -> HostileCase {
        file(name, status: status, stderr) { Data(text().utf8) }
    }

    static let fileCases: [HostileCase] = [
        text("XXE reading /etc/passwd", """
            {dir}/hostile.xml:2: error: a document type declaration (<!DOCTYPE …>) is not allowed
              hint: remove the <!DOCTYPE …> line: Pathfolio files are checked against their XSD, and DTDs and entities are refused for safety

            """, {
            document(name: "&x;", prolog: "\n<!DOCTYPE portfolio [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>")
        }),
        text("XXE fetching a network URL", """
            {dir}/hostile.xml:2: error: a document type declaration (<!DOCTYPE …>) is not allowed
              hint: remove the <!DOCTYPE …> line: Pathfolio files are checked against their XSD, and DTDs and entities are refused for safety

            """, {
            document(name: "&x;", prolog: "\n<!DOCTYPE portfolio [<!ENTITY x SYSTEM \"http://127.0.0.1:9/secret\">]>")
        }),
        text("an external DTD", """
            {dir}/hostile.xml:2: error: a document type declaration (<!DOCTYPE …>) is not allowed
              hint: remove the <!DOCTYPE …> line: Pathfolio files are checked against their XSD, and DTDs and entities are refused for safety

            """, {
            document(prolog: "\n<!DOCTYPE portfolio SYSTEM \"http://127.0.0.1:9/portfolio.dtd\">")
        }),
        text("a parameter entity pulling an external DTD", """
            {dir}/hostile.xml:2: error: a document type declaration (<!DOCTYPE …>) is not allowed
              hint: remove the <!DOCTYPE …> line: Pathfolio files are checked against their XSD, and DTDs and entities are refused for safety

            """, {
            document(prolog: "\n<!DOCTYPE portfolio [<!ENTITY % remote SYSTEM \"file:///etc/passwd\"> %remote;]>")
        }),
        text("billion laughs", """
            {dir}/hostile.xml:1:7: error: Detected an entity reference loop
              hint: entities are refused for safety; write the text out
            {dir}/hostile.xml:5:37: error: Detected an entity reference loop
              hint: entities are refused for safety; write the text out

            """, {
            var entities = "<!ENTITY lol0 \"lol\">"
            for level in 1...9 {
                entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
            }
            return document(name: "&lol9;", prolog: "\n<!DOCTYPE portfolio [\(entities)]>")
        }),
        text("10,000-deep nesting", """
            {dir}/hostile.xml:8: error: Element 'experience': The attribute 'id' is required but missing.
              hint: check the attribute's name and value against Schemas/pathfolio-1.xsd
            {dir}/hostile.xml:8: error: Element 'experience': The attribute 'kind' is required but missing.
              hint: check the attribute's name and value against Schemas/pathfolio-1.xsd
            {dir}/hostile.xml:8: error: Element 'experience': The attribute 'status' is required but missing.
              hint: check the attribute's name and value against Schemas/pathfolio-1.xsd
            {dir}/hostile.xml:8: error: Element 'experience': The attribute 'visibility' is required but missing.
              hint: check the attribute's name and value against Schemas/pathfolio-1.xsd
            {dir}/hostile.xml:8: error: Element 'experience': This element is not expected. Expected is ( title ).
              hint: put the elements in the order and with the names Schemas/pathfolio-1.xsd gives (see Schemas/README.md)
            {dir}/hostile.xml:8:3072: error: Excessive depth in document: 256 use XML_PARSE_HUGE option
              hint: the file is not well-formed XML; fix the spot named, or export it again

            """, {
            document(experiences: String(repeating: "<experience>", count: 10_000) + String(repeating: "</experience>", count: 10_000))
        }),
        file("a 100 MB attribute", """
            {dir}/hostile.xml:1:79: error: internal error: Huge input lookup
              hint: a single text or attribute value is over libxml2's 10 MB limit; shorten it

            """, {
            var data = Data(#"<?xml version="1.0"?><portfolio xmlns="urn:pathfolio:portfolio:1" version="1"><person id=""#.utf8)
            data.append(Data(repeating: UInt8(ascii: "a"), count: 100 * 1024 * 1024))
            data.append(Data(#""><name visibility="public">Kim</name></person></portfolio>"#.utf8))
            return data
        }),
        file("invalid UTF-8", """
            {dir}/hostile.xml:4:31: error: Input is not proper UTF-8, indicate encoding !
            Bytes: 0xFF 0xFE 0x41 0x3C
              hint: the file must be UTF-8 without control characters; re-export it or fix the encoding

            """, { nameWithBytes(Data([0xFF, 0xFE, 0x41])) }),
        file("an overlong UTF-8 '<'", """
            {dir}/hostile.xml:4:31: error: Input is not proper UTF-8, indicate encoding !
            Bytes: 0xC0 0xBC 0x73 0x63
              hint: the file must be UTF-8 without control characters; re-export it or fix the encoding

            """, { nameWithBytes(Data([0xC0, 0xBC]) + Data("script".utf8)) }),
        file("a NUL byte in a name", """
            {dir}/hostile.xml:4:32: error: Char 0x0 out of allowed range
              hint: the file must be UTF-8 without control characters; re-export it or fix the encoding

            """, { nameWithBytes(Data([0x4B, 0x00, 0x4D])) }),
        text("an XML-illegal character reference", """
            {dir}/hostile.xml:4:38: error: xmlParseCharRef: invalid xmlChar value 7
              hint: the file must be UTF-8 without control characters; re-export it or fix the encoding

            """, { document(name: "Kim&#7;") }),
        text("a raw control character", """
            {dir}/hostile.xml:4:34: error: PCDATA invalid Char value 1
              hint: the file must be UTF-8 without control characters; re-export it or fix the encoding

            """, { document(name: "Kim\u{1}") }),
        text("the wrong namespace", """
            {dir}/hostile.xml:2: error: Element '{urn:example:cv}portfolio': No matching global declaration available for the validation root.
              hint: the root element must be <portfolio> or <portfolios> in the namespace urn:pathfolio:portfolio:1
            {dir}/hostile.xml:2: error: the root element <portfolio> is not in the namespace urn:pathfolio:portfolio:1
              hint: write <portfolio xmlns="urn:pathfolio:portfolio:1" version="1"> (see Schemas/README.md)

            """, { document(root: #"<portfolio xmlns="urn:example:cv" version="1">"#) }),
        text("a future schema version", """
            {dir}/hostile.xml:2: error: Element 'portfolio', attribute 'version': [facet 'enumeration'] The value '2' is not an element of the set {'1'}.
              hint: use one of the values in the set (see Schemas/pathfolio-1.xsd)
            {dir}/hostile.xml:2: error: the file is schema version '2'; this Pathfolio reads version 1
              hint: update Pathfolio to read a newer file, or export it again as version 1

            """, { document(root: #"<portfolio xmlns="urn:pathfolio:portfolio:1" version="2">"#) }),
        text("no namespace at all", """
            {dir}/hostile.xml:2: error: Element 'portfolio': No matching global declaration available for the validation root.
              hint: the root element must be <portfolio> or <portfolios> in the namespace urn:pathfolio:portfolio:1
            {dir}/hostile.xml:2: error: the root element <portfolio> is not in the namespace urn:pathfolio:portfolio:1
              hint: write <portfolio xmlns="urn:pathfolio:portfolio:1" version="1"> (see Schemas/README.md)

            """, { document(root: #"<portfolio version="1">"#) }),
        text("duplicate experience IDs", """
            {dir}/hostile.xml:8: experience e1, id: error: the ID 'e1' is used by more than one experience
              hint: give each experience its own ID

            """, { document(experiences: experience("e1") + "\n" + experience("e1"), links: "") }),
        text("a dangling link", """
            {dir}/hostile.xml:18: link e1:ledTo:e9: error: experience 'e9' does not exist
              hint: link experiences of the same person, by ID

            """, { document(links: #"    <link from="e1" to="e9" type="ledTo"/>"#) }),
        text("a ledTo cycle", """
            {dir}/hostile.xml:19: link e2:ledTo:e1: error: ledTo links must not form a cycle: e2 → e1 → e2
              hint: ledTo links point forward along the path; remove one link of the cycle or use relatedTo

            """, {
            document(links: #"    <link from="e1" to="e2" type="ledTo"/>"# + "\n" + #"    <link from="e2" to="e1" type="ledTo"/>"#)
        }),
        text("a partOf cycle through three experiences", """
            {dir}/hostile.xml:24: link e3:partOf:e1: error: partOf links must not form a cycle: e3 → e1 → e2 → e3
              hint: partOf links point forward along the path; remove one link of the cycle or use relatedTo

            """, {
            document(experiences: [experience("e1"), experience("e2"), experience("e3")].joined(separator: "\n"),
                     links: [#"<link from="e1" to="e2" type="partOf"/>"#, #"<link from="e2" to="e3" type="partOf"/>"#,
                             #"<link from="e3" to="e1" type="partOf"/>"#].joined(separator: "\n"))
        }),
        text("a link from an experience to itself", """
            {dir}/hostile.xml:18: link e1:relatedTo:e1: error: an experience cannot be linked to itself ('e1')
              hint: link two different experiences

            """, { document(links: #"    <link from="e1" to="e1" type="relatedTo"/>"#) }),
        text("an end before the start", """
            {dir}/hostile.xml:8: experience e1, period.end: error: end 2023-01 is before start 2024-05
              hint: swap the dates, or correct the one that is wrong

            """, {
            document(experiences: experience("e1", period: "<start>2024-05</start><end>2023-01</end>"), links: "")
        }),
        text("30 February", """
            {dir}/hostile.xml:10: experience e1, period.start: error: '2024-02-30' does not exist: February 2024 has 29 days
              hint: check the day, or give only the month (YYYY-MM) if the day is not known

            """, { document(experiences: experience("e1", period: "<start>2024-02-30</start>"), links: "") }),
        text("a month 13", """
            {dir}/hostile.xml:10: experience e1, period.start: error: '2024-13' has a month outside 01–12
              hint: write a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024-03

            """, { document(experiences: experience("e1", period: "<start>2024-13</start>"), links: "") }),
        text("an unknown experience kind", """
            {dir}/hostile.xml:8: error: Element 'experience', attribute 'kind': [facet 'enumeration'] The value 'jobb' is not an element of the set {'job', 'training', 'workExperience', 'mentoring', 'education', 'volunteering', 'project', 'other'}.
              hint: use one of the values in the set (see Schemas/pathfolio-1.xsd)

            """, { document(experiences: experience("e1", kind: "jobb"), links: "") }),
        text("an unknown element", """
            {dir}/hostile.xml:9: error: Element 'salary': This element is not expected. Expected is one of ( role, location, period, summary, highlight, skill, evidence, tag, job, training ).
              hint: put the elements in the order and with the names Schemas/pathfolio-1.xsd gives (see Schemas/README.md)

            """, {
            document(experiences: experience("e1").replacingOccurrences(of: "</title>", with: "</title><salary>9</salary>"), links: "")
        }),
        text("a person without an ID", """
            {dir}/hostile.xml:3: error: Element 'person': The attribute 'id' is required but missing.
              hint: check the attribute's name and value against Schemas/pathfolio-1.xsd
            {dir}/hostile.xml:3: person , id: error: '' is not a valid ID
              hint: use 1–64 letters, digits, '.', '_' or '-'

            """, { document().replacingOccurrences(of: #"<person id="p1">"#, with: "<person>") }),
        text("a reflection rated 9 of 5", """
            {dir}/hostile.xml:21: error: Element 'reflection', attribute 'rating': [facet 'maxInclusive'] The value '9' is greater than the maximum value allowed ('5').
              hint: check the attribute's name and value against Schemas/pathfolio-1.xsd

            """, {
            document(reflections: """

                  <reflections>
                    <reflection id="r1" experience="e1" kind="postTraining" written="2024-08-30" visibility="private" rating="9">
                      <entry key="learned"><prompt>What did you learn?</prompt><answer>SQL joins</answer></entry>
                    </reflection>
                  </reflections>
                """)
        }),
        text("a reflection on a missing experience", """
            {dir}/hostile.xml:21: reflection r1, experienceID: error: experience 'e7' does not exist
              hint: attach the reflection to an experience of this portfolio

            """, {
            document(reflections: """

                  <reflections>
                    <reflection id="r1" experience="e7" kind="free" written="2024-08-30" visibility="private">
                      <entry key="note"><prompt>Note</prompt><answer>my private note</answer></entry>
                    </reflection>
                  </reflections>
                """)
        }),
        text("an XInclude of /etc/passwd", """
            {dir}/hostile.xml:4: error: Element 'name': Element content is not allowed, because the content type is a simple type definition.
              hint: make the file match Schemas/pathfolio-1.xsd (see Schemas/README.md)
            {dir}/hostile.xml:3: person p1, name: error: the name is empty
              hint: give the person a name

            """, {
            document(name: #"<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>"#)
        }),
        text("a duplicated attribute", """
            {dir}/hostile.xml:3:26: error: Attribute id redefined
              hint: the file is not well-formed XML; fix the spot named, or export it again

            """, {
            document().replacingOccurrences(of: #"<person id="p1">"#, with: #"<person id="p1" id="p2">"#)
        }),
        text("a second root element", """
            {dir}/hostile.xml:21:1: error: Extra content at the end of the document
              hint: a document has exactly one root element; remove what follows it

            """, { document() + "\n<portfolio/>" }),
        text("a truncated file", """
            {dir}/hostile.xml:10: error: the file ends before its document does: it stops inside <portfolio>, which never ends
              hint: the file was cut short (an interrupted download or copy leaves one like this); get it or export it again
            {dir}/hostile.xml:10: experience e1, period.start: error: the date has neither a value nor a label
              hint: write YYYY, YYYY-MM or YYYY-MM-DD, or add label="…", or leave the element out

            """, { String(document().prefix(400)) }),
        text("an empty file", """
            {dir}/hostile.xml: error: the file is empty
              hint: export a portfolio with `pathfolio export --format xml`

            """, { "" }),
        text("a byte-order mark alone", """
            {dir}/hostile.xml:1:1: error: Extra content at the end of the document
              hint: a document has exactly one root element; remove what follows it

            """, { "\u{FEFF}" }),
        text("plain text", """
            {dir}/hostile.xml:1:1: error: Document is empty
              hint: the file holds no XML; export one with `pathfolio export --format xml`

            """, { "Kim — analyst, 2024\n" }),
        HostileCase(name: "a folder without portfolio files given as the file", prepare: { cli in
            let folder = cli.directory.appendingPathComponent("folder.xml").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            return ["import", folder]
        }, status: 66, stderr: """
            {dir}/folder.xml: error: no portfolio files in this folder (no regular file named *.xml, *.json or *.zip)
              hint: give the files themselves, or a folder that holds them

            """),
        HostileCase(name: "a file that does not exist", prepare: { cli in
            ["import", cli.directory.appendingPathComponent("missing.xml").path]
        }, status: 66, stderr: """
            {dir}/missing.xml: error: no such file
              hint: check the path

            """),
        HostileCase(name: "a file the user may not read", launcher: .nobodyIfRoot, prepare: { cli in
            let path = cli.directory.appendingPathComponent("secret.xml").path
            try Data(document().utf8).write(to: URL(fileURLWithPath: path))
            let manager = FileManager.default
            if getuid() == 0 {
                // nobody may use the ledger, but not read the file.
                try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
                try manager.setAttributes([.posixPermissions: 0o666], ofItemAtPath: cli.store)
                try manager.setAttributes([.posixPermissions: 0o777], ofItemAtPath: cli.directory.path)
            } else {
                try manager.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
            }
            return ["import", path]
        }, status: 66, stderr: """
            {dir}/secret.xml: error: cannot open the file: Permission denied
              hint: check the file's permissions

            """),
        HostileCase(name: "a full disk during an import", launcher: .fileSizeLimit(100), prepare: { cli in
            let path = cli.directory.appendingPathComponent("big.xml").path
            let experiences = (1...60).map { experience("e\($0)", extra: "") }.joined(separator: "\n")
                .replacingOccurrences(of: "</period>", with: "</period><summary>" + String(repeating: "요약 ", count: 300) + "</summary>")
            try Data(document(experiences: experiences, links: "").utf8).write(to: URL(fileURLWithPath: path))
            return ["import", path]
        }, status: 74, stderr: """
            error: {dir}/ledger.sqlite: disk I/O error; nothing was written
              hint: check that the disk has free space, that no file-size limit (`ulimit -f`) applies, and that you may write to the file and its folder

            """),
    ]

    @Test(arguments: fileCases)
    func aHostileFileIsRefusedAndTheLedgerLeftAsItWas(_ hostile: HostileCase) throws {
        try check(hostile) { cli, arguments, imported in
            // `validate` refuses the same file with the same words (a full disk is the
            // ledger's problem, not the file's).
            guard case .owner = hostile.launcher else { return }
            let validated = try cli.run(["validate"] + arguments.dropFirst())
            #expect(validated.status == imported.status)
            #expect(validated.stderr == imported.stderr)
        }
    }
}
