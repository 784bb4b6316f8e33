import PathfolioCore
import PathfolioFormats
import Testing

/// What each audience's document leaves out: private and identifying text never appears in
/// an export that may not carry it, whatever the caller passes in.
struct MarkdownAudienceTests {
    /// Text in 김하늘's portfolio and who may see it.
    static let privateText = ["010-1234-5678", "1999", "비밀 메모", "상사와 갈등", "보고서 자동화"]
    static let counselorText = ["haneul@example.kr", "photos/haneul.jpg", "서울 마포구", "youth", "현직자 멘토링",
                                "12년차 데이터 엔지니어", "600시간 동안", "Pandas"]
    static let identifyingText = ["김하늘", "haneul", "1999", "photos/", "서울대학교", "서울 관악구", "서울 마포구",
                                  "010-", "youth", "no-experience"]

    func render(_ audience: Audience, blind: Bool = false, locale: DocumentLocale = .ko) -> String {
        MarkdownPortfolioWriter(locale: locale, audience: audience, blind: blind).render(Samples.jobSeeker)
    }

    @Test func theSelfSeesEverything() {
        let document = render(.self)
        for text in Self.privateText + Self.counselorText { #expect(document.contains(text), "'\(text)' is missing") }
    }

    @Test func theCounselorSeesNothingPrivate() {
        let document = render(.counselor)
        for text in Self.privateText { #expect(!document.contains(text), "'\(text)' is private") }
        for text in Self.counselorText { #expect(document.contains(text), "'\(text)' is missing") }
    }

    @Test(arguments: DocumentLocale.allCases)
    func thePublicSeesOnlyWhatIsPublic(_ locale: DocumentLocale) {
        let document = render(.public, locale: locale)
        for text in Self.privateText + Self.counselorText { #expect(!document.contains(text), "'\(text)' is not public") }
        #expect(document.contains("김하늘"))  // the name is public
        #expect(document.contains("SQL 개발자 (SQLD)"))
    }

    @Test(arguments: Audience.allCases)
    func aBlindProfileHasNoNameContactDetailsBirthDatePhotoOrSchool(_ audience: Audience) {
        let document = render(audience, blind: true)
        for text in Self.identifyingText { #expect(!document.contains(text), "'\(text)' identifies the person") }
        #expect(document.hasPrefix("# 지원자 3f9a1c2e\n"))
        #expect(document.contains("### 통계학 학사\n"))  // the degree stays, the school does not
        #expect(document.contains("데이터 분석 실무 · 한국폴리텍대학"))  // training providers are not schools
        // Nor the mentor (someone else, often by name), where the audience sees the mentoring.
        #expect(!document.contains("12년차 데이터 엔지니어"))
        if audience != .public {
            #expect(document.contains("현직자 멘토링"))
            #expect(render(audience).contains("12년차 데이터 엔지니어"))
        }
    }

    @Test func aNameTheAudienceMayNotSeeIsReplacedByTheID() {
        var portfolio = Samples.careerChanger
        portfolio.person.nameVisibility = .counselor
        let document = MarkdownPortfolioWriter(locale: .en, audience: .public).render(portfolio)
        #expect(document.hasPrefix("# Candidate a1b2c3d4\n"))
        #expect(!document.contains("Alex Morgan"))
        #expect(MarkdownPortfolioWriter(audience: .counselor).render(portfolio).hasPrefix("# Alex Morgan\n"))
    }

    @Test func theIndexForThePublicHasNoNamesTagsOrReflectionFiguresItMayNotSee() {
        var hidden = Samples.jobSeeker
        hidden.person.nameVisibility = .private
        let index = MarkdownPortfolioWriter(locale: .en, audience: .public)
            .renderIndex([hidden, Samples.careerChanger], today: Samples.date("2026-11-23"))
        for text in ["김하늘", "youth", "career-changer", "Reflections due", "Outcomes", "rating"] {
            #expect(!index.contains(text), "'\(text)' is not for the public")
        }
        #expect(index.contains("[Candidate 3f9a1c2e](<candidate-3f9a1c2e.md>)"))
        #expect(index.contains("[Alex Morgan](<alex-morgan-a1b2c3d4.md>)"))
    }

    @Test func theIndexForTheSelfStillLeavesPrivateReflectionsOut() {
        let index = MarkdownPortfolioWriter(locale: .en, audience: .self)
            .renderIndex([Samples.jobSeeker], today: Samples.date("2026-11-23"))
        // r2 (hired, rated 5) is private: not a placement, not in the average; its experience
        // still owes a reflection as far as the counselor can tell.
        #expect(index.contains("| Everyone | 1 | 0 | 1 | 0 | 4.0 (1) |"))
        #expect(index.contains("| 2 |\n"))
        #expect(!index.contains("비밀 메모"))
    }
}
