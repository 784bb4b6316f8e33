import Foundation
import PathfolioCore
import PathfolioFormats
import Testing
import ZIPFoundation

struct LEAP2ARoundTripTests {
    static let updated = Date(timeIntervalSince1970: 1_795_424_400) // 2026-11-23T09:00:00Z

    @Test func ourFeedReadsBackIntoTheSamePortfolio() throws {
        // Given every kind, field, date precision, link type and a reflection in Korean and English
        let original = InteropSamples.fullPath
        // When it is written as LEAP2A and read back
        let (data, _) = LEAP2AWriter.write(original, updated: Self.updated)
        let back = try LEAP2AReader.read(data, options: InteropSamples.options("path.leap2a.xml"))
        // Then nothing is lost, and writing it again gives the same bytes
        #expect(back.portfolio == original.normalized())
        #expect(back.losses.isEmpty, "\(back.losses.text)")
        #expect(LEAP2AWriter.write(back.portfolio, updated: Self.updated).data == data)
    }

    @Test(arguments: [Samples.jobSeeker, Samples.careerChanger, Samples.hostile])
    func theSharedSamplesRoundTrip(_ original: Portfolio) throws {
        let (data, _) = LEAP2AWriter.write(original, updated: Self.updated)
        let back = try LEAP2AReader.read(data, options: InteropSamples.options("sample.xml"))
        #expect(back.portfolio == original.normalized())
        #expect(back.losses.isEmpty, "\(back.losses.text)")
    }

    @Test func decomposedKoreanIsReadBackAsNFC() throws {
        var portfolio = InteropSamples.fullPath
        portfolio.experiences[0].title = "물류학 학사".decomposedStringWithCanonicalMapping
        let (data, _) = LEAP2AWriter.write(portfolio, updated: Self.updated)
        let back = try LEAP2AReader.read(data, options: InteropSamples.options("nfd.xml")).portfolio
        #expect(back.experiences.contains { $0.title.unicodeScalars.elementsEqual("물류학 학사".unicodeScalars) })
    }

    @Test func exportReportsWhatOnlyOurExtensionHolds() {
        let losses = LEAP2AWriter.write(InteropSamples.fullPath, updated: Self.updated).losses
        let lines = Set(losses.entries.map(\.description))
        for expected in [
            "experience x-boot \"Java 백엔드 개발자 과정\", training.hours: kept in the Pathfolio extension only (LEAP2A has no such field)",
            "experience x-ment \"현직자 멘토링 \"코드 리뷰\"\", kind: kept in the Pathfolio extension only (LEAP2A has no life area for mentoring)",
            "link x-boot:ledTo:x-intern, type: kept in the Pathfolio extension only (LEAP2A has no 'led to'; written as a relation)",
            "reflection r-boot \"postTraining\", rating: kept in the Pathfolio extension only (LEAP2A entries have no rating)",
        ] {
            #expect(lines.contains(expected), "missing: \(expected)")
        }
        #expect(!losses.entries.contains { $0.action == .dropped })
    }

    @Test func controlCharactersAreReplacedVisiblyNotWrittenAsBrokenXML() throws {
        var portfolio = InteropSamples.fullPath
        portfolio.experiences[1].summary = "bell \u{07} here"
        let (data, losses) = LEAP2AWriter.write(portfolio, updated: Self.updated)
        #expect(losses.entries.contains {
            $0.description == "experience x-logi \"Logistics coordinator\", text: approximated (1 control character(s) XML cannot hold written as U+FFFD)"
        })
        let back = try LEAP2AReader.read(data, options: InteropSamples.options("c.xml")).portfolio
        #expect(back.experience("x-logi")?.summary == "bell \u{FFFD} here")
    }

    @Test func linksAreWrittenAtBothEnds() {
        let text = String(decoding: LEAP2AWriter.write(InteropSamples.fullPath, updated: Self.updated).data, as: UTF8.self)
        #expect(text.contains("<link rel=\"leap2:is_part_of\" href=\"portfolio:experience/x-intern\"/>"))
        #expect(text.contains("<link rel=\"leap2:has_part\" href=\"portfolio:experience/x-ment\"/>"))
        #expect(text.contains("<link rel=\"leap2:reflects_on\" href=\"portfolio:experience/x-boot\"/>"))
        #expect(text.contains("<link rel=\"leap2:reflected_on_by\" href=\"portfolio:reflection/r-boot\"/>"))
        #expect(text.contains("<leap2:date leap2:point=\"start\" leap2:label=\"spring 2019\">2019-03</leap2:date>"))
        #expect(text.contains("<leap2:date leap2:point=\"start\" leap2:label=\"2020년 여름\"></leap2:date>"))
        #expect(text.contains("<title>㈜소프트웨어랩 &amp; Co &lt;Korea&gt;</title>"))
    }
}

extension LEAP2ARoundTripTests {
    @Test func aPackageHoldsTheEvidenceFilesAndReadsBackWithTheirURIsAndDigests() throws {
        let pdf = Data("%PDF-1.4 수료증".utf8)
        var portfolio = InteropSamples.fullPath
        portfolio.experiences[2].evidence[0].sha256 = nil
        let (zip, _) = LEAP2APackageWriter.write(portfolio, updated: Self.updated, attachments: ["files/certificate.pdf": pdf])
        #expect(LEAP2APackageWriter.write(portfolio, updated: Self.updated, attachments: ["files/certificate.pdf": pdf]).data == zip)
        let back = try LEAP2AReader.read(zip, options: InteropSamples.options("seojun.zip"))
        var expected = portfolio.normalized()
        let index = try #require(expected.experiences.firstIndex { $0.id == "x-boot" })
        expected.experiences[index].evidence[0].sha256 = pdf.sha256Hex
        #expect(back.portfolio == expected)
        // An independent zip reader sees both members.
        let archive = try Archive(data: zip, accessMode: .read)
        #expect(Array(archive).map(\.path) == ["leap2a.xml", "files/1-certificate.pdf"])
        // Another system sees the file inside the package.
        let feed = try #require(String(data: zip, encoding: .isoLatin1))
        #expect(feed.contains("<link rel=\"enclosure\" href=\"files/1-certificate.pdf\"/>"))
    }
}
