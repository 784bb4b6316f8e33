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

extension MarkdownLibraryUsageTests {
    /// A caseload's index made from one entry per person (as `export --all` makes it, never
    /// holding everyone's portfolio) is the index of the portfolios, for every audience,
    /// locale and blind profile.
    @Test(arguments: [Audience.`self`, .counselor, .public], [DocumentLocale.en, .ko])
    func theIndexFromEntriesIsTheIndexOfThePortfolios(audience: Audience, locale: DocumentLocale) throws {
        let today = try PartialDate("2026-11-23")
        let portfolios = [Samples.jobSeeker, Samples.careerChanger, Portfolio(person: Person(id: "9d8c7b6a5f", name: "Nobody Yet", tags: ["2026 cohort"]))]
        for blind in [false, true] {
            let writer = MarkdownPortfolioWriter(locale: locale, audience: audience, blind: blind)
            let names = writer.fileNames(for: portfolios)
            let entries = portfolios.map { writer.indexEntry(for: $0, fileName: names[$0.person.id]!, today: today) }
            #expect(writer.renderIndex(entries, today: today) == writer.renderIndex(portfolios, today: today))
            #expect(writer.renderIndex([MarkdownPortfolioWriter.IndexEntry](), today: today)
                == writer.renderIndex([Portfolio](), today: today))
        }
    }
}

extension MarkdownLibraryUsageTests {
    /// What an export of a caseload makes for each person (the document and the index entry
    /// from one filtering and ordering) is what ``MarkdownPortfolioWriter/render(_:)`` and
    /// ``MarkdownPortfolioWriter/indexEntry(for:fileName:today:)`` make, for generated
    /// portfolios in any order, every audience, locale and blind profile.
    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func theDocumentAndEntryTogetherAreTheOnesMadeApart(seed: UInt64) throws {
        let today = try PartialDate("2026-11-23")
        var generator = PortfolioGenerator(seed: seed)
        var portfolio = generator.portfolio(experiences: 3 + Int(seed % 7))
        portfolio.experiences.reverse()
        portfolio.reflections.reverse()
        for audience in [Audience.`self`, .counselor, .public] {
            for locale in [DocumentLocale.en, .ko] {
                for blind in [false, true] {
                    let writer = MarkdownPortfolioWriter(locale: locale, audience: audience, blind: blind)
                    let (document, entry) = writer.renderWithIndexEntry(portfolio, fileName: "a.md", today: today)
                    #expect(document == Array(writer.render(portfolio).utf8), "\(audience) \(locale) blind: \(blind)")
                    #expect(entry == writer.indexEntry(for: portfolio, fileName: "a.md", today: today))
                }
            }
        }
    }
}
