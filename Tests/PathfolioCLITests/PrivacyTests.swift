import Foundation
import PathfolioCore
import PathfolioFormats
import PathfolioStore
import Testing

/// Exports never contain more than their audience may see, over many generated portfolios:
/// nothing private in a counselor's or the public's export, nothing for counselors in a
/// public one, and nothing identifying in a blind profile.
///
/// `PATHFOLIO_PRIVACY_PORTFOLIOS` sets how many portfolios are generated (default 40);
/// `PATHFOLIO_TEST_SEED` replays a run.
struct PrivacyTests {
    static let audiences: [(Audience, blind: Bool)] = [(.counselor, false), (.public, false), (.counselor, true), (.public, true)]

    /// Generated portfolios, each valid by the model's rules.
    static func generate() -> [PortfolioGenerator.Generated] {
        var seeds = Harness.generator("privacy")
        var generator = PortfolioGenerator(seed: seeds.next())
        return (0..<Harness.count("PATHFOLIO_PRIVACY_PORTFOLIOS", default: 40)).map { generator.portfolio(index: $0) }
    }

    @Test func theAudienceFilterKeepsEveryMarkerFromWhoMayNotSeeIt() throws {
        for generated in Self.generate() {
            #expect(generated.portfolio.diagnostics().filter { $0.severity == .error } == [])
            // Every marker is in the whole portfolio, so a leak would be found.
            let whole = Haystack(String(decoding: try JSONEncoder().encode(generated.portfolio), as: UTF8.self))
            #expect(generated.markers.filter { !whole.contains($0.text) }.map(\.field) == [])
            for (audience, blind) in Self.audiences {
                var shown = generated.portfolio.visible(to: audience)
                if blind { shown = shown.blinded() }
                let text = String(decoding: try JSONEncoder().encode(shown), as: UTF8.self)
                try Self.check(text, generated, audience: audience, blind: blind, format: "the model")
            }
        }
    }

    /// Every export format, as a user runs it: the generated portfolios are imported from
    /// one XML collection, then exported with `--all` for each audience, blind or not.
    @Test(arguments: ["xml", "markdown", "leap2a", "json-resume"])
    func everyFormatShowsEachAudienceOnlyWhatItMaySee(_ format: String) throws {
        let generated = Self.generate()
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        let collection = cli.directory.appendingPathComponent("generated.xml")
        try Data(PortfolioXML.write(collection: generated.map(\.portfolio), audience: .self).utf8).write(to: collection)
        try cli.succeed(["import", collection.path])
        for (audience, blind) in Self.audiences {
            let folder = cli.directory.appendingPathComponent("\(format)-\(audience.rawValue)\(blind ? "-blind" : "")")
            var arguments = ["export", "--all", "--format", format, "--audience", audience.rawValue, "--out", folder.path]
            if blind { arguments.append("--blind") }
            try cli.succeed(arguments)
            // Every person's file, read together: each marker is unique, so a marker found
            // anywhere is found where it must not be.
            // (`--out` names a collection file, or a folder with a file per person.)
            var text = ""
            var isCollection: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: folder.path, isDirectory: &isCollection))
            let paths = isCollection.boolValue
                ? try FileManager.default.subpathsOfDirectory(atPath: folder.path).map { folder.appendingPathComponent($0).path }
                : [folder.path]
            for path in paths {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                    // The file's name too: it is shared along with the file.
                    text += path + "\n" + String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
                    // An export is the person's data: private until they share it.
                    #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600, "\(path)")
                }
            }
            // JSON Resume has no place for some titles (it is lossy by nature): each visible
            // experience must show through at least one of its fields there.
            let lossy = format == "json-resume"
            let haystack = Haystack(text)
            for person in generated {
                try Self.check(text, person, audience: audience, blind: blind, format: format, titles: !lossy)
                if lossy {
                    for markers in person.visibleExperienceMarkers(for: audience, blind: blind) where !markers.contains(where: haystack.contains) {
                        Issue.record("\(format), \(audience.rawValue): a visible experience of \(person.portfolio.person.name) is missing entirely")
                    }
                }
            }
        }
    }

    /// Fails for every forbidden marker found in `text`, and when a title the audience may
    /// see is missing (so that an empty export cannot pass).
    static func check(_ text: String, _ generated: PortfolioGenerator.Generated, audience: Audience, blind: Bool,
                      format: String, titles: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let context = "\(format), \(audience.rawValue)\(blind ? " blind" : ""), person \(generated.portfolio.person.name)"
        let text = Haystack(text)
        for marker in generated.forbidden(for: audience, blind: blind) where text.contains(marker.text) {
            Issue.record("\(context): \(marker.field) (\(marker.visibility.rawValue)\(marker.identifying ? ", identifying" : "")) leaked",
                         sourceLocation: sourceLocation)
        }
        for title in generated.requiredTitles(for: audience) where titles && !text.contains(title) {
            Issue.record("\(context): the visible title \(title) is missing", sourceLocation: sourceLocation)
        }
    }
}

/// Exact byte search: String's own `contains` is too slow for thousands of markers.
struct Haystack {
    private let bytes: [UInt8]
    init(_ text: String) { bytes = Array(text.utf8) }

    func contains(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, pattern.count <= bytes.count else { return pattern.isEmpty }
        return bytes.withUnsafeBufferPointer { haystack in
            pattern.withUnsafeBufferPointer { needle in
                var index = 0
                let last = haystack.count - needle.count
                while index <= last {
                    if haystack[index] == first, memcmp(haystack.baseAddress! + index, needle.baseAddress!, needle.count) == 0 {
                        return true
                    }
                    index += 1
                }
                return false
            }
        }
    }
}

extension PrivacyTests {
    /// A blind caseload is written in an order the hidden names do not decide (by ID: by name,
    /// Latin names came before Hangul ones and namesakes sat side by side), and two people
    /// whose IDs begin with the same 8 characters are labelled by their whole IDs (both were
    /// `Candidate client-2`), in XML, in the Markdown documents and in the index.
    @Test func aBlindCaseloadIsOrderedAndLabelledWithoutTheNames() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        let people = [("zz-last", "Aaron Able"), ("client-2024-0002", "김민준"), ("client-2024-0001", "김민준"), ("aa-first", "Zoë Zed")]
            .map { id, name in
                Portfolio(person: Person(id: PersonID(rawValue: id), name: name),
                          experiences: [Experience(id: ExperienceID(rawValue: "job-" + id), kind: .job, title: "Data analyst")])
            }
        let file = cli.directory.appendingPathComponent("people.xml")
        try Data(PortfolioXML.write(collection: people, audience: .self).utf8).write(to: file)
        try cli.succeed(["import", file.path])
        func order(_ text: String, of labels: [String]) -> [String] {
            labels.compactMap { label in text.range(of: label).map { (label, $0.lowerBound) } }
                .sorted { $0.1 < $1.1 }.map(\.0)
        }
        let ids = ["aa-first", "client-2024-0001", "client-2024-0002", "zz-last"]
        // By name without --blind (Aaron, Zoë, then the two 김민준), by ID with it.
        let named = try cli.succeed(["export", "--all", "--format", "xml", "--audience", "self"])
        #expect(order(named, of: ids.map { "<person id=\"\($0)\"" }) == ["zz-last", "aa-first", "client-2024-0001", "client-2024-0002"].map { "<person id=\"\($0)\"" })
        let blindXML = try cli.succeed(["export", "--all", "--format", "xml", "--blind"])
        #expect(order(blindXML, of: ids.map { "<person id=\"\($0)\"" }) == ids.map { "<person id=\"\($0)\"" })
        #expect(blindXML.contains("Candidate client-2024-0001<") && blindXML.contains("Candidate client-2024-0002<"), "\(blindXML)")
        #expect(blindXML.contains("Candidate aa-first<") && !blindXML.contains("Candidate client-2<") && !blindXML.contains("김민준"))
        let document = try cli.succeed(["export", "--all", "--format", "markdown", "--blind", "--locale", "ko"])
        let headings = ids.map { "# 지원자 \($0)\n" }
        #expect(order(document, of: headings) == headings, "\(document)")
        #expect(!document.contains("김민준") && !document.contains("지원자 client-2\n"))
        try cli.succeed(["export", "--all", "--format", "markdown", "--blind", "--out", "blind/"])
        let folder = cli.directory.appendingPathComponent("blind")
        let index = try String(contentsOf: folder.appendingPathComponent("index.md"), encoding: .utf8)
        let links = ids.map { "[Candidate \($0)](<candidate-\($0).md>)" }
        #expect(order(index, of: links) == links, "\(index)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == (ids.map { "candidate-\($0).md" } + ["index.md"]).sorted())
        // Exported one at a time, each is named and labelled as in the caseload (both wrote
        // `candidate-client-2.md`, the second over the first).
        for id in ids {
            #expect(try cli.succeed(["export", "--person", id, "--format", "markdown", "--blind", "--out", "one/"]) == "Wrote one/candidate-\(id).md\n")
            #expect(try cli.succeed(["export", "--person", id, "--format", "xml", "--blind"]).contains(">Candidate \(id)</name>"))
        }
        #expect(try cli.succeed(["export", "--person", ids[1], "--format", "markdown", "--out", "two/"]) == "Wrote two/김민준-\(ids[1]).md\n")
        // `person edit` names them whole too; someone no other shares with, short.
        #expect(try cli.succeed(["person", "edit", "--person", ids[1], "--headline", "Analyst"]) == "Updated 김민준 \(ids[1])\n")
        #expect(try cli.succeed(["person", "edit", "--person", "zz-last", "--headline", "Analyst"]) == "Updated Aaron Able zz-last\n")
        // Namesakes in the index of one document (names link nowhere) are told apart by their
        // IDs, whole where those share their short form; others by their name alone.
        let plain = try cli.succeed(["export", "--all", "--format", "markdown", "--audience", "counselor"])
        #expect(plain.contains("| 김민준 (client-2024-0001) |") && plain.contains("| 김민준 (client-2024-0002) |"), "\(plain)")
        #expect(plain.contains("| Aaron Able |"))
        // A deleted person's ID still counts (a reference is looked up among them too): the
        // one left is listed and chosen by their whole ID.
        try cli.succeed(["delete", ids[2]])
        #expect(try cli.succeed(["person", "list"]).contains(" \(ids[1]) "))
        #expect(try cli.succeed(["person", "use", "김민준"]) == "Now acting for 김민준 \(ids[1])\n")
        #expect(try cli.succeed(["export", "--all", "--format", "markdown", "--audience", "counselor"]).contains("| 김민준 |"))
    }
}
