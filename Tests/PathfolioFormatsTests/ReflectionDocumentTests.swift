import Foundation
import PathfolioCore
import PathfolioFormats
import Testing

struct ReflectionDocumentTests {
    let english = ReflectionTemplate.builtIn(.postPlacement, locale: .en)
    let korean = ReflectionTemplate.builtIn(.postTraining, locale: .ko)

    /// The example of the "Writing reflections" article, verbatim.
    @Test func theArticleExampleWorks() throws {
        let template = ReflectionTemplate.builtIn(.postTraining, locale: .ko)
        let document = ReflectionDocument.render(template: template, about: "데이터 분석 실무 · 한국폴리텍대학")
        // … the person writes under the headings, in an editor …
        let written = document.replacingOccurrences(of: "평점: ", with: "평점: 4")
            .replacingOccurrences(of: "{#learned}\n", with: "{#learned}\n조인과 집계\n")
        let draft = try ReflectionDocument.parse(written, template: template, file: "reflection.md")
        let reflection = draft.reflection(id: "r1", experienceID: "e1", written: try PartialDate("2026-11-23"),
                                          template: template)
        #expect(reflection.rating == 4 && reflection.entries.map(\.key) == ["learned"] && reflection.visibility == .counselor)
        #expect(reflection.entries.first?.answer == "조인과 집계")
    }

    @Test func anEmptyDocumentShowsThePromptsAsHeadingsAndParsesToNothing() throws {
        let document = ReflectionDocument.render(template: english, about: "Data analyst · DataLab (2025-01 – 2025-06)")
        #expect(document == """
            <!--
            pathfolio reflection · kind: postPlacement · locale: en · template: builtin:postPlacement
            About: Data analyst · DataLab (2025-01 – 2025-06)

            Write your answers under each '## …' heading; keep the {#…} at the end of each heading.
            Text inside comment marks like these is not saved. Rating, outcome and skills are optional.
            Save and close the editor to store it; close it unchanged or emptied to save nothing.
            Visible to: you and your counselor (counselor)
            -->

            Rating:   <!-- 1 (poor) – 5 (excellent) -->
            Outcome:   <!-- hired, contractExtended, finishedAsPlanned, leftEarly, other -->
            Skills:   <!-- comma-separated: SQL, customer service -->

            ## What did I do there? {#did}
            <!-- My role, my main tasks, the people I worked with. -->

            ## What went well? {#went-well}
            <!-- A moment I am proud of, feedback I got. -->

            ## What was hard, and how did I handle it? {#hard}

            ## What did I learn, and which skills did I use or gain? {#learned}
            <!-- List the skills in the Skills line above too. -->

            ## What does this change about my next step? {#next}

            """)
        let draft = try ReflectionDocument.parse(document, template: english)
        #expect(draft.isEmpty)
        #expect(draft.kind == .postPlacement && draft.locale == .en && draft.template == "builtin:postPlacement")
        #expect(draft.entries.map(\.key) == english.prompts.map(\.key))
    }

    @Test func aKoreanDocumentRoundTripsItsAnswersAndFields() throws {
        var draft = ReflectionDraft(rating: 5, outcome: .credentialEarned, skills: ["SQL", "고객 응대"])
        try draft.setAnswer("why", "데이터 직무로 옮기고 싶어서", template: korean)
        try draft.setAnswer("learned", "조인과 집계.\n\n시각화는 아직 어렵다.", template: korean)
        let document = ReflectionDocument.render(template: korean, draft: draft, visibility: .private)
        #expect(document.contains("평점: 5  <!-- 1 (아쉬움) – 5 (아주 좋음) -->\n결과: credentialEarned  <!-- 수료 (completed), 자격 취득 (credentialEarned), 중도 포기 (droppedOut), 기타 (other) -->\n얻은 기술: SQL, 고객 응대"))
        #expect(document.contains("공개 범위: 나만 (private)"))
        #expect(document.contains("## 이 교육을 왜 받았나요? {#why}\n데이터 직무로 옮기고 싶어서\n"))
        let read = try ReflectionDocument.parse(document, template: korean)
        #expect(read.rating == 5 && read.outcome == .credentialEarned && read.skills == ["SQL", "고객 응대"])
        #expect(read.answer("why") == "데이터 직무로 옮기고 싶어서")
        #expect(read.answer("learned") == "조인과 집계.\n\n시각화는 아직 어렵다.")
        #expect(read.answer("apply") == "")
    }

    @Test func answersThatLookLikeHeadingsOrCommentsSurviveTheRoundTrip() throws {
        let tricky = ["## not a heading", "\\## escaped already", "a <!-- not a comment --> b", "<\\!-- odd", "##", "  ## indented", "Rating: 2"]
        var draft = ReflectionDraft()
        try draft.setAnswer("did", tricky.joined(separator: "\n"), template: english)
        let read = try ReflectionDocument.parse(ReflectionDocument.render(template: english, draft: draft), template: english)
        #expect(read.answer("did") == tricky.joined(separator: "\n"))
        #expect(read.rating == nil)
    }

    @Test func generatedDraftsRoundTrip() throws {
        var random = SplitMix64(seed: 42)
        let pieces = ["SQL", "고객 응대", "## x", "<!--", "-->", "{#did}", "Rating: 9", " ", "\t", "한글 문장입니다.", "e\u{301}", "`code`", "\\", "#", "---"]
        for _ in 0..<300 {
            let template = [english, korean, ReflectionTemplate.builtIn(.checkpoint, locale: .en)].randomElement(using: &random)!
            var draft = ReflectionDraft()
            for prompt in template.prompts where Bool.random(using: &random) {
                let lines = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                    (0..<Int.random(in: 0...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined(separator: " ")
                }
                try draft.setAnswer(prompt.key, lines.joined(separator: "\n"), template: template)
            }
            draft.rating = Bool.random(using: &random) ? Int.random(in: 1...5, using: &random) : nil
            draft.outcome = Bool.random(using: &random) ? ReflectionOutcome.fitting(template.kind).randomElement(using: &random) : nil
            draft.skills = Bool.random(using: &random) ? ["SQL", "고객 응대"] : []
            let read = try ReflectionDocument.parse(ReflectionDocument.render(template: template, draft: draft), template: template)
            for prompt in template.prompts {
                #expect(read.answer(prompt.key) == (draft.answer(prompt.key) ?? ""), "\(prompt.key)")
            }
            #expect(read.rating == draft.rating && read.outcome == draft.outcome && read.skills == draft.skills)
        }
    }

    @Test func mangledDocumentsNeverCrashTheParser() {
        var random = SplitMix64(seed: 7)
        let seedText = ReflectionDocument.render(template: korean, draft: ReflectionDraft(rating: 3, skills: ["SQL"]))
        let alphabet = Array("#<!->{}:\n 평점결과 ab\\\r\u{FEFF}\u{0}")
        for _ in 0..<2000 {
            var characters = Array(seedText)
            for _ in 0..<Int.random(in: 1...12, using: &random) {
                let index = Int.random(in: 0...characters.count, using: &random)
                if Bool.random(using: &random), index < characters.count {
                    characters.remove(at: index)
                } else {
                    characters.insert(alphabet.randomElement(using: &random)!, at: index)
                }
            }
            _ = try? ReflectionDocument.parse(String(characters), template: Bool.random(using: &random) ? korean : nil)
            _ = try? ReflectionDocument.read(String(characters.shuffled(using: &random).prefix(40)))
        }
    }

    @Test func aHeadingWithoutItsKeyIsMatchedByItsText() throws {
        let draft = try ReflectionDocument.parse("## What went well?\nThe demo.\n## 내 생각 {#mine}\n따로 적은 것\n", template: english)
        #expect(draft.entries == [
            ReflectionEntry(key: "went-well", prompt: "What went well?", answer: "The demo."),
            ReflectionEntry(key: "mine", prompt: "내 생각", answer: "따로 적은 것"),
        ])
        #expect(draft.kind == nil)
    }

    @Test func everyProblemInADocumentIsReportedWithItsLine() {
        let text = """
            Rating: 6
            Outcome: hired
            Outcome: completed
            I forgot the heading.
            ## What went well? {#went-well}
            Good.
            ## Something new
            ## What went well? {#went-well}
            <!-- never closed
            """
        #expect {
            try ReflectionDocument.parse(text, template: korean, file: "/tmp/r.md")
        } throws: { error in
            (error as? DiagnosticError)?.description == """
                /tmp/r.md:9: error: the comment opened here is never closed
                  hint: end it with --> (everything after an unclosed <!-- is ignored)
                /tmp/r.md:1: error: the rating '6' is not a whole number from 1 to 5
                  hint: write 1 (poor) to 5 (excellent), or leave it empty
                /tmp/r.md:2: error: the outcome 'hired' does not fit a postTraining reflection
                  hint: use one of: completed, credentialEarned, droppedOut, other
                /tmp/r.md:3: error: Outcome is given twice (first on line 2)
                  hint: keep one 'Outcome:' line
                /tmp/r.md:4: error: text before the first '## …' heading
                  hint: move it under a heading, or into the Rating/Outcome/Skills lines (평점/결과/얻은 기술)
                /tmp/r.md:7: error: the heading on this line has no {#key} and matches no prompt of the template
                  hint: end the heading with its key, e.g. '## Something new {#why}', or make it '###' to keep it inside the answer above
                /tmp/r.md:8: error: the prompt 'went-well' appears twice (first on line 5)
                  hint: merge the two answers under one heading
                """
        }
    }

    @Test func koreanOutcomeLabelsAndDecomposedHangulAreRead() throws {
        let decomposed = "결과: 수료\n## 배운 것 {#learned}\n" + "한글".decomposedStringWithCanonicalMapping + "\n"
        let draft = try ReflectionDocument.parse(decomposed, template: korean)
        #expect(draft.outcome == .completed)
        #expect(draft.answer("learned") == "한글")
        #expect(draft.answer("learned")?.unicodeScalars.count == 2)
    }

    @Test func jsonCarriesAnswersFieldsAndPromptsOfItsOwn() throws {
        let draft = try ReflectionDocument.read("""
            {"kind": "postTraining", "rating": 4, "outcome": "수료", "skills": ["SQL", "SQL", "Python"],
             "visibility": "public", "written": "2024-08-30",
             "answers": {"learned": "조인"},
             "entries": [{"key": "extra", "prompt": "덧붙일 말", "answer": "고맙습니다"}]}
            """, template: korean)
        #expect(draft.kind == .postTraining && draft.rating == 4 && draft.outcome == .completed)
        #expect(draft.skills == ["SQL", "Python"] && draft.visibility == .public && draft.written?.isoString == "2024-08-30")
        #expect(draft.entries.map(\.key) == ["learned", "extra"])
        #expect(draft.entries[0].prompt == "무엇을 배웠고, 어떤 기술을 익혔나요?")
    }

    @Test func jsonProblemsNameTheirField() {
        #expect {
            try ReflectionDocument.parseJSON(#"{"rating": "4", "answers": {"nope": "x"}, "colour": 1}"#, template: english, file: "in.json")
        } throws: { error in
            (error as? DiagnosticError)?.description == """
                in.json: colour: error: unknown field 'colour'
                  hint: use: kind, locale, template, written, rating, outcome, skills, skillsGained, visibility, answers, entries
                in.json: rating: error: the rating is not a whole number from 1 to 5
                  hint: give 1 (poor) to 5 (excellent), or leave it out
                in.json: answers.nope: error: the template has no prompt 'nope'
                  hint: use one of: did, went-well, hard, learned, next; for a prompt of your own use entries with a prompt
                """
        }
        #expect {
            try ReflectionDocument.parseJSON("{\n  \"rating\": 4,\n  \"answers\": {\n}", file: "in.json")
        } throws: { error in
            let diagnostic = (error as? DiagnosticError)?.diagnostics.first
            return diagnostic?.code == "reflection.json" && diagnostic?.location?.line != nil
        }
    }

    @Test func draftsBecomeReflectionsWithoutEmptyAnswers() throws {
        var draft = ReflectionDraft(skills: ["SQL"])
        try draft.setAnswer("learned", "조인", template: korean)
        draft.entries.append(ReflectionEntry(key: "apply", prompt: "어디에?", answer: "  "))
        let reflection = draft.reflection(id: ReflectionID(rawValue: "r1"), experienceID: ExperienceID(rawValue: "e1"),
                                          written: try PartialDate("2026-11-23"), template: korean)
        #expect(reflection.kind == .postTraining && reflection.template == "builtin:postTraining" && reflection.locale == "ko")
        #expect(reflection.entries.map(\.key) == ["learned"])
        #expect(reflection.visibility == .counselor)
        #expect(reflection.diagnostics().isEmpty)
        #expect(throws: DiagnosticError.self) { try draft.setAnswer("nope", "x", template: korean) }
    }
}
