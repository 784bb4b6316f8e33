import PathfolioCore
import PathfolioFormats
import Testing

/// The README's Swift example for Markdown, run as written.
struct MarkdownLibraryUsageTests {
    @Test func theReadmeExampleRuns() throws {
        let portfolio = Samples.jobSeeker
        let portfolios = [Samples.jobSeeker, Samples.careerChanger]
        // From the README:
        let writer = MarkdownPortfolioWriter(locale: .ko, audience: .counselor)   // blind: true for a blind profile
        let markdown = writer.render(portfolio)        // filters for the audience itself
        let index = writer.renderIndex(portfolios, today: try PartialDate("2026-11-23"))
        let files = writer.fileNames(for: portfolios)  // [PersonID: "김하늘-c3192ee9.md", …]
        // …
        #expect(markdown.hasPrefix("# 김하늘\n"))
        #expect(index.contains("[Alex Morgan](<alex-morgan-a1b2c3d4.md>)"))
        #expect(files[portfolio.person.id] == "김하늘-3f9a1c2e.md")
    }
}
