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

/// Times and today's date are shown on the local clock, read from the C library (`TZ`, else
/// `/etc/localtime`), as Foundation's calendar reads them.
struct LocalClockTests {
    @Test func localTimeIsFoundationsInThisProcessZone() {
        var generator = SystemRandomNumberGenerator()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        var dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: 1_795_424_400.999)]
        for _ in 0..<2_000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: -2_000_000_000...4_000_000_000, using: &generator)))
        }
        for date in dates {
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let local = Clock.localTime(date)
            #expect([local.year, local.month, local.day, local.hour, local.minute, local.second]
                    == [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second].map { $0! }, "\(date)")
        }
        #expect(Clock.localTimeText(Date(timeIntervalSince1970: 1_795_424_400.999)).count == 19)
    }

    /// Each zone a person might be in: a revision's time in `show` and `history`, and the
    /// day `end` takes for today, are theirs (a UTC clock would put Seoul's morning on the
    /// day before).
    @Test(arguments: [("Asia/Seoul", "2026-11-24 05:30:15", "2026-11-24"),
                      ("America/New_York", "2026-11-23 15:30:15", "2026-11-23"),
                      ("UTC", "2026-11-23 20:30:15", "2026-11-23")])
    func revisionTimesAndTodayAreOnTheLocalClock(zone: String, shown: String, today: String) throws {
        var cli = try CLI()
        defer { cli.cleanUp() }
        cli.environment["PATHFOLIO_NOW"] = "2026-11-23T20:30:15Z"
        cli.environment["TZ"] = zone
        try cli.succeed(["init", "--name", "하늘"])
        let id = try cli.succeed(["add", "job", "--title", "바리스타", "--start", "2025-03", "-q"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try cli.succeed(["end", id, "--no-reflect"])
        #expect(try cli.succeed(["show", id]).contains("2 revisions, last \(shown) by tester"))
        let history = try cli.succeed(["history", id])
        #expect(history.components(separatedBy: shown).count == 3, "\(history)")
        #expect(try cli.succeed(["show", id]).contains("2025-03 – \(today)"))
    }

    /// A clock fixed to a day is that day in every zone, also twelve hours and more from UTC.
    @Test(arguments: ["Pacific/Auckland", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"])
    func aClockFixedToADayIsThatDayEverywhere(zone: String) throws {
        var cli = try CLI()
        defer { cli.cleanUp() }
        cli.environment["PATHFOLIO_NOW"] = "2026-11-23"
        cli.environment["TZ"] = zone
        try cli.succeed(["init", "--name", "Aroha"])
        let added = try cli.succeed(["add", "job", "--title", "Kaiāwhina", "--start", "2026-01", "--end", "today"])
        #expect(added.contains("(2026-01 – 2026-11-23, completed)"), "\(added)")
    }

    /// Summer time: New York is four hours behind UTC in July, five in November.
    @Test func summerTimeIsTheLocalClocks() throws {
        var cli = try CLI()
        defer { cli.cleanUp() }
        cli.environment["PATHFOLIO_NOW"] = "2026-07-01T03:00:00Z"
        cli.environment["TZ"] = "America/New_York"
        try cli.succeed(["init", "--name", "Alex"])
        let id = try cli.succeed(["add", "job", "--title", "Barista", "--start", "2025-03", "--end", "today", "-q"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let show = try cli.succeed(["show", id])
        #expect(show.contains("2025-03 – 2026-06-30"))
        #expect(show.contains("1 revision, last 2026-06-30 23:00:00 by tester"))
    }
}
