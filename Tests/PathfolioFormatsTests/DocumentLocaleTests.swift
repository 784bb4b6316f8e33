import PathfolioCore
import PathfolioFormats
import Testing

/// Dates and periods in English and Korean, each at its own precision.
struct DocumentLocaleTests {
    func date(_ text: String, label: String? = nil) -> PartialDate { Samples.date(text, label: label) }

    @Test func datesKeepTheirPrecision() {
        #expect(DocumentLocale.en.date(date("2024")) == "2024")
        #expect(DocumentLocale.en.date(date("2024-03")) == "March 2024")
        #expect(DocumentLocale.en.date(date("2024-03-14")) == "14 March 2024")
        #expect(DocumentLocale.ko.date(date("2024")) == "2024년")
        #expect(DocumentLocale.ko.date(date("2024-03")) == "2024년 3월")
        #expect(DocumentLocale.ko.date(date("2024-03-14")) == "2024년 3월 14일")
        #expect(DocumentLocale.ko.date(date("2024-12-01")) == "2024년 12월 1일")
    }

    @Test func labelsShowBesideTheDateOrAlone() throws {
        #expect(DocumentLocale.en.date(date("2019", label: "summer 2019")) == "2019 (summer 2019)")
        #expect(DocumentLocale.ko.date(date("2024-09", label: "2학기")) == "2024년 9월 (2학기)")
        #expect(DocumentLocale.en.date(try PartialDate(label: "early 2000s")) == "early 2000s")
    }

    @Test func periodsSayPresentWhileOngoing() {
        let ongoing = Period(start: date("2025-01"), end: .ongoing)
        #expect(DocumentLocale.en.period(ongoing) == "January 2025 – present")
        #expect(DocumentLocale.ko.period(ongoing) == "2025년 1월 – 현재")
        #expect(DocumentLocale.ko.period(Period(start: date("2024-03"), end: .date(date("2024-08")))) == "2024년 3월 – 2024년 8월")
        #expect(DocumentLocale.en.period(Period(start: date("2023"), end: .date(date("2023")))) == "2023")
        #expect(DocumentLocale.en.period(Period(end: .date(date("2020-06")))) == "– June 2020")
        #expect(DocumentLocale.en.period(Period()) == nil)
    }

    @Test func aDocumentNeverInventsADayOrAMonth() {
        // Every date in the samples is known to the month or the year except a few known days.
        let markdown = MarkdownPortfolioWriter(locale: .ko, audience: .self).render(Samples.careerChanger)
        #expect(markdown.contains("2015년 – 2022년"))
        #expect(!markdown.contains("2015년 1월"))
        #expect(!markdown.contains("2023년 1월 1일"))
        let english = MarkdownPortfolioWriter(locale: .en, audience: .self).render(Samples.careerChanger)
        #expect(english.contains("*2015 – 2022 · Job · completed*"))
        #expect(english.contains("*January 2023 – April 2023 · Training · completed*"))
    }
}
