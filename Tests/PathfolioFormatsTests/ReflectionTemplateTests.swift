import Foundation
import PathfolioCore
import PathfolioFormats
import Testing

struct ReflectionTemplateTests {
    @Test(arguments: ReflectionKind.allCases)
    func builtInTemplatesAskTheSameKeysInEnglishAndKorean(kind: ReflectionKind) {
        let english = ReflectionTemplate.builtIn(kind, locale: .en)
        let korean = ReflectionTemplate.builtIn(kind, locale: .ko)
        #expect(english.prompts.map(\.key) == korean.prompts.map(\.key))
        #expect(english.name == "builtin:\(kind.rawValue)")
        #expect(english.kind == kind && korean.kind == kind)
        for (en, ko) in zip(english.prompts, korean.prompts) {
            #expect(en.text.unicodeScalars.allSatisfy { $0.isASCII }, "\(en.key)")
            #expect(ko.text.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }, "\(ko.key)")
        }
    }

    @Test func builtInTemplatesAskWhatTheIssueAsksFor() {
        #expect(ReflectionTemplate.builtIn(.postPlacement, locale: .en).prompts.map(\.key) == ["did", "went-well", "hard", "learned", "next"])
        #expect(ReflectionTemplate.builtIn(.postTraining, locale: .en).prompts.map(\.key)
            == ["why", "did", "went-well", "hard", "learned", "apply", "next"])
    }

    @Test(arguments: ["work-experience-en.md", "work-experience-ko.md"])
    func exampleTemplatesParse(file: String) throws {
        let text = try String(contentsOf: Self.examples.appendingPathComponent(file), encoding: .utf8)
        let template = try ReflectionTemplate.parse(text, file: file)
        #expect(template.kind == .postPlacement)
        #expect(template.prompts.map(\.key) == ["did", "went-well", "hard", "mentor", "next"])
        #expect(template.locale == (file.contains("-ko") ? .ko : .en))
        #expect(template.prompts[0].hint != nil && template.prompts[1].hint == nil)
        #expect(template.name == (file.contains("-ko") ? "청년 일경험 회고 2026" : "Youth work experience 2026"))
    }

    @Test(arguments: ReflectionKind.allCases)
    func aBuiltInTemplateWrittenAsAFileReadsBackTheSame(kind: ReflectionKind) throws {
        for locale in ReflectionLocale.allCases {
            let builtIn = ReflectionTemplate.builtIn(kind, locale: locale)
            var read = try ReflectionTemplate.parse(builtIn.fileText(), file: "centre/mine.md")
            #expect(read.name == "mine.md")
            read.name = builtIn.name
            #expect(read == builtIn)
        }
    }

    @Test func aKoreanTemplateWithoutALocaleLineIsKorean() throws {
        let template = try ReflectionTemplate.parse("kind: free\n\n## 오늘 배운 것은? {#learned}\n", file: "t.md")
        #expect(template.locale == .ko)
        #expect(template.title == nil)
        #expect(template.prompts == [.init(key: "learned", text: "오늘 배운 것은?")])
    }

    @Test func everyProblemOfATemplateFileIsReportedWithItsLine() {
        let text = """
            # Centre template
            kind: postPlacment
            colour: blue

            ## What did you do? {#did}
            ## What went well?
            ## Anything else? {#did}
            ## {#empty}
            ## Bad key {#no spaces}
            """
        #expect(throws: DiagnosticError.self) { try ReflectionTemplate.parse(text, file: "centre.md") }
        do {
            _ = try ReflectionTemplate.parse(text, file: "centre.md")
        } catch {
            #expect(error.description == """
                centre.md:2: error: unknown reflection kind 'postPlacment'
                  hint: use one of: postPlacement, postTraining, checkpoint, free
                centre.md:3: error: unknown field 'colour'
                  hint: use kind:, locale: or name:
                centre.md:6: error: the prompt 'What went well?' has no key
                  hint: end the heading with a short key such as {#did}; answers are stored under it
                centre.md:7: error: the key 'did' is used twice (first on line 5)
                  hint: give every prompt its own key
                centre.md:8: error: the prompt has no text
                  hint: write the question after '## '
                centre.md:9: error: the key 'no spaces' is not well formed
                  hint: use 1–40 letters a–z, digits, '-', '_' or '.'
                """)
        }
    }

    @Test func aTemplateWithoutPromptsOrKindSaysWhatToAdd() {
        #expect {
            try ReflectionTemplate.parse("# Empty\nlocale: ko\n<!-- nothing yet -->\n", file: "empty.md")
        } throws: { error in
            (error as? DiagnosticError)?.description == """
                empty.md: error: the template has no prompts
                  hint: add one line per question, such as '## What did I do? {#did}'
                empty.md: error: the template does not say which kind of reflection it is for
                  hint: add a line 'kind: postPlacement' (or postTraining, checkpoint, free) before the first prompt
                """
        }
    }

    @Test func textBeforeTheFirstPromptAndUnclosedCommentsAreErrors() {
        #expect {
            try ReflectionTemplate.parse("kind: free\nPlease answer honestly.\n## Q {#q}\n<!-- open\n", file: "t.md")
        } throws: { error in
            let diagnostics = (error as? DiagnosticError)?.diagnostics ?? []
            return diagnostics.map(\.location?.line) == [4, 2] && diagnostics.map(\.code) == ["template.comment", "template.text"]
        }
    }

    @Test func revisingKeepsThePromptsAsShownAndOffersTheBuiltInOnesNotAnswered() {
        let reflection = Reflection(id: "r1", experienceID: "e1", kind: .postPlacement, written: try! PartialDate("2024-12-20"),
                                    template: "builtin:postPlacement", locale: "en",
                                    entries: [ReflectionEntry(key: "next", prompt: "What now?", answer: "Apply."),
                                              ReflectionEntry(key: "boss", prompt: "My manager taught me", answer: "Numbers.")])
        let template = ReflectionTemplate.revising(reflection)
        #expect(template.prompts.map(\.key) == ["did", "went-well", "hard", "learned", "next", "boss"])
        #expect(template.prompt("next")?.text == "What now?")
        #expect(template.name == "builtin:postPlacement" && template.locale == .en && template.kind == .postPlacement)
        var custom = reflection
        custom.template = "centre.md"
        #expect(ReflectionTemplate.revising(custom).prompts.map(\.key) == ["next", "boss"])
    }

    static let examples: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/", !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("Examples/templates")
    }()
}
