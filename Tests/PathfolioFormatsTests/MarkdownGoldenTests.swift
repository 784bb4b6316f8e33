import PathfolioCore
import PathfolioFormats
import Testing

/// The rendered documents of the sample portfolios, compared with checked-in golden files
/// (see ``Golden`` for how to re-record them).
struct MarkdownGoldenTests {
    static let cases: [(name: String, portfolio: Portfolio, writer: MarkdownPortfolioWriter)] = [
        ("job-seeker.ko.self.md", Samples.jobSeeker, MarkdownPortfolioWriter(locale: .ko, audience: .self)),
        ("job-seeker.ko.public.md", Samples.jobSeeker, MarkdownPortfolioWriter(locale: .ko, audience: .public)),
        ("job-seeker.ko.blind.md", Samples.jobSeeker, MarkdownPortfolioWriter(locale: .ko, audience: .counselor, blind: true)),
        ("job-seeker.en.counselor.md", Samples.jobSeeker, MarkdownPortfolioWriter(locale: .en, audience: .counselor)),
        ("career-changer.en.self.md", Samples.careerChanger, MarkdownPortfolioWriter(locale: .en, audience: .self)),
        ("career-changer.en.public.md", Samples.careerChanger, MarkdownPortfolioWriter(locale: .en, audience: .public)),
        ("career-changer.ko.counselor.md", Samples.careerChanger, MarkdownPortfolioWriter(locale: .ko, audience: .counselor)),
        ("hostile.en.self.md", Samples.hostile, MarkdownPortfolioWriter(locale: .en, audience: .self)),
    ]

    @Test(arguments: cases.indices)
    func documentMatchesItsGoldenFile(_ index: Int) throws {
        let (name, portfolio, writer) = Self.cases[index]
        try Golden.expect(writer.render(portfolio), matches: name)
    }

    @Test(arguments: DocumentLocale.allCases)
    func caseloadIndexMatchesItsGoldenFile(_ locale: DocumentLocale) throws {
        let writer = MarkdownPortfolioWriter(locale: locale, audience: .counselor)
        let index = writer.renderIndex([Samples.careerChanger, Samples.jobSeeker], today: Samples.date("2026-11-23"))
        try Golden.expect(index, matches: "index.\(locale.rawValue).md")
    }

    @Test func renderingTwiceGivesTheSameBytesWhateverTheInputOrder() {
        let writer = MarkdownPortfolioWriter(locale: .ko, audience: .self)
        var shuffled = Samples.jobSeeker
        shuffled.experiences.reverse()
        shuffled.links.reverse()
        shuffled.organizations.reverse()
        #expect(writer.render(shuffled) == writer.render(Samples.jobSeeker))
    }
}
