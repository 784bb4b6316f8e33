import PathfolioCore
import PathfolioFormats
import Testing

/// The documents as a real CommonMark parser (cmark-gfm, with GFM tables) reads them: the
/// outline of headings, tables that are tables, the Mermaid block, and user text that stays
/// text.
struct MarkdownStructureTests {
    @Test(arguments: MarkdownGoldenTests.cases.indices)
    func headingsFormOneOutlineWithoutSkippedLevels(_ index: Int) throws {
        let (name, portfolio, writer) = MarkdownGoldenTests.cases[index]
        let headings = try CommonMarkNode.parse(writer.render(portfolio)).headings
        #expect(headings.first?.level == 1, "\(name) starts with a level-1 heading")
        #expect(headings.filter { $0.level == 1 }.count == 1, "\(name) has one level-1 heading")
        for (previous, next) in zip(headings, headings.dropFirst()) {
            #expect(next.level <= previous.level + 1, "\(name): '\(next.text)' (h\(next.level)) follows h\(previous.level)")
        }
    }

    @Test func theKoreanDocumentHasItsSectionsInOrderWithKoreanHeadings() throws {
        let document = try CommonMarkNode.parse(MarkdownPortfolioWriter(locale: .ko, audience: .self).render(Samples.jobSeeker))
        let headings = document.headings
        #expect(headings.filter { $0.level == 2 }.map(\.text) == ["프로필", "한눈에 보기", "경력 경로", "경험", "역량", "다음 단계"])
        #expect(headings.filter { $0.level == 3 }.map(\.text) == [
            "통계학 학사 · 서울대학교", "데이터 분석 실무 · 한국폴리텍대학", "청년 일경험 · ㈜데이터랩", "현직자 멘토링",
            "주니어 데이터 분석가 · ㈜데이터랩", "비밀 메모: 이직 고민", "데이터 엔지니어",
        ])
        // The reflection on the training: its prompts are headings, in the order written.
        let training = headings.firstIndex { $0.text == "훈련 후 회고 · 2024년 9월 2일" }
        let index = try #require(training)
        #expect(headings[index].level == 4)
        #expect(headings[(index + 1)...].prefix(3).map(\.text) == ["무엇을 했나요?", "무엇을 배웠나요?", "다음에는 무엇을 하고 싶나요?"])
        #expect(headings[(index + 1)...].prefix(3).allSatisfy { $0.level == 5 })
    }

    @Test func tablesAreTablesWithTheirHeaderAndRows() throws {
        let document = try CommonMarkNode.parse(MarkdownPortfolioWriter(locale: .en, audience: .self).render(Samples.careerChanger))
        let tables = document.nodes("table")
        #expect(tables.count == 3)  // profile, experiences by kind, skills
        let headers = tables.map { $0.nodes("table_header").first?.children.map(\.plainText) ?? [] }
        #expect(headers == [["Field", "Value"], ["Kind", "Count"], ["Skill", "Experiences", "Reflections"]])
        let kinds = tables[1].nodes("table_row").map { $0.children.map(\.plainText) }
        #expect(kinds == [["Job", "2"], ["Training", "1"], ["Mentoring", "1"]])
        let skills = tables[2].nodes("table_row").map { $0.children.map(\.plainText) }
        #expect(skills.map(\.first) == ["Customer service", "Git", "JavaScript", "React", "SQL"])
        #expect(skills[1] == ["Git", "Full-stack web development bootcamp",
                              "After the training (2 May 2023, Full-stack web development bootcamp)"])
    }

    @Test func thePathIsOneMermaidCodeBlock() throws {
        let document = try CommonMarkNode.parse(MarkdownPortfolioWriter(locale: .ko, audience: .public).render(Samples.jobSeeker))
        let blocks = document.nodes("code_block")
        #expect(blocks.map { $0.attributes["info"] } == ["mermaid"])
        #expect(blocks.first?.text.hasPrefix("flowchart LR\n") == true)
    }

    @Test func userTextRendersAsWrittenAndAddsNoMarkup() throws {
        let markdown = MarkdownPortfolioWriter(locale: .en, audience: .self).render(Samples.hostile)
        let document = try CommonMarkNode.parse(markdown)
        // Markup only a document's own structure makes; none of it may come from user text.
        for name in ["link", "image", "html_inline", "html_block", "code", "strikethrough", "block_quote", "thematic_break"] {
            #expect(document.nodes(name).isEmpty, "user text made a \(name) node")
        }
        #expect(document.nodes("item").allSatisfy { $0.nodes("list").isEmpty }, "a highlight opened a nested list")
        let headings = document.headings
        #expect(headings.first?.text == "*Sam* <Lee> [x](y)")
        #expect(headings.contains { $0.level == 3 && $0.text == Samples.hostileTitle })
        #expect(headings.contains { $0.level == 5 && $0.text == "## prompt *with* markup?" })
        let answer = document.children.first { $0.name == "paragraph" && $0.plainText.hasPrefix("# not a heading") }
        let lines = Samples.hostileAnswer.split(separator: "\n").map { $0.trimmingWhitespace }
        #expect(answer?.plainText == lines.joined(separator: "\n"))
        let skills = document.nodes("table").last?.nodes("table_row").map { $0.children.first?.plainText }
        #expect(skills == ["C#", "F# | pipe"])
    }
}
