import Foundation
import Testing

/// `pathfolio export --format markdown`, run as a user runs it, on the example paths.
struct MarkdownExportTests {
    /// A ledger with both example paths (김하늘 and Alex Morgan).
    func examples(_ cli: CLI) throws {
        for script in ["korean-job-seeker.sh", "career-changer.sh"] {
            let result = try cli.example(script, [cli.store])
            #expect(result.status == 0, "\(script): \(result.stderr)")
        }
    }

    /// A folder exported again keeps the files the new export does not write (they may be
    /// the user's), but says so: an earlier export for another audience, or of someone since
    /// purged, must not go out unnoticed with a folder re-exported for the public.
    @Test func exportingIntoAFolderAgainWarnsOfTheFilesItDidNotWrite() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try examples(cli)
        let folder = cli.directory.appendingPathComponent("shared").path + "/"
        try cli.succeed(["export", "--all", "--format", "markdown", "--audience", "self", "--out", folder])
        let named = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        #expect(named.count == 3)  // two people and index.md

        // Blind, the files are named otherwise: the named ones stay, and the warning names them
        let blind = try cli.run(["export", "--all", "--format", "markdown", "--blind", "--out", folder])
        #expect(blind.status == 0)
        let people = named.subtracting(["index.md"]).sorted()
        #expect(blind.stderr == """
            warning: \(folder) also holds 2 .md files this export did not write: \(people.joined(separator: ", "))
              hint: an earlier export's, perhaps for another audience or of someone since purged; remove them before sharing the folder, or export into an empty one

            """)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder)).isSuperset(of: named))
        // Exported by name again, the blind files are the ones named; a folder holding only
        // what the export writes gets no warning
        let again = try cli.run(["export", "--all", "--format", "markdown", "--audience", "self", "--out", folder])
        #expect(again.stderr.hasPrefix("warning: \(folder) also holds 2 .md files this export did not write: candidate-"))
        let xmlFolder = cli.directory.appendingPathComponent("xml").path + "/"
        try cli.succeed(["export", "--all", "--format", "xml", "--out", xmlFolder])
        #expect(try cli.run(["export", "--all", "--format", "xml", "--out", xmlFolder]).stderr == "")

        // Someone purged: their XML file from before is named
        let everyone = try cli.json(["person", "list"]) as! [[String: Any]]
        let gone = try #require(everyone.first { ($0["name"] as? String) == "Alex Morgan" }?["id"] as? String)
        try cli.succeed(["purge", gone, "--yes"])
        let after = try cli.run(["export", "--all", "--format", "xml", "--out", xmlFolder])
        #expect(after.status == 0)
        #expect(after.stderr.hasPrefix("warning: \(xmlFolder) also holds 1 .xml file this export did not write: \(gone).xml\n"))
    }

    @Test func oneKoreanPortfolioGoesToStandardOutputWithKoreanHeadingsAndDates() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try examples(cli)
        let markdown = try cli.succeed(["export", "--format", "markdown", "--person", "김하늘", "--locale", "ko"])
        #expect(markdown.hasPrefix("# 김하늘\n\n*대상: 누구나 (공개 항목만)*\n"))
        for heading in ["## 한눈에 보기", "## 경력 경로", "## 경험", "## 역량", "## 다음 단계"] {
            #expect(markdown.contains("\n\(heading)\n"), "missing \(heading)")
        }
        #expect(markdown.contains("*2025년 1월 2일 – 현재 · 경력 · 진행 중*"))
        #expect(markdown.contains("```mermaid\nflowchart LR\n"))
        let english = try cli.succeed(["export", "--format", "markdown", "--person", "김하늘", "--locale", "en"])
        #expect(english.contains("*2 January 2025 – present · Job · ongoing*"))
    }

    @Test func thePublicAndBlindExportsLeaveOutWhatTheyMayNotShow() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try examples(cli)
        let export = ["export", "--format", "markdown", "--person", "김하늘", "--locale", "ko"]
        let counselor = try cli.succeed(export + ["--audience", "counselor"])
        #expect(counselor.contains("현직자 멘토링") && counselor.contains("haneul.kim@example.kr"))
        #expect(!counselor.contains("1998"))  // the birth date is private
        let everyone = try cli.succeed(export)
        for text in ["현직자 멘토링", "haneul.kim@example.kr", "010-0000-0000", "1998", "youth"] {
            #expect(!everyone.contains(text), "'\(text)' is not public")
        }
        let blind = try cli.succeed(export + ["--audience", "self", "--blind"])
        for text in ["김하늘", "haneul", "010-0000-0000", "1998", "한빛대학교", "youth"] {
            #expect(!blind.contains(text), "'\(text)' identifies the person")
        }
        #expect(blind.hasPrefix("# 지원자 "))
        #expect(blind.contains("### 경영학 학사\n"))
    }

    @Test func filtersNarrowTheDocumentToTheChosenExperiences() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try examples(cli)
        let markdown = try cli.succeed(["export", "--format", "markdown", "--person", "Alex Morgan", "--kind", "job", "--since", "2023"])
        let sections = markdown.split(separator: "\n").filter { $0.hasPrefix("### ") }
        #expect(sections == ["### Junior developer · Northwind Software", "### Developer · Northwind Software",
                             "### Senior developer, education technology"])
    }

    @Test func allWritesOneFilePerPersonAndAnIndexThatLinksThem() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try examples(cli)
        let folder = cli.directory.appendingPathComponent("out/portfolios")
        let said = try cli.succeed(["export", "--all", "--format", "markdown", "--audience", "counselor", "--out", folder.path])
        #expect(said == "Wrote 2 portfolios and index.md to \(folder.path)\n")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files.count == 3 && files.contains("index.md"))
        let index = try String(contentsOf: folder.appendingPathComponent("index.md"), encoding: .utf8)
        for file in files where file != "index.md" {
            #expect(index.contains("](<\(file)>)"), "index.md does not link \(file)")
        }
        #expect(index.contains("| youth | 1 | 1 | 1 | 0 | 4.5 (2) |"))  // hired after 일경험; the course completed, rated 4 and 5
        // Running again gives the same bytes.
        let first = try files.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
        try cli.succeed(["export", "--all", "--format", "markdown", "--audience", "counselor", "--out", folder.path])
        #expect(try files.map { try Data(contentsOf: folder.appendingPathComponent($0)) } == first)
    }

    @Test func allThatCannotWriteOneFileWritesNone() throws {
        // Given a folder where a folder stands in index.md's place
        let cli = try CLI()
        defer { cli.cleanUp() }
        try examples(cli)
        let folder = cli.directory.appendingPathComponent("portfolios")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("index.md"), withIntermediateDirectories: true)

        // When every portfolio is exported there
        let result = try cli.run(["export", "--all", "--format", "markdown", "--out", folder.path])

        // Then it fails naming that file, and writes no portfolio and no temporary file
        #expect(result.status == 74)
        #expect(result.stderr.hasPrefix("\(folder.appendingPathComponent("index.md").path): error: cannot write the file (Is a directory)\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["index.md"])

        // A folder that cannot be made says why, for Markdown and XML alike
        let file = cli.directory.appendingPathComponent("a-file")
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data("keep".utf8)))
        let markdown = try cli.run(["export", "--all", "--format", "markdown", "--out", file.path + "/sub/"])
        #expect(markdown.status == 74)
        #expect(markdown.stderr.hasPrefix("\(file.path)/sub/: error: cannot create the folder (Not a directory)\n"))
        let xml = try cli.run(["export", "--all", "--format", "xml", "--out", file.path + "/sub/"])
        #expect(xml.status == 74)
        #expect(xml.stderr.hasPrefix("\(file.path)/sub/: error: cannot create the folder (Not a directory)\n"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "keep")
    }

    @Test func allWithoutAFolderIsTheCaseloadAsOneDocumentWithTheIndexLast() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try examples(cli)
        let folder = cli.directory.appendingPathComponent("portfolios")
        try cli.succeed(["export", "--all", "--format", "markdown", "--audience", "counselor", "--locale", "ko", "--out", folder.path])
        // To standard output: each person's document as their own file has it, a blank line
        // after each, then the index, whose names link to no file
        let document = try cli.succeed(["export", "--all", "--format", "markdown", "--audience", "counselor", "--locale", "ko"])
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "index.md" }
        let people = try files.map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
        #expect(people.count == 2)
        let index = try String(contentsOf: folder.appendingPathComponent("index.md"), encoding: .utf8)
        var unlinked = index
        for file in files { unlinked = unlinked.replacingOccurrences(of: "](<\(file)>)", with: "").replacingOccurrences(of: "| [", with: "| ") }
        #expect(unlinked != index && !unlinked.contains("](<"))
        let inLedgerOrder = people.sorted { document.range(of: $0)!.lowerBound < document.range(of: $1)!.lowerBound }
        #expect(document == inLedgerOrder.map { $0 + "\n" }.joined() + unlinked)
        #expect(document.components(separatedBy: "\n").filter { $0.hasPrefix("# ") }.count == 3)
        #expect(("\n" + document).contains("\n# 김하늘\n") && document.contains("\n# 담당 사례\n"))
        // To a file named .md: the same bytes, and it says what it wrote
        let file = cli.directory.appendingPathComponent("caseload.md")
        let said = try cli.succeed(["export", "--all", "--format", "markdown", "--audience", "counselor", "--locale", "ko", "--out", file.path])
        #expect(said == "Wrote 2 portfolios and the index to \(file.path)\n")
        #expect(try String(contentsOf: file, encoding: .utf8) == document)
        // A device is refused as one, and an empty --out is a usage error
        let device = try cli.run(["export", "--all", "--format", "markdown", "--out", "/dev/null"])
        #expect(device.status == 64 && device.stderr.hasPrefix("error: /dev/null is not a plain file"))
        let empty = try cli.run(["export", "--all", "--format", "markdown", "--out", ""])
        #expect(empty.status == 64 && empty.stderr.contains("--out is empty"))
        // `--out -` is standard output too
        #expect(try cli.succeed(["export", "--all", "--format", "markdown", "--audience", "counselor", "--locale", "ko", "--out", "-"]) == document)
    }

    @Test func aFileInAMissingFolderIsAnIOErrorThatNamesThePath() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try examples(cli)
        let path = cli.directory.appendingPathComponent("missing/alex.md").path
        let result = try cli.run(["export", "--format", "markdown", "--person", "Alex", "--out", path])
        #expect(result.status == 74)
        #expect(result.stderr == """
            \(path): error: cannot write the file
              hint: the folder '\(cli.directory.appendingPathComponent("missing").path)' does not exist; create it first or choose another path

            """)
        // Every format's one file says the same.
        for (format, name) in [("xml", "alex.xml"), ("json-resume", "alex.json"), ("leap2a", "alex.zip")] {
            let other = cli.directory.appendingPathComponent("missing/" + name).path
            let failed = try cli.run(["export", "--format", format, "--person", "Alex", "--out", other])
            #expect(failed.status == 74)
            #expect(failed.stderr.hasPrefix("\(other): error: cannot write the file\n  hint: the folder '\(cli.directory.appendingPathComponent("missing").path)' does not exist"), "\(failed.stderr)")
        }
        let file = cli.directory.appendingPathComponent("taken").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data("keep me".utf8)))
        let all = try cli.run(["export", "--all", "--format", "markdown", "--out", file])
        #expect(all.status == 64)
        #expect(all.stderr == """
            \(file): error: this is a file, but --all needs a folder or a name ending in .md
              hint: give a folder (it is created if missing) with --out DIR, or --out FILE.md for one document

            """)
        #expect(FileManager.default.contents(atPath: file) == Data("keep me".utf8))
    }

    @Test func outAsAFolderGetsThePersonsFileAndOutAsAFileGetsExactlyThatFile() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try examples(cli)
        let folder = cli.directory.path
        let alex = try #require(try cli.json(["person", "show", "--person", "Alex", "--json"]) as? [String: Any])["shortID"] as! String
        let said = try cli.succeed(["export", "--format", "markdown", "--person", "Alex", "--out", folder])
        #expect(said == "Wrote \(folder)/alex-morgan-\(alex).md\n")
        let file = cli.directory.appendingPathComponent("cv.md").path
        try cli.succeed(["export", "--format", "markdown", "--person", "Alex", "--out", file])
        let inFolder = FileManager.default.contents(atPath: "\(folder)/alex-morgan-\(alex).md")
        #expect(inFolder != nil && inFolder == FileManager.default.contents(atPath: file))
        let stdout = try cli.succeed(["export", "--format", "markdown", "--person", "Alex"])
        #expect(inFolder == Data(stdout.utf8))
        // A folder that is not there yet, named with a trailing /, is made, as for the other formats.
        let made = cli.directory.appendingPathComponent("new/cvs").path + "/"
        #expect(try cli.succeed(["export", "--format", "markdown", "--person", "Alex", "--out", made]) == "Wrote \(made)alex-morgan-\(alex).md\n")
        #expect(FileManager.default.contents(atPath: "\(made)alex-morgan-\(alex).md") == inFolder)
        #expect((try FileManager.default.attributesOfItem(atPath: made)[.posixPermissions] as? Int) == 0o700)
    }

    @Test func theExamplesRenderedMarkdownIsUpToDate() throws {
        // Examples/*.md and Examples/caseload/ are what Examples/render-markdown.sh writes.
        let cli = try CLI()
        defer { cli.cleanUp() }
        let fresh = cli.directory.appendingPathComponent("rendered")
        let result = try cli.example("render-markdown.sh", [fresh.path])
        #expect(result.status == 0, "\(result.stderr)")
        let checkedIn = CLI.packageFolder.appendingPathComponent("Examples")
        let rendered = try FileManager.default.subpathsOfDirectory(atPath: fresh.path).filter { $0.hasSuffix(".md") }.sorted()
        let present = try FileManager.default.subpathsOfDirectory(atPath: checkedIn.path)
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix("templates/") }.sorted()  // templates/ holds reflection templates
        #expect(rendered.count == 8)
        #expect(present == rendered, "Examples/ has other Markdown files than the script writes")
        for file in rendered {
            let new = FileManager.default.contents(atPath: fresh.appendingPathComponent(file).path)
            let old = FileManager.default.contents(atPath: checkedIn.appendingPathComponent(file).path)
            #expect(new == old, "Examples/\(file) is out of date: run `swift build && Examples/render-markdown.sh`")
        }
    }
}
