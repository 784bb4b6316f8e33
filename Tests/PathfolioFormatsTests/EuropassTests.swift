import Foundation
import PathfolioCore
import PathfolioFormats
import Testing

/// A Europass CV written for these tests from the Europass XML v3 schema documentation.
struct EuropassTests {
    static let cv = """
        <?xml version="1.0" encoding="UTF-8"?>
        <SkillsPassport xmlns="http://europass.cedefop.europa.eu/Europass" locale="en">
          <DocumentInfo><DocumentType>ECV</DocumentType><XSDVersion>V3.3</XSDVersion></DocumentInfo>
          <LearnerInfo>
            <Identification>
              <PersonName><FirstName>서연</FirstName><Surname>정</Surname></PersonName>
              <ContactInfo>
                <Address><Contact><AddressLine>Gran Via 1</AddressLine><PostalCode>28013</PostalCode><Municipality>Madrid</Municipality><Country><Code>ES</Code><Label>Spain</Label></Country></Contact></Address>
                <Email><Contact>seoyeon@example.eu</Contact></Email>
                <TelephoneList><Telephone><Contact>+34 600 000 000</Contact><Use><Code>mobile</Code></Use></Telephone></TelephoneList>
              </ContactInfo>
              <Demographics>
                <Birthdate year="1995" month="--05"/>
                <Gender><Code>F</Code></Gender>
                <NationalityList><Nationality><Code>KR</Code><Label>South Korean</Label></Nationality></NationalityList>
              </Demographics>
            </Identification>
            <Headline><Type><Code>position</Code></Type><Description><Label>Translator (Korean–Spanish)</Label></Description></Headline>
            <WorkExperienceList>
              <WorkExperience>
                <Period><From year="2021" month="--09" day="---01"/><Current>true</Current></Period>
                <Position><Label>번역가 Translator</Label></Position>
                <Activities>&lt;p&gt;Subtitles for &lt;b&gt;streaming&lt;/b&gt; series&lt;/p&gt;</Activities>
                <Employer><Name>Lingua SL</Name><ContactInfo><Address><Contact><Municipality>Madrid</Municipality><Country><Code>ES</Code><Label>Spain</Label></Country></Contact></Address></ContactInfo><Sector><Code>J</Code><Label>Information and communication</Label></Sector></Employer>
              </WorkExperience>
              <WorkExperience>
                <Period><From year="2019"/><To year="2021" month="--06"/></Period>
                <Position><Label>Intern</Label></Position>
                <Employer><Name>한국문화원</Name></Employer>
              </WorkExperience>
            </WorkExperienceList>
            <EducationList>
              <Education>
                <Period><From year="2014" month="--03"/><To year="2018" month="--02"/></Period>
                <Title>서어서문학 학사</Title>
                <Organisation><Name>한국외국어대학교</Name></Organisation>
                <Level><Code>6</Code><Label>EQF level 6</Label></Level>
              </Education>
            </EducationList>
            <Skills>
              <Linguistic>
                <MotherTongueList><MotherTongue><Description><Code>ko</Code><Label>Korean</Label></Description></MotherTongue></MotherTongueList>
                <ForeignLanguageList><ForeignLanguage><Description><Code>es</Code><Label>Spanish</Label></Description><ProficiencyLevel><Listening>C2</Listening><Writing>C1</Writing></ProficiencyLevel></ForeignLanguage></ForeignLanguageList>
              </Linguistic>
              <Computer><Description>Trados, Aegisub</Description></Computer>
              <Driving><Description><Licence>B</Licence></Description></Driving>
            </Skills>
            <AchievementList><Achievement><Title><Label>Honors</Label></Title></Achievement></AchievementList>
          </LearnerInfo>
        </SkillsPassport>
        """

    func read(_ text: String) throws -> ForeignRead {
        try EuropassReader.read(Data(text.utf8), options: InteropSamples.options("cv.xml"))
    }

    @Test func workEducationAndPersonAreReadWithPartialDates() throws {
        let result = try read(Self.cv)
        let portfolio = result.portfolio
        #expect(portfolio.person.name == "서연 정")
        #expect(portfolio.person.detail(.birthDate)?.value == "1995-05")
        #expect(portfolio.person.detail(.nationality)?.value == "South Korean")
        #expect(portfolio.person.detail(.address)?.value == "Gran Via 1, 28013, Madrid, Spain")
        #expect(portfolio.person.detail(.headline)?.value == "Translator (Korean–Spanish)")
        let translator = try #require(portfolio.experiences.first { $0.title == "번역가 Translator" })
        #expect(translator.kind == .job)
        #expect(translator.period == Period(start: InteropSamples.date("2021-09-01"), end: .ongoing))
        #expect(translator.status == .ongoing)
        #expect(translator.summary == "Subtitles for streaming series")
        #expect(translator.location == "Madrid, Spain")
        #expect(portfolio.organization(translator.organizationID)?.name == "Lingua SL")
        let intern = try #require(portfolio.experiences.first { $0.title == "Intern" })
        #expect(intern.period == Period(start: InteropSamples.date("2019"), end: .date(InteropSamples.date("2021-06"))))
        #expect(intern.status == .completed)
        let degree = try #require(portfolio.experiences.first { $0.kind == .education })
        #expect(degree.title == "서어서문학 학사")
        #expect(portfolio.organization(degree.organizationID)?.name == "한국외국어대학교")
        #expect(portfolio.person.details.filter { $0.kind == .other }.map(\.value)
                == ["Korean", "Spanish (Listening C2, Writing C1)", "Trados, Aegisub", "B"])
    }

    @Test func whatHasNoPlaceIsReported() throws {
        let lines = Set(try read(Self.cv).losses.entries.map(\.description))
        for expected in [
            "europass AchievementList, *: dropped (Pathfolio has no place for AchievementList)",
            "europass EducationList/Education[1] \"서어서문학 학사\", Level: dropped (Pathfolio has no education level)",
            "europass WorkExperienceList/WorkExperience[1] \"번역가 Translator\", Activities: approximated (HTML formatting dropped; the text was kept)",
            "europass WorkExperienceList/WorkExperience[1] \"번역가 Translator\", Employer/Sector: dropped (Pathfolio keeps no sector ('Information and communication'))",
            "europass Skills/Computer, Description: approximated (kept as a personal detail: Pathfolio ties skills to experiences)",
        ] {
            #expect(lines.contains(expected), "missing: \(expected)")
        }
    }

    /// Elements the reader has no use for are named, one line each; what an education
    /// covered is kept as a highlight.
    @Test func nothingInTheCVGoesUnreadWithoutAWord() throws {
        let text = Self.cv
            .replacingOccurrences(of: "<Level><Code>6</Code>", with: """
                <Activities>Thesis on Cervantes</Activities><Skills>&lt;p&gt;Traducción literaria, 통역&lt;/p&gt;</Skills><Documentation><ReferenceTo idref="ATT_1"/></Documentation><Level><Code>6</Code>
                """)
            .replacingOccurrences(of: "</TelephoneList>", with: """
                </TelephoneList><InstantMessagingList><InstantMessaging><Contact>seoyeon.im</Contact></InstantMessaging></InstantMessagingList>
                """)
            .replacingOccurrences(of: "<AchievementList>", with: "<Hobbies><Label>Climbing</Label></Hobbies><AchievementList>")
            .replacingOccurrences(of: "</LearnerInfo>", with: "</LearnerInfo><CoverLetter><Letter><Body>Dear…</Body></Letter></CoverLetter>")
        let result = try read(text)
        let degree = try #require(result.portfolio.experiences.first { $0.kind == .education })
        #expect(degree.highlights == ["Traducción literaria, 통역"])
        #expect(degree.summary == "Thesis on Cervantes")
        let lines = result.losses.entries.map(\.description)
        for expected in [
            "europass EducationList/Education[1] \"서어서문학 학사\", Skills: approximated (kept as a highlight, without its HTML formatting)",
            "europass EducationList/Education[1] \"서어서문학 학사\", Documentation: dropped (Pathfolio does not read <Documentation> here)",
            "europass Identification/ContactInfo, InstantMessagingList: dropped (Pathfolio does not read <InstantMessagingList> here)",
            "europass LearnerInfo, Hobbies: dropped (Pathfolio does not read <Hobbies> here)",
            "europass SkillsPassport, CoverLetter: dropped (Pathfolio does not read <CoverLetter> here)",
            "europass Skills/Linguistic/MotherTongue \"Korean\", *: approximated (kept as a personal detail 'mother tongue')",
            "europass Skills/Driving, Description: approximated (kept as a personal detail 'driving licence')",
            "europass Headline, Type: dropped (the headline is kept without its type (desired position, job applied for, …))",
        ] {
            #expect(lines.contains(expected), "missing: \(expected)")
        }
        #expect(!lines.contains { $0.contains("seoyeon.im") || $0.contains("Climbing") }, "values are never quoted")
        #expect(!lines.contains { $0.contains("Activities: dropped") }, "an education's activities are its summary")
        #expect(!(try read(Self.cv).losses.entries.contains { $0.detail.hasPrefix("Pathfolio does not read") }),
                "the sample CV has nothing unread")
    }

    @Test func anImpossibleDateNamesItsElement() throws {
        let text = Self.cv.replacingOccurrences(of: "<To year=\"2021\" month=\"--06\"/>", with: "<To year=\"2021\" month=\"--13\"/>")
        let error = try #require(throws: DiagnosticError.self) { try read(text) }
        #expect(error.description == """
            cv.xml:27:36: error: WorkExperienceList/WorkExperience[2]/Period/To: '2021-13' has a month outside 01–12
              hint: write a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024-03
            """)
    }

    @Test func anEndBeforeTheStartPointsAtTheItem() throws {
        let text = Self.cv.replacingOccurrences(of: "<From year=\"2019\"/>", with: "<From year=\"2022\"/>")
        let error = try #require(throws: DiagnosticError.self) { try read(text) }
        #expect(error.description.hasPrefix("cv.xml:26:7: error: end 2021-06 is before start 2022"))
    }

    @Test func aFileThatIsNotACVSaysWhatItIs() throws {
        let error = try #require(throws: DiagnosticError.self) { try read("<Europass/>") }
        #expect(error.diagnostics.first?.message == "the root element is <Europass>, not <SkillsPassport>")
    }
}
