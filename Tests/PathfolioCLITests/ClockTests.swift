import Foundation
import PathfolioCore
@testable import pathfolio
import Testing

/// `PATHFOLIO_NOW` in its usual form is read by hand, not by Foundation; both must agree.
struct ClockTests {
    @Test func aUTCDateTimeIsReadAsFoundationReadsIt() throws {
        var generator = SystemRandomNumberGenerator()
        var texts = ["1970-01-01T00:00:00Z", "2026-11-23T09:00:00Z", "2024-02-29T23:59:59Z", "2000-02-29T12:00:00Z",
                     "1900-03-01T00:00:01Z", "1600-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1969-12-31T23:59:59Z"]
        // From 1600 on: Foundation's calendar is Julian before October 1582, ISO 8601 is not.
        for _ in 0..<2_000 {
            let year = Int.random(in: 1600...9999, using: &generator), month = Int.random(in: 1...12, using: &generator)
            let day = Int.random(in: 1...PartialDate.daysIn(month: month, year: year), using: &generator)
            texts.append(String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day,
                                Int.random(in: 0..<24, using: &generator), Int.random(in: 0..<60, using: &generator),
                                Int.random(in: 0..<60, using: &generator)))
        }
        for text in texts {
            let expected = try Date.ISO8601FormatStyle().parse(text)
            #expect(Clock.utcSeconds(text) == expected, "\(text)")
            #expect(Clock.parse(text) == expected, "\(text)")
        }
    }

    @Test(arguments: ["2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-04-31T00:00:00Z",
                      "2026-11-23T24:00:00Z", "2026-11-23T09:60:00Z", "2026-11-23 09:00:00Z", "2026-11-23T09:00:00",
                      "2026-1a-23T09:00:00Z", "２０２６-11-23T09:00:00Z", "0000-01-01T00:00:00Z", ""])
    func anythingElseIsLeftToFoundation(_ text: String) {
        #expect(Clock.utcSeconds(text) == nil)
    }

    @Test func otherFormsStillParse() throws {
        #expect(Clock.parse("2026-11-23T18:00:00+09:00") == Clock.parse("2026-11-23T09:00:00Z"))
        #expect(Clock.parse("2026-11-23T09:00:00.250Z")?.timeIntervalSince1970 == Clock.parse("2026-11-23T09:00:00Z")!.timeIntervalSince1970 + 0.25)
        #expect(Clock.parse("2026-11-23") == Clock.parse("2026-11-23T12:00:00Z"))
        #expect(Clock.parse("2023-02-29T00:00:00Z") == nil)
    }
}
