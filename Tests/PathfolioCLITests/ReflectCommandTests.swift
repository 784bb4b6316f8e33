import Foundation
@testable import pathfolio
import Testing

/// `reflect`, `due`, `end` and the reflections in `show` and `list`, run as a user runs them.
struct ReflectCommandTests {
    /// A ledger with 김하늘's ended training and ended work-experience programme and an
    /// ongoing job. Returns the short IDs in that order.
    func seed(_ cli: CLI) throws -> [String] {
        try cli.succeed(["init", "--name", "김하늘"])
        var ids: [String] = []
        for arguments in [
            ["add", "training", "--title", "데이터 분석 실무", "--org", "한국폴리텍대학", "--start", "2024-03", "--end", "2024-08", "--skill", "SQL"],
            ["add", "work-experience", "--title", "청년 일경험", "--org", "㈜데이터랩", "--start", "2024-09", "--end", "2024-12"],
            ["add", "job", "--title", "Junior data analyst", "--org", "DataLab", "--start", "2025-01", "--ongoing"],
        ] {
            ids.append((try cli.json(arguments) as! [String: Any])["shortID"] as! String)
        }
        return ids
    }

    /// Writes an executable shell script into the test folder and returns its path.
    func script(_ cli: CLI, _ name: String, _ body: String) throws -> String {
        let path = cli.directory.appendingPathComponent(name).path
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    /// The environment for an editor run: the scripted editor, and a temporary folder of the test's own.
    func editing(_ cli: CLI, with editor: String) throws -> [String: String] {
        let temporary = cli.directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        return ["VISUAL": editor, "TMPDIR": temporary.path].merging(english) { $1 }
    }

    /// English prompts, whatever the machine's locale.
    let english = ["LC_ALL": "", "LC_MESSAGES": "", "LANG": "en_US.UTF-8"]
    let korean = ["LC_ALL": "", "LC_MESSAGES": "", "LANG": "ko_KR.UTF-8"]

    func leftovers(_ cli: CLI) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: cli.directory.appendingPathComponent("tmp").path)
    }

    func reflections(_ cli: CLI, _ id: String) throws -> [[String: Any]] {
        (try cli.json(["show", id]) as! [String: Any])["reflections"] as? [[String: Any]] ?? []
    }

    // MARK: - Without an editor

    @Test func answersGivenAsOptionsAreSavedVisibleToTheCounselor() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let output = try cli.succeed(["reflect", ids[1], "--locale", "ko", "--answer", "did=고객 문의 데이터를 정리했다",
                                      "--answer", "learned=엑셀 피벗, 그리고 묻는 용기", "--rating", "4", "--outcome", "hired",
                                      "--skill", "Excel", "--skill", "고객 응대"])
        #expect(output.hasPrefix("Saved postPlacement reflection "))
        #expect(output.hasSuffix(" on 청년 일경험 · ㈜데이터랩  (2 answers, counselor)\nSkills gained: Excel, 고객 응대\n"))
        let saved = try #require(try reflections(cli, ids[1]).first)
        #expect(saved["kind"] as? String == "postPlacement")
        #expect(saved["visibility"] as? String == "counselor")
        #expect(saved["locale"] as? String == "ko" && saved["template"] as? String == "builtin:postPlacement")
        #expect(saved["written"] as? String == "2026-11-23")
        #expect(saved["rating"] as? Int == 4 && saved["outcome"] as? String == "hired")
        let entries = try #require(saved["entries"] as? [[String: String]])
        #expect(entries == [
            ["key": "did", "prompt": "그곳에서 무엇을 했나요?", "answer": "고객 문의 데이터를 정리했다"],
            ["key": "learned", "prompt": "무엇을 배웠고, 어떤 기술을 쓰거나 익혔나요?", "answer": "엑셀 피벗, 그리고 묻는 용기"],
        ])
        // Skills gained join the experience's skills in `show`, and `list --json` carries the reflection.
        let shown = try cli.succeed(["show", ids[1]])
        #expect(shown.contains("Skills gained  Excel, 고객 응대"))
        #expect(shown.contains("""
            Reflections (1)
              2026-11-23 postPlacement · rating 4/5 · hired · counselor  
            """))
        #expect(shown.contains("""
                그곳에서 무엇을 했나요?
                  고객 문의 데이터를 정리했다
            """))
        let listed = try cli.json(["list"]) as! [[String: Any]]
        #expect((listed[1]["reflections"] as? [[String: Any]])?.first?["id"] as? String == saved["id"] as? String)
        #expect((listed[0]["reflections"] as? [Any])?.isEmpty == true)
    }

    @Test func markdownOrJSONOnStandardInputOrFromAFileIsSaved() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let markdown = """
            평점: 5
            결과: 자격 취득
            얻은 기술: Python, 시각화

            ## 무엇을 배웠고, 어떤 기술을 익혔나요? {#learned}
            판다스로 데이터를 정리하는 법.
            """
        try cli.succeed(["reflect", ids[0], "--locale", "ko"], stdin: markdown)
        let json = #"{"kind": "checkpoint", "visibility": "private", "written": "2024-05-15", "answers": {"so-far": "절반을 마쳤다"}}"#
        try json.write(to: cli.directory.appendingPathComponent("mid.json"), atomically: true, encoding: .utf8)
        try cli.succeed(["reflect", ids[0], "--kind", "checkpoint", "--from", "mid.json"])
        let saved = try reflections(cli, ids[0])
        #expect(saved.map { $0["kind"] as? String } == ["checkpoint", "postTraining"])
        #expect(saved[0]["visibility"] as? String == "private" && saved[0]["written"] as? String == "2024-05-15")
        #expect(saved[1]["outcome"] as? String == "credentialEarned" && saved[1]["rating"] as? Int == 5)
        #expect(saved[1]["skillsGained"] as? [String] == ["Python", "시각화"])
        #expect((saved[1]["entries"] as? [[String: String]])?.first?["answer"] == "판다스로 데이터를 정리하는 법.")
        // The kind a document gives picks its template; the options say more than the document.
        let free = #"{"kind": "free", "visibility": "private", "answers": {"note": "First month: onboarding"}}"#
        try cli.succeed(["reflect", ids[2], "--visibility", "public"], stdin: free)
        let note = try #require(try reflections(cli, ids[2]).first)
        #expect(note["kind"] as? String == "free" && note["visibility"] as? String == "public")
        let conflict = try cli.run(["reflect", ids[2], "--kind", "checkpoint"], stdin: free)
        #expect(conflict.status == 64)
        #expect(conflict.stderr.hasPrefix("error: the document is a free reflection, but the template builtin:checkpoint is for checkpoint\n"))
    }

    @Test func badInputSaysWhereAndLeavesTheLedgerUntouched() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let before = try cli.ledgerBytes()
        let cases: [([String], String?, Int32, String)] = [
            (["reflect", ids[1], "--answer", "did"], nil, 64, "error: the 1st --answer has no '=' (KEY=TEXT)\n  hint: write --answer KEY=TEXT"),
            (["reflect", ids[1], "--answer", "feelings=good"], nil, 64,
             "--answer feelings: error: the template 'builtin:postPlacement' has no prompt 'feelings'\n  hint: use one of: did, went-well, hard, learned, next\n"),
            (["reflect", ids[1], "--rating", "7"], nil, 65, "--rating: error: rating 7 is outside 1–5\n"),
            (["reflect", ids[0], "--outcome", "hired"], nil, 65,
             "--outcome: error: the outcome 'hired' does not fit a postTraining reflection\n  hint: use one of: completed, credentialEarned, droppedOut, other\n"),
            (["reflect", ids[0]], "Rating: five\n## x\n", 65, "<stdin>:1: error: the rating 'five' is not a whole number from 1 to 5\n"),
            (["reflect", ids[0]], "{\"answers\": {\"did\": 3}", 65, "<stdin>:1: error: the text is not valid JSON\n"),
            (["reflect", ids[0]], "", 64, "error: nothing to save: no answers were given\n  hint: give answers with --answer KEY=TEXT (keys: why, did, went-well, hard, learned, apply, next)"),
            (["reflect", "zzzz", "--answer", "note=x"], nil, 66, "zzzz"),
            (["reflect", ids[0], "--template", "missing.md"], nil, 66, "missing.md: no such file"),
            // Reported with reflect's own usage line (it was the root's, `pathfolio <subcommand>`).
            (["reflect"], nil, 64, "Missing expected argument '<id>': the experience to reflect on.\nUsage: pathfolio reflect "),
        ]
        for (arguments, stdin, status, message) in cases {
            let result = try cli.run(arguments, stdin: stdin)
            #expect(result.status == status, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("데이터"), "errors never quote what was written")
        }
        #expect(try cli.ledgerBytes() == before)
    }

    /// A second reflection on an experience is free by default; answers meant for the first
    /// one's prompts are refused with why the kind is free and how to add to the first.
    @Test func answersForAReflectionAlreadyWrittenSayHowToAddToIt() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let saved = try cli.json(["reflect", ids[1], "--answer", "did=분석 보고서 작성"]) as! [String: Any]
        let first = String((saved["id"] as! String).prefix(8))
        let before = try cli.ledgerBytes()
        let again = try cli.run(["reflect", ids[1], "--answer", "did=대시보드 제작"])
        #expect(again.status == 64)
        #expect(again.stderr.hasSuffix("""
            note: experience \(ids[1].prefix(8)) already has a postPlacement reflection (\(first)), so a new one is free
              hint: add to that one: pathfolio reflect --revise \(first) --answer KEY=TEXT; or say the kind: --kind postPlacement

            """), "\(again.stderr)")
        #expect(try cli.ledgerBytes() == before)
        // As the hint says: the answer goes into the first reflection.
        try cli.succeed(["reflect", "--revise", first, "--answer", "did=대시보드 제작"])
        #expect(try reflections(cli, ids[1]).count == 1)
    }

    // MARK: - Templates

    @Test func aTemplateFileOfTheCentreIsUsedAndItsErrorsNameTheLine() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let template = cli.directory.appendingPathComponent("centre.md")
        try ReflectionTemplateFile.korean.write(to: template, atomically: true, encoding: .utf8)
        try cli.succeed(["reflect", ids[1], "--template", "centre.md", "--answer", "mentor=질문을 두려워하지 말 것"])
        let saved = try #require(try reflections(cli, ids[1]).first)
        #expect(saved["template"] as? String == "우리 센터 양식" && saved["locale"] as? String == "ko")
        #expect(saved["entries"] as? [[String: String]] == [["key": "mentor", "prompt": "멘토에게 들은 조언은?", "answer": "질문을 두려워하지 말 것"]])

        let before = try cli.ledgerBytes()
        try "kind: afterwards\n## 무엇을? {#did}\n## 다시? {#did}\n".write(to: template, atomically: true, encoding: .utf8)
        let broken = try cli.run(["reflect", ids[1], "--template", "centre.md", "--answer", "did=x"])
        #expect(broken.status == 65)
        #expect(broken.stderr == """
            centre.md:1: error: unknown reflection kind 'afterwards'
              hint: use one of: postPlacement, postTraining, checkpoint, free
            centre.md:3: error: the key 'did' is used twice (first on line 2)
              hint: give every prompt its own key

            """)
        try ReflectionTemplateFile.korean.write(to: template, atomically: true, encoding: .utf8)
        let mismatch = try cli.run(["reflect", ids[1], "--template", "centre.md", "--kind", "postTraining", "--answer", "did=x"])
        #expect(mismatch.status == 64)
        #expect(mismatch.stderr.contains("the template centre.md is for postPlacement reflections, not postTraining"))
        #expect(try cli.ledgerBytes() == before)
    }

    @Test func printTemplateWritesAStartingPointThatReadsBack() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let korean = try cli.succeed(["reflect", "--print-template", "--kind", "post-training", "--locale", "ko"])
        #expect(korean.hasPrefix("# 교육을 마친 뒤 돌아보기\nkind: postTraining\nlocale: ko\n\n## 이 교육을 왜 받았나요? {#why}\n"))
        try korean.write(to: cli.directory.appendingPathComponent("mine.md"), atomically: true, encoding: .utf8)
        #expect(try cli.succeed(["reflect", "--print-template", "--template", "mine.md"])
            == korean.replacingOccurrences(of: "locale: ko\n", with: "locale: ko\nname: mine.md\n"))
        let english = try cli.succeed(["reflect", "--print-template", "--kind", "checkpoint"], environment: english)
        #expect(english.contains("## What have I done so far? {#so-far}"))
    }

    // MARK: - The editor

    @Test func aChangedDocumentIsSavedAndTheTemporaryFileWasPrivateAndIsGone() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let record = cli.directory.appendingPathComponent("seen").path
        let editor = try script(cli, "editor.sh", """
            stat -c '%a' "$1" "$(dirname "$1")" > '\(record)'
            echo "$1" >> '\(record)'
            sed -i -e 's/^평점: /평점: 4/' -e 's/^얻은 기술: /얻은 기술: 엑셀, 보고서 작성/' \\
                -e 's/^\\(## 그곳에서 무엇을 했나요? {#did}\\)$/\\1\\n매주 매출 보고서를 만들었다./' "$1"
            """)
        let result = try cli.run(["reflect", ids[1], "--edit"], environment: try editing(cli, with: editor).merging(korean) { $1 })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Saved postPlacement reflection"))
        let seen = try String(contentsOfFile: record, encoding: .utf8).split(separator: "\n")
        #expect(seen.prefix(2) == ["600", "700"])
        #expect(seen.last?.hasSuffix("/reflection-\(ids[1]).md") == true)
        #expect(try leftovers(cli).isEmpty)
        let saved = try #require(try reflections(cli, ids[1]).first)
        #expect(saved["rating"] as? Int == 4 && saved["skillsGained"] as? [String] == ["엑셀", "보고서 작성"])
        #expect(saved["entries"] as? [[String: String]] == [["key": "did", "prompt": "그곳에서 무엇을 했나요?", "answer": "매주 매출 보고서를 만들었다."]])
    }

    @Test func anUnchangedDocumentSavesNothingAndAQuickEditorIsExplained() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let before = try cli.ledgerBytes()
        let result = try cli.run(["reflect", ids[0], "--edit"], environment: try editing(cli, with: "true"))
        #expect(result.status == 0)
        #expect(result.stdout == "The reflection is unchanged; nothing saved.\n")
        #expect(result.stderr == """
            warning: the editor 'true' returned at once, before you could write.
              hint: a window editor must be told to wait, e.g. export VISUAL="code --wait" (or "subl -w", "gedit -s")

            """)
        // An editor that takes its time gets no such warning; editor commands with flags work.
        let slow = try cli.run(["reflect", ids[0], "--edit"], environment: try editing(cli, with: "sleep 1.2; true --wait"))
        #expect(slow.stdout == "The reflection is unchanged; nothing saved.\n" && slow.stderr.isEmpty)
        #expect(try leftovers(cli).isEmpty)
        #expect(try cli.ledgerBytes() == before)
    }

    @Test func anEmptiedOrUnansweredDocumentSavesNothing() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let before = try cli.ledgerBytes()
        let emptied = try cli.run(["reflect", ids[0], "--edit"], environment: try editing(cli, with: try script(cli, "empty.sh", ": > \"$1\"")))
        #expect(emptied.status == 0 && emptied.stdout == "The reflection is empty; nothing saved.\n")
        let touched = try cli.run(["reflect", ids[0], "--edit"],
                                  environment: try editing(cli, with: try script(cli, "touch.sh", "echo '<!-- just a note -->' >> \"$1\"")))
        #expect(touched.status == 0 && touched.stdout == "Nothing was written under the prompts; nothing saved.\n")
        #expect(try leftovers(cli).isEmpty)
        #expect(try cli.ledgerBytes() == before)
    }

    @Test func aFailedEditorOrAnUnreadableDocumentKeepsTheTextAndSaysWhere() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let before = try cli.ledgerBytes()
        let crash = try script(cli, "crash.sh", "sed -i 's/^## What did I do there? {#did}$/&\\nI kept the help desk running./' \"$1\"; exit 3")
        let failed = try cli.run(["reflect", ids[1], "--edit"], environment: try editing(cli, with: crash))
        #expect(failed.status == 74)
        #expect(failed.stderr.hasPrefix("error: the editor '\(crash)' exited with status 3; nothing saved\n  hint: your text is kept at "))
        let kept = try #require(failed.stderr.firstMatch(of: /kept at (\S+);/)).output.1
        #expect(try String(contentsOfFile: String(kept), encoding: .utf8).contains("I kept the help desk running."))
        #expect(try cli.ledgerBytes() == before)

        let typo = try script(cli, "typo.sh", "sed -i 's/^Rating: /Rating: 10/' \"$1\"")
        let unreadable = try cli.run(["reflect", ids[1], "--edit"], environment: try editing(cli, with: typo))
        #expect(unreadable.status == 65)
        let path = try #require(unreadable.stderr.firstMatch(of: /^(\S+\.md):11: error: the rating '10' is not a whole number from 1 to 5/.anchorsMatchLineEndings())).output.1
        #expect(unreadable.stderr.contains("note: your text is kept at \(path)\n  hint: fix it and run: pathfolio reflect \(ids[1]) --from \(path)"))
        #expect(FileManager.default.fileExists(atPath: String(path)))
        #expect(try cli.ledgerBytes() == before)

        // What was kept is saved later, as it stands.
        try cli.succeed(["reflect", ids[1], "--from", String(kept)])
        let saved = try #require(try reflections(cli, ids[1]).first)
        #expect(saved["kind"] as? String == "postPlacement" && saved["locale"] as? String == "en")
        #expect((saved["entries"] as? [[String: String]])?.first?["answer"] == "I kept the help desk running.")
    }

    @Test func aSaveThatFailsAfterEditingKeepsTheTextToSaveLater() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        // While the person writes, someone deletes the experience.
        let editor = try script(cli, "meanwhile.sh", """
            '\(CLI.binary)' delete \(ids[1]) > /dev/null
            sed -i 's/^Rating: /Rating: 3/' "$1"
            """)
        let result = try cli.run(["reflect", ids[1], "--edit"], environment: try editing(cli, with: editor))
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("error: experience \(ids[1]) is deleted\n  hint: restore it first with `pathfolio restore \(ids[1])`\nnote: your text is kept at "))
        let kept = try #require(result.stderr.firstMatch(of: /kept at (\S+)\n/)).output.1
        try cli.succeed(["restore", ids[1]])
        try cli.succeed(["reflect", ids[1], "--from", String(kept)])
        #expect(try reflections(cli, ids[1]).first?["rating"] as? Int == 3)
    }

    // MARK: - Revising

    @Test func aReflectionIsRevisedWithItsOwnPromptsAndTheOldTextStaysInItsHistory() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let json = #"{"visibility": "private", "answers": {"did": "보고서 작성"}, "entries": [{"key": "boss", "prompt": "팀장님께 배운 것", "answer": "숫자로 말하기"}]}"#
        let output = try cli.succeed(["reflect", ids[1], "--locale", "ko", "--json"], stdin: json)
        let written = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let reflection = try #require(written["id"] as? String)
        let short = String(reflection.prefix(8))

        // Without an editor: only what is given changes.
        #expect(try cli.succeed(["reflect", "--revise", short, "--rating", "5"]).hasPrefix("Revised postPlacement reflection \(short) on 청년 일경험"))
        var saved = try #require(try reflections(cli, ids[1]).first)
        #expect(saved["rating"] as? Int == 5 && saved["visibility"] as? String == "private")
        #expect((saved["entries"] as? [[String: String]])?.map { $0["key"]! } == ["did", "boss"])
        #expect(try cli.succeed(["reflect", "--revise", short, "--rating", "5"]) == "No change to reflection \(short); nothing saved.\n")

        // In the editor: the prompts as they were shown, the built-in ones not yet answered after them.
        let record = cli.directory.appendingPathComponent("seen.md").path
        let editor = try script(cli, "revise.sh", "cp \"$1\" '\(record)'; sed -i 's/^숫자로 말하기$/숫자와 맥락으로 말하기/' \"$1\"")
        let result = try cli.run(["reflect", "--revise", short, "--edit"], environment: try editing(cli, with: editor))
        #expect(result.status == 0, "\(result.stderr)")
        let seen: String = try String(contentsOfFile: record, encoding: .utf8)
        #expect(seen.contains("평점: 5  <!--"))
        #expect(seen.contains("공개 범위: 나만 (private)"))
        let headings = seen.split(separator: "\n").map(String.init).filter { $0.hasPrefix("## ") }
        #expect(headings == ["## 그곳에서 무엇을 했나요? {#did}", "## 무엇이 잘 되었나요? {#went-well}", "## 무엇이 어려웠고, 어떻게 대처했나요? {#hard}",
                             "## 무엇을 배웠고, 어떤 기술을 쓰거나 익혔나요? {#learned}", "## 이 경험으로 다음 단계에 대해 무엇이 달라졌나요? {#next}",
                             "## 팀장님께 배운 것 {#boss}"])
        saved = try #require(try reflections(cli, ids[1]).first)
        #expect((saved["entries"] as? [[String: String]])?.last?["answer"] == "숫자와 맥락으로 말하기")
        #expect(try reflections(cli, ids[1]).count == 1)
        let history = try cli.json(["history", short]) as! [[String: Any]]
        #expect(history.map { $0["action"] as? String } == ["create", "update", "update"])

        let both = try cli.run(["reflect", ids[1], "--revise", short])
        #expect(both.status == 64)
        let kind = try cli.run(["reflect", "--revise", short, "--kind", "free", "--rating", "1"])
        #expect(kind.status == 64 && kind.stderr.contains("--revise keeps the reflection's own kind and prompts"))
    }

    // MARK: - due and end

    @Test func dueListsEndedPlacementsAndTrainingsWithoutTheirReflectionOldestFirst() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        #expect(try cli.succeed(["due"]) == """
            \(ids[0])  ended 2024-08  postTraining   데이터 분석 실무 · 한국폴리텍대학
            \(ids[1])  ended 2024-12  postPlacement  청년 일경험 · ㈜데이터랩
            Write one with: pathfolio reflect \(ids[0])

            """)
        // A checkpoint is not the reflection an ended training calls for.
        try cli.succeed(["reflect", ids[0], "--kind", "checkpoint", "--answer", "so-far=절반"])
        #expect(try cli.succeed(["due"]).hasPrefix(ids[0]))
        try cli.succeed(["reflect", ids[0], "--answer", "learned=SQL"])
        let json = try cli.json(["due"]) as! [[String: Any]]
        #expect(json.map { $0["shortID"] as? String } == [ids[1]])
        #expect(json.first?["reflectionKind"] as? String == "postPlacement" && json.first?["ended"] as? String == "2024-12")
        try cli.succeed(["reflect", ids[1], "--answer", "did=보고서"])
        #expect(try cli.succeed(["due"]) == "Nothing due: every ended placement and training has its reflection.\n")
    }

    @Test func dueForAllPeopleShowsACounselorsCaseloadOldestFirst() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        try cli.succeed(["person", "add", "Lee Minjun"])
        let other = (try cli.json(["add", "job", "--person", "Lee Minjun", "--title", "Barista", "--start", "2023-05", "--end", "2024-10"])
            as! [String: Any])["shortID"] as! String
        #expect(try cli.succeed(["due", "--all-people"]) == """
            \(ids[0])  ended 2024-08  postTraining   김하늘      데이터 분석 실무 · 한국폴리텍대학
            \(other)  ended 2024-10  postPlacement  Lee Minjun  Barista
            \(ids[1])  ended 2024-12  postPlacement  김하늘      청년 일경험 · ㈜데이터랩
            Write one with: pathfolio reflect \(ids[0])

            """)
        #expect(try cli.succeed(["due", "--person", "Lee Minjun"]).hasPrefix(other))
    }

    @Test func endWithReflectOpensTheEditorAndWithoutATerminalNeverAsks() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let quiet = try cli.run(["end", ids[2], "--date", "2026-10"], stdin: "y\n")
        #expect(quiet.status == 0 && quiet.stderr.isEmpty)
        #expect(quiet.stdout == "Ended \(ids[2])  Junior data analyst · DataLab  (2025-01 – 2026-10, completed)\n")
        #expect(try reflections(cli, ids[2]).isEmpty)

        let editor = try script(cli, "write.sh", "sed -i -e 's/^Outcome: /Outcome: contract-extended/' -e 's/^## What went well? {#went-well}$/&\\nShipped the churn dashboard./' \"$1\"")
        let result = try cli.run(["end", ids[2], "--date", "2026-10-31", "--reflect"], environment: try editing(cli, with: editor))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Ended \(ids[2])  Junior data analyst · DataLab  (2025-01 – 2026-10-31, completed)\nSaved postPlacement reflection "))
        let saved = try #require(try reflections(cli, ids[2]).first)
        #expect(saved["outcome"] as? String == "contractExtended")
        #expect(try cli.succeed(["due"]).contains(ids[2]) == false)
    }

    /// `--reflect` asked for by name is never dropped: a project gets a free reflection;
    /// with `--json`, or with `--no-reflect` too, the command line is refused before the
    /// experience ends.
    @Test func endWithReflectIsNeverSilentlyDropped() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let project = (try cli.json(["add", "project", "--title", "포트폴리오 사이트", "--start", "2025-06"]) as! [String: Any])["shortID"] as! String
        let editor = try script(cli, "write.sh", "sed -i 's/^## What is on my mind about this experience? {#note}$/&\\nShipped it in Korean and English./' \"$1\"")
        let result = try cli.run(["end", project, "--date", "2025-08", "--reflect"], environment: try editing(cli, with: editor))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Ended \(project)  포트폴리오 사이트  (2025-06 – 2025-08, completed)\nSaved free reflection "))
        let saved = try #require(try reflections(cli, project).first)
        #expect(saved["kind"] as? String == "free")
        #expect("\(saved)".contains("Shipped it in Korean and English."))

        let before = try cli.ledgerBytes()
        for arguments in [["end", ids[2], "--reflect", "--json"], ["end", ids[2], "--no-reflect", "--reflect"]] {
            let refused = try cli.run(arguments, environment: try editing(cli, with: editor))
            #expect(refused.status == 64, "\(arguments): \(refused.stderr)")
            #expect(refused.stdout.isEmpty)
            #expect(try cli.ledgerBytes() == before, "\(arguments)")
        }
        let both = try cli.run(["end", ids[2], "--reflect", "--json"])
        #expect(both.stderr == """
            error: --reflect opens an editor and --json prints for a program; give one of them
              hint: end it with --json, then write the reflection: pathfolio reflect \(ids[2])

            """)
        #expect((try cli.json(["show", ids[2]]) as! [String: Any])["status"] as? String == "ongoing")
    }

    /// `end --reflect` whose editor fails: the end is saved (exit 74 is the reflection's),
    /// and the message says so, with the way to write the reflection later or to save the
    /// text that was typed.
    @Test func endWithReflectWhoseEditorFailsSaysTheEndIsSaved() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let failing = try script(cli, "fail.sh", "exit 3")
        let result = try cli.run(["end", ids[2], "--date", "2026-10-31", "--reflect"], environment: try editing(cli, with: failing))
        #expect(result.status == 74)
        #expect(result.stdout == "Ended \(ids[2])  Junior data analyst · DataLab  (2025-01 – 2026-10-31, completed)\n")
        #expect(result.stderr == """
            error: the editor '\(failing)' exited with status 3; nothing saved
            note: experience \(ids[2]) is ended and saved (2025-01 – 2026-10-31, completed); only the reflection was not written
              hint: write it later: pathfolio reflect \(ids[2])

            """)
        #expect(try cli.succeed(["show", ids[2]]).contains("2025-01 – 2026-10-31"))
        #expect(try reflections(cli, ids[2]).isEmpty)
        #expect(try leftovers(cli).isEmpty)

        // Text typed before the editor failed is kept, and its own hint says how to save it.
        let crash = try script(cli, "crash.sh", "sed -i 's/^## What went well? {#went-well}$/&\\nShipped it./' \"$1\"; exit 3")
        let typed = try cli.run(["end", ids[2], "--date", "2026-10-30", "--reflect"], environment: try editing(cli, with: crash))
        #expect(typed.status == 74)
        #expect(typed.stderr.contains("hint: your text is kept at "))
        #expect(typed.stderr.contains("note: experience \(ids[2]) is ended and saved (2025-01 – 2026-10-30, completed); only the reflection was not written\n"))
        #expect(!typed.stderr.contains("write it later"))
        let retry = try #require(typed.stderr.components(separatedBy: "save it with: pathfolio reflect \(ids[2]) --from ").last?
            .components(separatedBy: "\n").first)
        try cli.succeed(["reflect", ids[2], "--from", retry])
        #expect(try reflections(cli, ids[2]).count == 1)
    }

    /// The command printed to save kept text is one a shell runs as printed, also where the
    /// temporary folder's name has a space or a quote.
    @Test func theCommandToSaveKeptTextRunsAsPrinted() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let temporary = cli.directory.appendingPathComponent("my tmp's")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let crash = try script(cli, "crash.sh", "sed -i 's/^## What went well? {#went-well}$/&\\nShipped it./' \"$1\"; exit 3")
        let failed = try cli.run(["end", ids[2], "--date", "2026-10-31", "--reflect"],
                                 environment: ["VISUAL": crash, "TMPDIR": temporary.path].merging(english) { $1 })
        #expect(failed.status == 74)
        let printed = try #require(failed.stderr.components(separatedBy: "save it with: ").last?.components(separatedBy: "\n").first)
        #expect(printed.hasPrefix("pathfolio reflect \(ids[2]) --from '"), "\(printed)")
        // Run by a shell as printed, with `pathfolio` the binary under test.
        let shell = try cli.run([], launcher: ["/bin/sh", "-c", "exec \"$0\"" + printed.dropFirst("pathfolio".count)])
        #expect(shell.status == 0, "\(shell.stderr)")
        #expect(try reflections(cli, ids[2]).count == 1)
        #expect(ReflectionSession.shellWord("/tmp/pathfolio-Ab12/reflection-3f9a1c2e.md") == "/tmp/pathfolio-Ab12/reflection-3f9a1c2e.md")
        #expect(ReflectionSession.shellWord("/tmp/a b/it's.md") == "'/tmp/a b/it'\\''s.md'")
    }

    /// Runs `pathfolio ARGUMENTS` on a pseudo-terminal (util-linux `script`), typing `input`.
    func inTerminal(_ cli: CLI, _ arguments: [String], input: String, environment extra: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let command = ([CLI.binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        process.arguments = ["-qec", command, "/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment["PATHFOLIO_STORE"] = cli.store
        environment["NO_COLOR"] = "1"
        for (key, value) in cli.environment.merging(extra, uniquingKeysWith: { $1 }) { environment[key] = value }
        process.environment = environment
        let output = Pipe(), typed = Pipe()
        process.standardOutput = output
        process.standardInput = typed
        try process.run()
        typed.fileHandleForWriting.write(Data(input.utf8))
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try typed.fileHandleForWriting.close()
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func endInATerminalOffersToReflectRightAway() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let ids = try seed(cli)
        let declined = try inTerminal(cli, ["end", ids[2], "--date", "2026-10"], input: "n\n", environment: english)
        #expect(declined.hasSuffix("Write the post-placement reflection now? [y/N] Later: pathfolio reflect \(ids[2])\n"))
        #expect(try reflections(cli, ids[2]).isEmpty)
        // Under a Korean locale the question is Korean, as the prompts that follow will be.
        let declinedInKorean = try inTerminal(cli, ["end", ids[2], "--date", "2026-10"], input: "아니요\n", environment: korean)
        #expect(declinedInKorean.hasSuffix("현장 경험 후 회고를 지금 쓸까요? [y/N] 나중에 쓰려면: pathfolio reflect \(ids[2])\n"))
        #expect(try reflections(cli, ids[2]).isEmpty)
        let editor = try script(cli, "write.sh", "sleep 0.2; sed -i 's/^평점: /평점: 5/' \"$1\"")
        let accepted = try inTerminal(cli, ["end", ids[2], "--date", "2026-10"], input: "예\n",
                                      environment: try editing(cli, with: editor).merging(korean) { $1 })
        #expect(accepted.contains("현장 경험 후 회고를 지금 쓸까요? [y/N] Saved postPlacement reflection "))
        #expect(try reflections(cli, ids[2]).first?["rating"] as? Int == 5)
        // Once it is written, correcting the end date asks nothing.
        let again = try inTerminal(cli, ["end", ids[2], "--date", "2026-10-30"], input: "", environment: english)
        #expect(again == "Ended \(ids[2])  Junior data analyst · DataLab  (2025-01 – 2026-10-30, completed)\n")
        // An end still to come asks nothing: there is nothing to look back on yet.
        let ahead = try cli.succeed(["add", "job", "-q", "--title", "Data intern", "--start", "2026-09", "--ongoing"])
        let early = try inTerminal(cli, ["end", String(ahead.prefix(8)), "--date", "2027-02"], input: "", environment: english)
        #expect(early.contains("warning: it is completed, but it ends 2027-02, after today"), "\(early)")
        #expect(!early.contains("reflection now?"), "\(early)")
    }
}

enum ReflectionTemplateFile {
    static let korean = """
        <!-- 우리 센터에서 쓰는 양식 -->
        # 일경험 회고
        kind: postPlacement
        name: 우리 센터 양식

        ## 무엇을 했나요? {#did}
        ## 멘토에게 들은 조언은? {#mentor}
        기억나는 한 마디면 충분합니다.
        """
}
