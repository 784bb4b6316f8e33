import Foundation
import Testing

/// Errors and logs never quote reflection text or contact details: they name IDs, fields and
/// places in files. Each case fails on purpose with secrets in its input and must not print them.
struct ErrorPrivacyTests {
    /// Text no message may contain.
    static let secrets = ["SECRETREFLECTION", "SECRETMAIL", "SECRETPHONE", "SECRETANSWER", "SECRETNOTE"]

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// The command line and standard input, given the experience's and the reflection's IDs.
        var command: @Sendable (CLI, _ experience: String, _ reflection: String) throws -> ([String], String?)
        var testDescription: String { name }
    }

    static func xml(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <portfolio xmlns="urn:pathfolio:portfolio:1" version="1">
          <person id="p9">
            <name visibility="public">Lee</name>
            <detail kind="email" visibility="counselor">SECRETMAIL@example.org</detail>
            <detail kind="phone" visibility="private">SECRETPHONE</detail>
          </person>
          <experiences>
            <experience id="e1" kind="job" status="completed" visibility="public"><title>Analyst</title></experience>
          </experiences>
        \(body)
        </portfolio>
        """
    }

    static func file(_ cli: CLI, _ text: String) throws -> String {
        let path = cli.directory.appendingPathComponent("in.xml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let cases: [Case] = [
        Case(name: "an --answer without '='") { _, id, _ in (["reflect", id, "--answer", "SECRETANSWER without a key"], nil) },
        Case(name: "an --answer for a prompt the template lacks") { _, id, _ in (["reflect", id, "--answer", "nokey=SECRETANSWER"], nil) },
        Case(name: "a JSON reflection with an unknown prompt and a bad rating") { _, id, _ in
            (["reflect", id, "--from", "-"], #"{"answers": {"bad": "SECRETANSWER"}, "rating": 9}"#)
        },
        Case(name: "a Markdown reflection with text outside its sections") { _, id, _ in
            (["reflect", id, "--from", "-"], "SECRETANSWER before any heading\n## Nothing\nSECRETANSWER\n")
        },
        Case(name: "revising a reflection with an unknown prompt") { _, _, reflection in
            (["reflect", "--revise", reflection, "--answer", "nokey=SECRETANSWER"], nil)
        },
        Case(name: "an imported reflection on a missing experience") { cli, _, _ in
            (["import", try file(cli, xml("""
                  <reflections>
                    <reflection id="r1" experience="e7" kind="free" written="2024-08-30" visibility="private">
                      <entry key="note"><prompt>Note</prompt><answer>SECRETANSWER</answer></entry>
                    </reflection>
                  </reflections>
                """))], nil)
        },
        Case(name: "an imported link note on a dangling link") { cli, _, _ in
            (["import", try file(cli, xml(#"  <links><link from="e1" to="e9" type="ledTo"><note>SECRETNOTE</note></link></links>"#))], nil)
        },
        Case(name: "an imported contact detail with a control character") { cli, _, _ in
            (["import", try file(cli, xml("").replacingOccurrences(of: "SECRETPHONE", with: "SECRETPHONE&#1;"))], nil)
        },
        Case(name: "an imported file in the wrong namespace") { cli, _, _ in
            (["validate", try file(cli, xml("").replacingOccurrences(of: "urn:pathfolio:portfolio:1", with: "urn:other"))], nil)
        },
        Case(name: "verify after a reflection was edited behind Pathfolio's back") { cli, _, reflection in
            let sqlite = Process()
            sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            sqlite.arguments = [cli.store, "UPDATE reflection SET entries = replace(entries, 'SECRETREFLECTION', 'SECRETANSWER') WHERE id = '\(reflection)'"]
            try sqlite.run()
            sqlite.waitUntilExit()
            return (["verify"], nil)
        },
    ]

    @Test(arguments: cases)
    func anErrorNamesFieldsNotTheirText(_ failing: Case) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "김하늘"])
        try cli.succeed(["person", "edit", "--email", "SECRETMAIL@example.org", "--phone", "SECRETPHONE"])
        let experience = try cli.succeed(["add", "job", "--title", "Analyst", "--start", "2024-01", "--end", "2024-06", "-q"])
            .trimmingCharacters(in: .newlines)
        let reflected = try cli.json(["reflect", experience, "--kind", "free", "--answer", "note=SECRETREFLECTION"]) as? [String: Any]
        let reflection = try #require(reflected?["id"] as? String)
        let (arguments, input) = try failing.command(cli, experience, reflection)
        let result = try cli.run(arguments, stdin: input)
        #expect(result.status != 0)
        #expect(result.stderr.contains("error:"))
        for secret in Self.secrets {
            #expect(!result.stderr.contains(secret) && !result.stdout.contains(secret), "\(failing.name) printed \(secret): \(result.stderr)")
        }
    }
}
