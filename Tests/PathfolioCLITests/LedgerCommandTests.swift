import Foundation
import Testing

/// The ledger commands, run as a user runs them: the built binary, a temporary ledger, a
/// fixed clock and deterministic IDs.
struct LedgerCommandTests {
    /// A ledger with 김하늘's path: training → work-experience programme (with mentoring
    /// inside it) → job. Returns the IDs in that order.
    func seed(_ cli: CLI) throws -> [String] {
        try cli.succeed(["init", "--name", "김하늘"])
        var ids: [String] = []
        for arguments in [
            ["add", "training", "--title", "데이터 분석 실무", "--org", "한국폴리텍대학", "--start", "2024-03", "--end", "2024-08",
             "--skill", "SQL", "--hours", "600", "--funding", "국민내일배움카드"],
            ["add", "work-experience", "--title", "청년 일경험", "--org", "㈜데이터랩", "--start", "2024-09", "--end", "2024-12",
             "--programme", "청년 일경험 지원사업", "--sponsor", "고용노동부"],
            ["add", "mentoring", "--title", "현직자 멘토링", "--start", "2024-10", "--end", "2024-12", "--mentoring-role", "mentee"],
            ["add", "job", "--title", "주니어 데이터 분석가", "--org", "㈜데이터랩", "--start", "2025-01", "--ongoing",
             "--employment-type", "full-time"],
        ] {
            let json = try cli.json(arguments) as! [String: Any]
            ids.append(json["id"] as! String)
        }
        try cli.succeed(["link", ids[0], ids[1]])
        try cli.succeed(["link", ids[1], ids[3]])
        try cli.succeed(["link", ids[2], ids[1], "--type", "partOf"])
        return ids
    }

    @Test func initCreatesAPrivateLedgerOnceAndSaysSo() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let first = try cli.succeed(["init"])
        #expect(first == "Created ledger at \(cli.store)\nNext: pathfolio person add \"Your Name\"\n")
        let mode = try FileManager.default.attributesOfItem(atPath: cli.store)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try cli.succeed(["init"]) == "Ledger already at \(cli.store) (0 people).\n")
    }

    /// `init --name` run again, as a setup script does, finds the person it added and changes
    /// nothing; on a ledger that has people it adds no one (that is `person add`), and says so.
    @Test func initWithANameRunAgainChangesNothing() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let first = try cli.succeed(["init", "--name", "김하늘"])
        #expect(first.hasPrefix("Created ledger at \(cli.store)\nPerson: 김하늘 ") && first.contains(" (default)\n"), "\(first)")
        let before = try cli.ledgerBytes()
        let again = try cli.succeed(["init", "--name", "김하늘"])
        #expect(again.hasPrefix("Ledger already at \(cli.store) (1 person).\nPerson: 김하늘 "))
        #expect(again.contains("(default)"))
        #expect(try cli.ledgerBytes() == before)
        // Someone else made the default: a run again names 김하늘 and leaves the default alone.
        try cli.succeed(["person", "add", "Alex Morgan"])
        try cli.succeed(["person", "use", "Alex Morgan"])
        let notDefault = try cli.succeed(["init", "--name", "김하늘"])
        #expect(notDefault.contains("Person: 김하늘 ") && !notDefault.contains("(default)"), "\(notDefault)")
        let kept = try cli.ledgerBytes()
        // A name no one has, or part of one: nothing added, the store as it was.
        for name in ["민준", "하늘"] {
            let refused = try cli.run(["init", "--name", name])
            #expect(refused.status == 64)
            #expect(refused.stderr == """
                error: the ledger at \(cli.store) already has 2 people, none named \(name); init adds no one to it
                  hint: add them with: pathfolio person add \(name)

                """)
        }
        #expect(try cli.ledgerBytes() == kept)
        // Two people of that name: which one is not init's to guess.
        try cli.succeed(["person", "add", "김하늘"])
        let twice = try cli.run(["init", "--name", "김하늘"])
        #expect(twice.status == 64)
        #expect(twice.stderr.hasPrefix("error: 2 people in the ledger at \(cli.store) are named 김하늘 ("), "\(twice.stderr)")
        #expect(twice.stderr.contains("hint: choose one with: pathfolio person use ID"))
        let people = try #require(try cli.json(["person", "list"]) as? [[String: Any]])
        #expect(people.count == 3)
    }

    @Test func addPrintsWhatItAddedAndJSONCarriesTheID() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "김하늘"])
        let text = try cli.succeed(["add", "training", "--title", "데이터 분석 실무", "--org", "한국폴리텍대학",
                                    "--start", "2024-03", "--end", "2024-08", "--skill", "SQL"])
        #expect(text.hasPrefix("Added training "))
        #expect(text.hasSuffix("  데이터 분석 실무 · 한국폴리텍대학  (2024-03 – 2024-08, completed)\n"))
        let json = try cli.json(["add", "job", "--title", "Data analyst", "--start", "2025-01", "--ongoing"]) as! [String: Any]
        let id = try #require(json["id"] as? String)
        #expect(id.count == 32)
        #expect(json["shortID"] as? String == String(id.prefix(8)))
        #expect(json["status"] as? String == "ongoing")
        #expect((json["period"] as? [String: Any])?["end"] as? String == "ongoing")
        #expect((json["period"] as? [String: Any])?["start"] as? String == "2025-01")
    }

    @Test func listShowsThePathInOrderWithAlignedKoreanColumns() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli).map { String($0.prefix(8)) }
        let list = try cli.succeed(["list"])
        #expect(list == """
            \(ids[0])  ● 2024-03 – 2024-08  training        데이터 분석 실무 · 한국폴리텍대학
            \(ids[1])  ● 2024-09 – 2024-12  workExperience  청년 일경험 · ㈜데이터랩
            \(ids[2])  ● 2024-10 – 2024-12  mentoring       현직자 멘토링
            \(ids[3])  ◐ 2025-01 – present  job             주니어 데이터 분석가 · ㈜데이터랩

            """)
        #expect(try cli.succeed(["list", "--kind", "job", "--kind", "training"]).split(separator: "\n").count == 2)
        #expect(try cli.succeed(["list", "--status", "ongoing"]).contains("주니어 데이터 분석가"))
        #expect(try cli.succeed(["list", "--since", "2025"]).split(separator: "\n").count == 1)
        let json = try cli.json(["list"]) as! [[String: Any]]
        #expect(json.map { $0["id"] as! String }.map { String($0.prefix(8)) } == ids)
        #expect((json[1]["links"] as? [Any])?.count == 3)
    }

    /// `list`, `show`, `path` and `person show` end the process as soon as their output is
    /// out, without taking apart what they read (`Output.finish`): the ledger is still closed
    /// first, so SQLite removes its `-wal` and `-shm` files as on any other exit, the output
    /// is whole (piped, as a program reads it), and the file is byte for byte as it was.
    @Test func readCommandsCloseTheLedgerBeforeTheyEnd() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)  // with links: `show` reads the other ends
        let before = try cli.ledgerBytes()
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).sorted()
        #expect(files == ["ledger.sqlite"])
        let expected: [[String]: [String]] = [
            ["list"]: ["주니어 데이터 분석가", "현직자 멘토링", "청년 일경험", "데이터 분석 실무"],
            ["show", ids[0]]: ["데이터 분석 실무", "한국폴리텍대학", "ledTo"],
            ["path"]: ["데이터 분석 실무", "청년 일경험"],
            ["person", "show"]: ["김하늘"],
        ]
        for (arguments, texts) in expected {
            for form in [arguments, arguments + ["--json"]] {
                let output = try cli.succeed(form)
                for text in texts {
                    #expect(output.contains(text), "pathfolio \(form.joined(separator: " ")): \(output)")
                }
                if form.last == "--json" { #expect((try? JSONSerialization.jsonObject(with: Data(output.utf8))) != nil) }
                #expect(try FileManager.default.contentsOfDirectory(atPath: cli.directory.path) == ["ledger.sqlite"],
                        "pathfolio \(form.joined(separator: " ")) left files beside the ledger")
            }
        }
        #expect(try cli.ledgerBytes() == before)
        // The listing's last line is there: nothing is cut when the process ends early.
        #expect(try cli.succeed(["list"]).split(separator: "\n").count == 4)
    }

    /// Output that cannot be written (a full disk) is an I/O error that says why, for the
    /// lines `print` writes, the table `list` writes as bytes, and JSON alike: a listing cut
    /// short must not end with 0 (it did for text until the tenth round). Never a crash.
    @Test func outputToAFullDiskIsAnIOError() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        for arguments in [["list"], ["path"], ["person", "list"], ["person", "show"], ["verify"], ["history", ids[0]], ["show", ids[0]]] {
            let result = try cli.run(arguments, launcher: ["/bin/sh", "-c", "exec \"$0\" \"$@\" > /dev/full"])
            #expect(result.status == 74, "pathfolio \(arguments.joined(separator: " ")): \(result.stderr)")
            #expect(result.stderr.contains("error: the output could not be written to standard output (No space left on device)"),
                    "\(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"))
        }
        for arguments in [["list", "--json"], ["path", "--json"], ["show", ids[0], "--json"], ["person", "show", "--json"]] {
            let result = try cli.run(arguments, launcher: ["/bin/sh", "-c", "exec \"$0\" \"$@\" > /dev/full"])
            #expect(result.status == 74, "pathfolio \(arguments.joined(separator: " ")): \(result.stderr)")
            #expect(result.stderr.contains("the JSON could not be written to standard output (No space left on device)"))
        }
        // An export that cannot be written out is incomplete: an I/O error that says why.
        for format in ["xml", "markdown", "json-resume"] {
            let result = try cli.run(["export", "--format", format], launcher: ["/bin/sh", "-c", "exec \"$0\" \"$@\" > /dev/full"])
            #expect(result.status == 74, "export --format \(format): \(result.stderr)")
            #expect(result.stderr.contains("could not be written to standard output (No space left on device)"))
        }
    }

    /// `--out` names a file: a device or a pipe is refused, not replaced by a file; a
    /// symbolic link is followed. An error still ends with its own code when standard error
    /// cannot be written.
    @Test func exportOutIsAFileAndErrorsSurviveAClosedStandardError() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        _ = try seed(cli)
        let fifo = cli.directory.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for format in ["xml", "markdown", "json-resume"] {
            let result = try cli.run(["export", "--format", format, "--out", fifo])
            #expect(result.status == 64, "\(format): \(result.stderr)")
            #expect(result.stderr.contains("is not a plain file"))
        }
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the pipe is still a pipe")
        // A link to something that is not a file and that `realpath` cannot name (standard
        // output in a pipeline, `/proc/self/fd/1` → `pipe:[…]`) is refused too, and stays a
        // link: it was taken for a dangling link and replaced by a file (`/dev/stdout` too).
        let toOutput = cli.directory.appendingPathComponent("stdout.md").path
        try FileManager.default.createSymbolicLink(atPath: toOutput, withDestinationPath: "/proc/self/fd/1")
        for arguments in [["--format", "xml"], ["--all", "--format", "xml"], ["--all", "--format", "markdown"], ["--format", "markdown"]] {
            let result = try cli.run(["export"] + arguments + ["--out", toOutput])
            #expect(result.status == 64 && result.stderr.contains("is not a plain file"), "\(arguments): \(result.stderr)")
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: toOutput) == "/proc/self/fd/1")
        let real = cli.directory.appendingPathComponent("real.xml").path
        let link = cli.directory.appendingPathComponent("link.xml").path
        try "old".write(toFile: real, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        try cli.succeed(["export", "--format", "xml", "--out", link])
        #expect(try String(contentsOfFile: real, encoding: .utf8).hasPrefix("<?xml"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        // `-` is standard output, as `reflect --from -` is standard input.
        #expect(try cli.succeed(["export", "--format", "xml", "--out", "-"]).hasPrefix("<?xml"))
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("-").path))
        let closed = try cli.run(["show", "zzzz"], launcher: ["/bin/sh", "-c", "exec \"$0\" \"$@\" 2>&-"])
        #expect(closed.status == 66)
        let full = try cli.run(["show", "zzzz"], launcher: ["/bin/sh", "-c", "exec \"$0\" \"$@\" 2>/dev/full"])
        #expect(full.status == 66)
    }

    @Test func pathDrawsTheCareerAsATree() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli).map { String($0.prefix(8)) }
        #expect(try cli.succeed(["path"]) == """
            김하늘 — career path
            ● 2024-03 – 2024-08  training  데이터 분석 실무 · 한국폴리텍대학  \(ids[0])
            └─→ ● 2024-09 – 2024-12  workExperience  청년 일경험 · ㈜데이터랩  \(ids[1])
               ├─⊂ ● 2024-10 – 2024-12  mentoring  현직자 멘토링  \(ids[2])
               └─→ ◐ 2025-01 – present  job  주니어 데이터 분석가 · ㈜데이터랩  \(ids[3])

            """)
        let walk = try cli.json(["path", ids[3]]) as! [[String: Any]]
        #expect(walk.map { String(($0["id"] as! String).prefix(8)) } == [ids[0], ids[1], ids[3]])
    }

    @Test func showPrintsEveryFieldAndTheLinks() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let show = try cli.succeed(["show", String(ids[0].prefix(5))])
        #expect(show.hasPrefix("""
            데이터 분석 실무
            training · completed · 2024-03 – 2024-08 · public
            ID            \(ids[0])
            Organization  한국폴리텍대학
            Hours         600
            Funding       국민내일배움카드
            Skills        SQL

            Links
              → ledTo  \(ids[1].prefix(8))  청년 일경험 · ㈜데이터랩

            """))
        #expect(show.contains("2 revisions, last 2026-11-23"))  // created, then linked
    }

    @Test func anImpossibleDateIsBadDataAndWritesNothing() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "Alex"])
        let before = try cli.ledgerBytes()
        let result = try cli.run(["add", "job", "--title", "Barista", "--start", "2023-02-30"])
        #expect(result.status == 65)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            --start: error: '2023-02-30' does not exist: February 2023 has 28 days
              hint: check the day, or give only the month (YYYY-MM) if the day is not known

            """)
        #expect(try cli.ledgerBytes() == before)
    }

    /// `add` names the option that gave the value, not the ID the experience would have had
    /// (it was never made); `edit` names the experience, which exists.
    @Test func anEndBeforeTheStartNamesTheOption() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "Alex"])
        let result = try cli.run(["add", "job", "--title", "Barista", "--start", "2023-05", "--end", "2023-01"])
        #expect(result.status == 65)
        #expect(result.stderr == "--end: error: end 2023-01 is before start 2023-05\n  hint: swap the dates, or correct the one that is wrong\n")
        let ended = try cli.run(["add", "training", "--title", "바리스타 과정", "--start", "2023-05", "--ongoing", "--status", "completed"])
        #expect(ended.status == 65)
        #expect(ended.stderr.hasPrefix("--status: error: status is completed but the end is ongoing\n"), "\(ended.stderr)")
        let org = try cli.run(["add", "job", "--title", "Barista", "--org", " "])
        #expect(org.status == 65 && org.stderr.hasPrefix("--org: error: the organization name is empty\n"), "\(org.stderr)")
        #expect(try cli.succeed(["list"]).hasPrefix("No experiences yet"))
        let id = try cli.succeed(["add", "job", "--title", "Barista", "--start", "2023-05", "-q"]).trimmingCharacters(in: .newlines)
        let edit = try cli.run(["edit", id, "--end", "2023-01"])
        #expect(edit.status == 65)
        #expect(edit.stderr.hasPrefix("experience \(id.prefix(8)), period.end: error: end 2023-01 is before start 2023-05\n"), "\(edit.stderr)")
    }

    @Test func anUnknownKindIsAUsageError() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "Alex"])
        let result = try cli.run(["add", "jobb", "--title", "Barista"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: The value 'jobb' is invalid for '<kind>'"))
        #expect(result.stderr.contains("- workExperience"))
    }

    @Test func anOptionOfAnotherKindIsAUsageError() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "Alex"])
        let result = try cli.run(["add", "job", "--title", "Barista", "--hours", "40"])
        #expect(result.status == 64)
        #expect(result.stderr == "error: --hours applies to training experiences, not job\n  hint: leave --hours out; it belongs to training experiences\n")
    }

    @Test func aCycleIsRefusedWithTheLoopSpelledOut() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let before = try cli.ledgerBytes()
        let result = try cli.run(["link", ids[3], ids[0]])
        #expect(result.status == 65)
        let short = ids.map { String($0.prefix(8)) }
        #expect(result.stderr == """
            link \(short[3]):ledTo:\(short[0]): error: ledTo links must not form a cycle: \(short[3]) → \(short[0]) → \(short[1]) → \(short[3])
              hint: ledTo links point forward along the path; remove one link of the cycle or use relatedTo

            """)
        #expect(try cli.ledgerBytes() == before)
    }

    @Test func anUnknownIDIsNotFound() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        _ = try seed(cli)
        let result = try cli.run(["show", "ffffffff"])
        #expect(result.status == 66)
        #expect(result.stderr == "error: no experience matches 'ffffffff'\n  hint: `pathfolio list` shows the IDs; any unique prefix of at least 4 characters works\n")
    }

    @Test func aMissingLedgerIsNotFoundAndNotCreated() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.run(["list"])
        #expect(result.status == 66)
        #expect(result.stderr.hasPrefix("error: no ledger at \(cli.store)\n  hint: run `pathfolio init`"))
        #expect(!FileManager.default.fileExists(atPath: cli.store))
    }

    @Test func aFolderAsTheLedgerIsAnIOError() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.run(["list"], store: cli.directory.path)
        #expect(result.status == 74)
        #expect(result.stderr.contains("it is a folder"))
    }

    @Test func editHistoryAndRestoreWorkTogether() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let job = String(ids[3].prefix(8))
        #expect(try cli.succeed(["edit", job, "--title", "데이터 분석가", "--skill", "Tableau"]) == "Updated \(job)  데이터 분석가 · ㈜데이터랩\n")
        #expect(try cli.succeed(["edit", job, "--title", "데이터 분석가"]) == "Nothing changed for \(job).\n")
        let history = try cli.succeed(["history", job])
        #expect(history.contains("update experience \(job)\n    skills: [] → [\"Tableau\"]\n    title: \"주니어 데이터 분석가\" → \"데이터 분석가\"\n"))
        let revisions = try cli.json(["history", job]) as! [[String: Any]]
        let created = try #require(revisions.first { $0["action"] as? String == "create" }?["revision"] as? Int)
        try cli.succeed(["restore", job, "--revision", String(created)])
        #expect(try cli.succeed(["show", job]).hasPrefix("주니어 데이터 분석가\n"))
        #expect(try cli.succeed(["verify"]).hasPrefix("OK: 1 person,"))
    }

    @Test func unlinkNamesBothExperiencesAndHistoryLinesUpPastNine() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let (course, placement) = (String(ids[0].prefix(8)), String(ids[1].prefix(8)))
        #expect(try cli.succeed(["unlink", course, placement]) == """
            Unlinked \(course) 데이터 분석 실무 · 한국폴리텍대학
              ─ledTo→ \(placement) 청년 일경험 · ㈜데이터랩

            """)
        // A link that is not there is named at its start, with the command for the one the
        // other way round.
        let missing = try cli.run(["unlink", placement, course])
        #expect(missing.status == 66)
        #expect(missing.stderr == """
            experience \(placement): error: no link goes from it to \(course)
              hint: `pathfolio show \(placement)` lists the experience's links

            """)
        try cli.succeed(["link", course, placement])
        let reversed = try cli.run(["unlink", placement, course])
        #expect(reversed.stderr.contains("hint: the link goes the other way: pathfolio unlink \(course) \(placement)"))
        try cli.succeed(["unlink", course, placement])

        // Revisions from below #10 to past it: each heading's time starts in the same column.
        for title in ["A", "B", "C", "D"] { try cli.succeed(["edit", course, "--title", title]) }
        let headings = try cli.succeed(["history", course]).split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(headings.count >= 6)
        let digits = Set(headings.map { $0.dropFirst().prefix { $0.isNumber }.count })
        #expect(digits == [1, 2], "\(headings)")
        let timeColumns = headings.map { line in line.dropFirst().prefix { $0.isNumber }.count + 1 + line.dropFirst().drop { $0.isNumber }.prefix { $0 == " " }.count }
        #expect(Set(timeColumns).count == 1, "\(headings)")

        // An actor with an escape sequence in it is recorded and printed without it.
        // Whole escape sequences go, and the invisible characters that reorder a line.
        let edited = try cli.run(["edit", course, "--title", "E"],
                                 environment: ["PATHFOLIO_ACTOR": "\u{1B}[2J\u{1B}]0;owned\u{7}mal\u{200B}lory\u{202E}\u{1B}[31m 상담사\u{1B}[0m"])
        #expect(edited.status == 0, "\(edited.stderr)")
        let latest = try cli.succeed(["history", course])
        #expect(!latest.contains("\u{1B}") && !latest.contains("\u{7}") && !latest.contains("\u{202E}"))
        #expect(latest.contains("mallory 상담사  update experience"), "\(latest)")
    }

    @Test func editCanClearAndRemove() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let training = String(ids[0].prefix(8))
        try cli.succeed(["edit", training, "--remove-skill", "sql", "--clear", "end", "--highlight", "Capstone: 상권 분석"])
        let json = try cli.json(["show", training]) as! [String: Any]
        #expect((json["skills"] as? [String]) == [])
        #expect((json["period"] as? [String: Any])?["end"] == nil)
        #expect((json["highlights"] as? [String]) == ["Capstone: 상권 분석"])
        let result = try cli.run(["edit", training, "--remove-tag", "missing"])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("--remove-tag: error: 'missing' is not on this experience"))
        // A skill or tag there already in another letter case is not added twice (removing
        // one matches any case, and took both); adding and removing one at once is refused.
        try cli.succeed(["edit", training, "--skill", "Leadership", "--tag", "국비"])
        try cli.succeed(["edit", training, "--skill", "leadership", "--skill", "LEADERSHIP ", "--skill", "Excel", "--tag", "국비"])
        let skills = try cli.json(["show", training]) as! [String: Any]
        #expect((skills["skills"] as? [String]) == ["Leadership", "Excel"], "\(skills)")
        #expect((skills["tags"] as? [String])?.filter { $0 == "국비" }.count == 1, "\(skills)")
        let both = try cli.run(["edit", training, "--skill", "Welding", "--remove-skill", "welding"])
        #expect(both.status == 64 && both.stderr.contains("--skill 'Welding' and --remove-skill 'welding' contradict each other"), "\(both.stderr)")
        // An empty item (`--skill ""`, a variable that was not set) is refused, naming the
        // option, and nothing is saved: by `edit` and by `add`.
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.store))
        for (option, value) in [("--skill", ""), ("--tag", "  "), ("--highlight", ""), ("--evidence", "")] {
            for command in [["edit", training], ["add", "training", "--title", "Course"]] {
                let empty = try cli.run(command + ["--skill", "SQL", option, value])
                #expect(empty.status == 64, "\(command) \(option): \(empty.stderr)")
                #expect(empty.stderr.contains("\(option) was given an empty value"), "\(empty.stderr)")
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.store)) == before)
    }

    @Test func endRecordsTheEndAndTheStatus() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let job = String(ids[3].prefix(8))
        #expect(try cli.succeed(["end", job, "--date", "2026-10"]) == "Ended \(job)  주니어 데이터 분석가 · ㈜데이터랩  (2025-01 – 2026-10, completed)\n")
        let discontinued = try cli.json(["end", job, "--date", "2026-09-15", "--discontinued"]) as! [String: Any]
        #expect(discontinued["status"] as? String == "discontinued")
        // Ended already: a new end only with a date, never today's put over it unasked.
        let before = try cli.ledgerBytes()
        let again = try cli.run(["end", job])
        #expect(again.status == 65)
        #expect(again.stderr == "error: experience \(job) already ended (2025-01 – 2026-09-15, discontinued)\n  hint: give --date to change when it ended (--date today for today)\n")
        #expect(try cli.ledgerBytes() == before)
        let today = try cli.json(["end", job, "--date", "today"]) as! [String: Any]
        #expect((today["period"] as? [String: Any])?["end"] as? String == "2026-11-23")
    }

    /// A status the dates contradict on the day (the clock is 2026-11-23) is kept as given
    /// and warned of on standard error, after the command's own line; the exit is 0, and the
    /// hint is a command that, run as printed, fixes it.
    @Test func aStatusTheDatesContradictIsKeptAndWarnedOf() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        /// Runs the command the last hint names (`… : pathfolio WORDS`); it must say nothing more.
        func runHint(_ stderr: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
            let hint = try #require(stderr.components(separatedBy: "hint: ").last?.components(separatedBy: "\n").first)
            let command = try #require(hint.components(separatedBy: ": pathfolio ").last)
            let result = try cli.run(command.split(separator: " ").map(String.init))
            #expect(result.status == 0 && result.stderr.isEmpty, "pathfolio \(command): \(result.stderr)", sourceLocation: sourceLocation)
            return result.stdout
        }
        func line(_ id: String) throws -> String {
            try #require(try cli.succeed(["list"]).split(separator: "\n").first { $0.hasPrefix(id) }.map(String.init))
        }

        let ahead = try cli.run(["add", "job", "--title", "데이터 엔지니어", "--start", "2027-03", "--status", "completed"])
        #expect(ahead.status == 0, "\(ahead.stderr)")
        let id = try #require(ahead.stdout.split(separator: " ").dropFirst(2).first.map(String.init))
        #expect(ahead.stdout.hasPrefix("Added job \(id)  데이터 엔지니어"))
        #expect(ahead.stderr == """
            experience \(id), status: warning: it is completed, but it starts 2027-03, after today
              hint: if it has not begun yet, make it planned: pathfolio edit \(id) --status planned

            """)
        #expect((try cli.json(["show", id]) as! [String: Any])["status"] as? String == "completed")
        _ = try runHint(ahead.stderr)
        #expect((try cli.json(["show", id]) as! [String: Any])["status"] as? String == "planned")

        // An ongoing job whose planned end has passed, said by the edit that gave the end;
        // the `end` it names keeps that end (without --date it would be today).
        let job = String(ids[3].prefix(8))
        let passed = try cli.run(["edit", job, "--end", "2026-06"])
        #expect(passed.stderr == """
            experience \(job), status: warning: it is ongoing, but its end, 2026-06, has passed
              hint: if it ended then: pathfolio end \(job) --date 2026-06

            """)
        #expect(try runHint(passed.stderr) == "Ended \(job)  주니어 데이터 분석가 · ㈜데이터랩  (2025-01 – 2026-06, completed)\n")
        // An edit that changes neither dates nor status says nothing; nor does a status inferred.
        #expect(try cli.run(["edit", job, "--summary", "분석 자동화"]).stderr.isEmpty)
        let planned = try cli.run(["add", "training", "-q", "--title", "클라우드 자격 과정", "--start", "2027-01"])
        #expect(planned.stderr.isEmpty)
        let course = String(planned.stdout.prefix(8))

        // `end` with a day still to come: kept (a course's last day, entered ahead), and said,
        // with the edit that puts back the status and the end it had.
        let intern = try cli.run(["add", "job", "-q", "--title", "데이터 인턴", "--start", "2026-09", "--ongoing"]).stdout.prefix(8)
        let early = try cli.run(["end", String(intern), "--date", "2026-12-31"])
        #expect(early.status == 0)
        #expect(early.stdout.hasPrefix("Ended \(intern)"))
        #expect(early.stderr == """
            experience \(intern), status: warning: it is completed, but it ends 2026-12-31, after today
              hint: if it has not ended, undo this: pathfolio edit \(intern) --status ongoing --ongoing

            """)
        _ = try runHint(early.stderr)
        #expect(try line(String(intern)).contains("2026-09 – present"))
        let json = try cli.run(["end", String(intern), "--date", "2027", "--json"])
        #expect(json.status == 0 && json.stdout.hasPrefix("{") && json.stderr.contains("warning: it is completed, but it ends 2027, after today"))
        // Ending a plan that has not started: the start is what is after today.
        let notYet = try cli.run(["end", course, "--date", "2027-06"])
        #expect(notYet.stderr == """
            experience \(course), status: warning: it is completed, but it starts 2027-01, after today
              hint: if it has not ended, undo this: pathfolio edit \(course) --status planned --clear end

            """)
        _ = try runHint(notYet.stderr)
        #expect((try cli.json(["show", course]) as! [String: Any])["status"] as? String == "planned")
    }

    /// Two clients of one name (김민준 is a common one) are told apart in a caseload's columns.
    @Test func peopleOfOneNameAreToldApartInTheCaseloadColumns() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        var people: [String] = []
        for (index, title) in ["물류 사무원", "데이터 분석 과정"].enumerated() {
            let person = try cli.json(["person", "add", "김민준"]) as! [String: Any]
            people.append(String((person["id"] as! String).prefix(8)))
            try cli.succeed(["add", index == 0 ? "job" : "training", "--person", people[index], "--title", title, "--start", "2025-01", "--end", "2025-06"])
        }
        try cli.succeed(["person", "add", "Alex Morgan"])
        try cli.succeed(["add", "job", "--person", "Alex Morgan", "--title", "Teacher", "--start", "2015", "--end", "2023"])
        let list = try cli.succeed(["list", "--all-people"])
        #expect(list.contains("김민준 (\(people[0]))") && list.contains("김민준 (\(people[1]))"), "\(list)")
        #expect(list.contains("Alex Morgan  ") && !list.contains("Alex Morgan ("))
        // People in the order of their names, each person's lines together, whoever was added first.
        let owners = list.split(separator: "\n").map { line in
            line.contains("Alex Morgan") ? "Alex Morgan" : line.contains(people[0]) ? people[0] : people[1]
        }
        #expect(owners == ["Alex Morgan"] + [people[0], people[1]].sorted(), "\(list)")
        let json = try cli.json(["list", "--all-people"]) as! [[String: Any]]
        #expect(json.map { $0["title"] as? String } == list.split(separator: "\n").map { line in
            ["Teacher", "물류 사무원", "데이터 분석 과정"].first { line.contains($0) }
        }, "the JSON in the order of the lines")
        let due = try cli.succeed(["due", "--all-people"])
        #expect(due.contains("김민준 (\(people[0]))  물류 사무원") && due.contains("김민준 (\(people[1]))  데이터 분석 과정"), "\(due)")
        // Named by the name they share: which one is asked, with their IDs.
        let which = try cli.run(["add", "job", "--person", "김민준", "--title", "x"])
        #expect(which.status == 65)
        #expect(which.stderr.contains("'김민준' matches 2 people") && which.stderr.contains("hint: give more of the name, or one of the IDs above"),
                "\(which.stderr)")
        // One person and everyone at once: refused, not one of them ignored.
        for command in ["list", "due"] {
            let both = try cli.run([command, "--all-people", "--person", people[0]])
            #expect(both.status == 64 && both.stderr.contains("--all-people and --person contradict each other"), "\(both.stderr)")
        }
    }

    /// People are listed in the order of their names, case, accents and width aside, the
    /// same in `person list` as in `list --all-people`.
    @Test func peopleAreListedInTheOrderOfTheirNames() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        for name in ["Zoë Ångström", "ana lópez", "Ólafur Arnalds", "Bob", "김하늘"] {
            try cli.succeed(["person", "add", name])
            try cli.succeed(["add", "job", "--person", name, "--title", "Job of \(name)", "--start", "2024"])
        }
        let expected = ["ana lópez", "Bob", "Ólafur Arnalds", "Zoë Ångström", "김하늘"]
        let people = try cli.succeed(["person", "list"]).split(separator: "\n")
        #expect(people.map { line in expected.first { line.contains($0) } } == expected, "\(people)")
        let lines = try cli.succeed(["list", "--all-people"]).split(separator: "\n")
        #expect(lines.map { line in expected.first { line.contains("Job of \($0)") } } == expected, "\(lines)")
    }

    /// A counselor's groups are person tags: `--person-tag` picks them in a caseload's listing,
    /// what is due and an export (its index and outcomes too); experience tags are `--tag`.
    @Test func aCounselorsGroupIsChosenByPersonTag() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        for (name, tag, title) in [("김민준", "청년", "물류 사무원"), ("Alex Morgan", "returners", "Teaching assistant")] {
            try cli.succeed(["person", "add", name, "--tag", tag])
            try cli.succeed(["add", "job", "--person", name, "--title", title, "--start", "2025-01", "--end", "2025-06"])
        }
        let list = try cli.succeed(["list", "--all-people", "--person-tag", "청년"])
        #expect(list.contains("물류 사무원") && !list.contains("Teaching assistant"), "\(list)")
        #expect(try cli.succeed(["list", "--all-people", "--tag", "청년"]).hasPrefix("No experiences match."))
        let due = try cli.succeed(["due", "--all-people", "--person-tag", "RETURNERS"])
        #expect(due.contains("Teaching assistant") && !due.contains("물류 사무원"), "\(due)")
        let folder = cli.directory.appendingPathComponent("group").path
        try cli.succeed(["export", "--all", "--format", "markdown", "--audience", "counselor", "--person-tag", "청년", "--out", folder])
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files.count == 2 && files.contains("index.md"), "\(files)")
        let index = try String(contentsOfFile: folder + "/index.md", encoding: .utf8)
        #expect(index.contains("김민준") && !index.contains("Alex Morgan"))
        for arguments in [["list", "--person-tag", "청년"], ["due", "--person-tag", "청년"], ["export", "--format", "xml", "--person-tag", "청년"]] {
            let alone = try cli.run(arguments)
            #expect(alone.status == 64 && alone.stderr.contains("--person-tag chooses among people"), "\(arguments): \(alone.stderr)")
        }
    }

    @Test func deleteRestoreAndPurge() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let mentoring = String(ids[2].prefix(8))
        #expect(try cli.succeed(["delete", mentoring]) == "Deleted experience \(mentoring). Undo with: pathfolio restore \(mentoring)\n")
        #expect(!(try cli.succeed(["list"]).contains("현직자 멘토링")))
        #expect(try cli.succeed(["list", "--deleted"]).contains("현직자 멘토링 (deleted)"))
        try cli.succeed(["restore", mentoring])
        #expect(try cli.succeed(["list"]).contains("현직자 멘토링"))

        let unconfirmed = try cli.run(["purge", mentoring])
        #expect(unconfirmed.status == 64)
        #expect(unconfirmed.stderr.contains("add --yes to confirm"))
        try cli.succeed(["purge", mentoring, "--yes"])
        let bytes = try cli.ledgerBytes()
        #expect(bytes.range(of: Data("현직자 멘토링".utf8)) == nil)
        // Said to be purged, by the commands that name it as by `history`; never its content.
        for arguments in [["show", mentoring], ["edit", String(mentoring.prefix(5)), "--title", "x"], ["history", mentoring]] {
            let gone = try cli.run(arguments)
            #expect(gone.status == 66)
            #expect(gone.stderr.hasPrefix("error: experience \(ids[2]) was purged\n"), "\(arguments): \(gone.stderr)")
        }
        #expect(try cli.run(["show", "zzzz"]).stderr.hasPrefix("error: no experience matches 'zzzz'"))
        #expect(try cli.succeed(["verify"]).hasPrefix("OK:"))
    }

    @Test func aDeletedExperienceIsSaidToBeDeletedByEveryCommandThatChangesIt() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let mentoring = String(ids[2].prefix(8)), job = String(ids[3].prefix(8))
        try cli.succeed(["delete", mentoring])
        let before = try cli.ledgerBytes()
        let expected = "error: experience \(mentoring) is deleted\n  hint: `pathfolio restore \(mentoring)` brings it back; `pathfolio history \(mentoring)` shows what it was\n"
        for arguments in [["edit", mentoring, "--title", "x"], ["end", mentoring], ["link", mentoring, job, "--type", "supports"],
                          ["edit", String(mentoring.prefix(5)), "--skill", "SQL"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 66, "\(arguments)")
            #expect(result.stderr == expected, "\(arguments)")
        }
        #expect(try cli.ledgerBytes() == before)
        // `show` finds it, with the links a restore brings back.
        let shown = try cli.succeed(["show", mentoring])
        #expect(shown.hasPrefix("현직자 멘토링  (deleted)\n"))
        #expect(shown.contains("→ partOf"), "\(shown)")
        // Brought back as the hint says, it can be edited again.
        try cli.succeed(["restore", mentoring])
        try cli.succeed(["edit", mentoring, "--title", "현직자 멘토링 2"])
    }

    @Test func decomposedKoreanIsStoredComposed() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "Alex"])
        let decomposed = "\u{1112}\u{1161}\u{11AB}\u{1100}\u{1173}\u{11AF} 교육"  // 한글, as typed on macOS
        try cli.succeed(["add", "training", "--title", decomposed])
        let bytes = try cli.ledgerBytes()
        #expect(bytes.range(of: Data("한글 교육".utf8)) != nil)
        #expect(bytes.range(of: Data("\u{1112}\u{1161}\u{11AB}".utf8)) == nil)
        // Searching with either form finds it.
        #expect(try cli.succeed(["list"]).contains("한글 교육"))
    }

    @Test func peopleAreAddedChosenAndShown() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        try cli.succeed(["person", "add", "김하늘", "--email", "haneul@example.kr", "--tag", "youth"])
        try cli.succeed(["person", "add", "Alex Morgan", "--tag", "career-changer", "--show", "email=public", "--email", "alex@example.com"])
        #expect(try cli.succeed(["person", "list"]).split(separator: "\n").first { $0.contains("김하늘") }?.hasPrefix("*") == true)  // the first one added is the default
        try cli.succeed(["person", "use", "alex morgan"])
        let list = try cli.succeed(["person", "list"]).split(separator: "\n")
        #expect(list.first { $0.contains("Alex Morgan") }?.hasPrefix("*") == true)
        let alex = try cli.json(["person", "show"]) as! [String: Any]
        #expect(alex["name"] as? String == "Alex Morgan")
        let details = alex["details"] as! [[String: Any]]
        #expect(details.first?["visibility"] as? String == "public")
        try cli.succeed(["add", "job", "--title", "Barista", "--person", "김하늘"])
        #expect(try cli.succeed(["list", "--person", "김하늘"]).contains("Barista"))
        #expect(try cli.succeed(["list"]).hasPrefix("No experiences yet"))
    }

    /// A file that numbers its people and experiences alike (person `1`, experience `1`):
    /// the import keeps both, `verify` passes, and commands that take any record name one
    /// with its kind, as the error and the hints say.
    @Test func recordsOfTwoKindsMayShareAnImportedID() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "김하늘"])
        try cli.succeed(["person", "add", "Alex Morgan"])
        let barista = try cli.succeed(["add", "job", "--title", "Barista", "--start", "2024", "--person", "Alex", "-q"]).trimmingCharacters(in: .newlines)
        let cook = try cli.succeed(["add", "job", "--title", "Cook", "--start", "2025", "--person", "Alex", "-q"]).trimmingCharacters(in: .newlines)
        try cli.succeed(["link", barista, cook, "--type", "ledTo"])
        let haneul = (try cli.json(["person", "show", "김하늘"]) as! [String: Any])["id"] as! String
        let file = cli.directory.appendingPathComponent("numbered.xml")
        let exported = try cli.succeed(["export", "--all", "--format", "xml", "--audience", "self"])
        try exported.replacingOccurrences(of: haneul, with: "1").replacingOccurrences(of: barista, with: "1")
            .write(to: file, atomically: true, encoding: .utf8)
        let other = cli.directory.appendingPathComponent("other.sqlite").path
        try cli.succeed(["init", "--store", other])
        try cli.succeed(["import", "--store", other, file.path])
        #expect(try cli.succeed(["verify", "--store", other]).hasPrefix("OK: 2 people"))

        let bare = try cli.run(["history", "--store", other, "1"])
        #expect(bare.status == 65)
        #expect(bare.stderr == "error: '1' is the ID of 2 records: an experience and a person\n  hint: name the kind with the ID: `experience:1` or `person:1`\n")
        let history = try cli.succeed(["history", "--store", other, "experience:1"])
        #expect(history.contains("create experience 1") && history.contains("create link 1 ─ledTo→"))
        #expect(!history.contains("person"))
        #expect(try cli.succeed(["show", "--store", other, "1"]).hasPrefix("Barista\n"))
        #expect(try cli.succeed(["delete", "--store", other, "experience:1"]) == "Deleted experience 1. Undo with: pathfolio restore experience:1\n")
        try cli.succeed(["restore", "--store", other, "experience:1"])
        try cli.succeed(["person", "edit", "--store", other, "person:1", "--headline", "데이터 분석가"])
        #expect(try cli.succeed(["history", "--store", other, "person:1"]).contains("update person 1"))
        #expect(try cli.succeed(["verify", "--store", other]).hasPrefix("OK: 2 people"))
    }

    /// `init --name ""` is refused before the ledger file is made: a failed command leaves
    /// nothing behind.
    @Test func initWithAnEmptyNameMakesNoLedger() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try cli.run(["init", "--name", "  "])
        #expect(result.status == 65)
        #expect(result.stderr == "--name: error: the name is empty\n  hint: give the person a name\n")
        #expect(!FileManager.default.fileExists(atPath: cli.store))
    }

    /// `person add` takes the name as its argument or as `--name` (as `init` and `person edit`
    /// do); none, or two different ones, is a usage error that adds no one.
    @Test func aPersonsNameIsGivenAsTheArgumentOrWithName() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        try cli.succeed(["person", "add", "--name", "이민준", "--tag", "youth"])
        try cli.succeed(["person", "add", "Alex Morgan", "--name", "Alex Morgan"])
        let before = try cli.ledgerBytes()
        let missing = try cli.run(["person", "add", "--tag", "youth"])
        #expect(missing.status == 64 && missing.stderr.hasPrefix("Error: Missing their name: pathfolio person add NAME (or --name NAME)\n"))
        for (arguments, given) in [(["person", "add", " "], "<name>"), (["person", "add", "--name", ""], "--name")] {
            let empty = try cli.run(arguments)
            #expect(empty.status == 65 && empty.stderr == "\(given): error: the name is empty\n  hint: give the person a name\n")
        }
        let two = try cli.run(["person", "add", "김하늘", "--name", "Kim Haneul"])
        #expect(two.status == 64 && two.stderr.hasPrefix("Error: Two names: '김하늘' and --name 'Kim Haneul'; give one\n"))
        #expect(try cli.ledgerBytes() == before)
        let people = try cli.json(["person", "list"]) as! [[String: Any]]
        #expect(people.compactMap { $0["name"] as? String }.sorted() == ["Alex Morgan", "이민준"])
    }

    @Test func aPersonIsFoundByPartOfTheirName() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init"])
        try cli.succeed(["person", "add", "김하늘"])
        try cli.succeed(["person", "add", "Alex Morgan"])
        try cli.succeed(["person", "add", "Alexandra Kim"])
        #expect((try cli.json(["person", "show", "--person", "하늘", "--json"]) as? [String: Any])?["name"] as? String == "김하늘")
        #expect((try cli.json(["person", "show", "--person", "morgan", "--json"]) as? [String: Any])?["name"] as? String == "Alex Morgan")
        let ambiguous = try cli.run(["person", "show", "--person", "alex"])
        #expect(ambiguous.status == 64 || ambiguous.status == 65)
        #expect(ambiguous.stderr.contains("Alex Morgan") && ambiguous.stderr.contains("Alexandra Kim"))
        let missing = try cli.run(["person", "show", "--person", "Jordan"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("pathfolio person list"))
        // Named twice, the person is not guessed: one of the two would be ignored.
        for command in [["person", "show"], ["person", "edit", "--headline", "X"]] {
            let twice = try cli.run(command + ["--person", "Alex Morgan", "하늘"])
            #expect(twice.status == 64, "\(command): \(twice)")
            #expect(twice.stderr.contains("name the person once"), "\(twice.stderr)")
        }
        #expect(try cli.succeed(["person", "show", "하늘"]).contains("김하늘"))
        // Commands that act on the whole ledger, or name their people themselves, offer no
        // --person and refuse one, saying why; the ledger is left as it was.
        let before = try cli.ledgerBytes()
        for command in [["init"], ["verify"], ["backup", "--out", cli.directory.appendingPathComponent("b.sqlite").path],
                        ["import", "x.xml"], ["person", "add", "Bo"], ["person", "list"], ["person", "use", "하늘"]] {
            let help = try cli.run(command.prefix { !$0.hasPrefix("-") && $0 != "x.xml" && $0 != "Bo" && $0 != "하늘" } + ["--help"])
            #expect(help.status == 0 && !help.stdout.contains("--person"), "\(command): \(help.stdout)")
            let refused = try cli.run(command + ["--person", "Alex Morgan"])
            #expect(refused.status == 64, "\(command): \(refused)")
            #expect(refused.stderr.hasPrefix("Error: --person does not apply here: this command acts on the whole ledger"), "\(refused.stderr)")
        }
        #expect(try cli.ledgerBytes() == before)
    }

    @Test func quietAddPrintsOnlyTheIDForScripts() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "Alex"])
        let id = try cli.succeed(["add", "project", "--title", "Timetable app", "-q"]).trimmingCharacters(in: .newlines)
        #expect(id.count == 32 && id.allSatisfy(\.isHexDigit))
        #expect(try cli.succeed(["show", id]).hasPrefix("Timetable app\n"))
        #expect(try cli.run(["add", "project", "--title", "x", "-q", "--json"]).status == 64)
    }

    @Test func everyCommandThatPrintsSpeaksJSON() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.json(["init", "--name", "김하늘", "--json"]) is [String: Any])
        let course = try cli.succeed(["add", "training", "--title", "데이터 분석", "--start", "2024-03", "-q"]).trimmingCharacters(in: .newlines)
        let job = try cli.succeed(["add", "job", "--title", "분석가", "--start", "2024-09", "-q"]).trimmingCharacters(in: .newlines)
        let commands: [[String]] = [
            ["person", "list"], ["person", "show"], ["person", "use", "하늘"], ["person", "edit", "--headline", "분석가"],
            ["list"], ["show", course], ["edit", course, "--skill", "SQL"], ["end", course, "--date", "2024-08"],
            ["link", course, job, "--type", "ledTo"], ["path"], ["history", course], ["unlink", course, job],
            ["delete", job], ["restore", job], ["verify"], ["backup", "--out", cli.directory.appendingPathComponent("copy.sqlite").path],
            ["purge", job, "--yes"],
        ]
        for command in commands {
            let result = try cli.run(command + ["--json"])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) != nil, "\(command) printed: \(result.stdout)")
        }
    }

    @Test func verifyReportsTamperingAndFails() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [cli.store, "UPDATE experience SET title = 'CEO' WHERE id = '\(ids[3])'"]
        try sqlite.run()
        sqlite.waitUntilExit()
        let result = try cli.run(["verify"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("experience \(ids[3].prefix(8)): error: experience \(ids[3].prefix(8)) differs from its latest revision"))
    }

    @Test func backupWritesACopyThatVerifies() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        _ = try seed(cli)
        let copy = cli.directory.appendingPathComponent("copy.sqlite").path
        try cli.succeed(["backup", "--out", copy])
        let result = try cli.run(["verify"], store: copy)
        #expect(result.status == 0)
        #expect(try cli.run(["backup", "--out", copy]).status == 65)
    }
}

/// Collects messages from concurrent workers.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []
    func add(_ message: String) { lock.lock(); collected.append(message); lock.unlock() }
    var messages: [String] { lock.lock(); defer { lock.unlock() }; return collected }
}
