import Foundation
@testable import PathfolioCore
import Testing

struct PartialDateTests {
    @Test(arguments: [("2019", PartialDate.Precision.year), ("2019-03", .month), ("2019-03-14", .day)])
    func keepsItsPrecision(text: String, precision: PartialDate.Precision) throws {
        let date = try PartialDate(text)
        #expect(date.precision == precision)
        #expect(date.isoString == text)
        #expect(date.description == text)
    }

    @Test func monthIsNeverPaddedToADay() throws {
        let date = try PartialDate("2019-03")
        #expect(date.day == nil)
        #expect(date.isoString == "2019-03")
        let json = String(decoding: try JSONEncoder().encode(date), as: UTF8.self)
        #expect(json == "\"2019-03\"")
    }

    @Test func rejectsTheThirtiethOfFebruary() {
        #expect {
            try PartialDate("2023-02-30")
        } throws: { error in
            let error = error as! PartialDateError
            return error.description == "'2023-02-30' does not exist: February 2023 has 28 days"
                && error.hint.contains("give only the month")
        }
    }

    @Test func knowsLeapYears() throws {
        _ = try PartialDate("2024-02-29")
        _ = try PartialDate("2000-02-29")
        #expect(throws: PartialDateError.self) { try PartialDate("1900-02-29") }
        #expect(throws: PartialDateError.self) { try PartialDate("2023-02-29") }
    }

    @Test(arguments: ["", "2019-3", "19", "2019/03", "2019-13", "2019-00", "2019-03-00", "03-2019", "２０１９", "2019-03-14T10:00", "0999"])
    func rejectsWhatIsNotADate(text: String) {
        #expect(throws: PartialDateError.self) { try PartialDate(text) }
    }

    @Test func labelTravelsWithTheDate() throws {
        let date = try PartialDate("2019", label: "  summer\n2019 ")
        #expect(date.label == "summer 2019")
        #expect(date.description == "2019 (summer 2019)")
        let json = String(decoding: try JSONEncoder().encode(date), as: UTF8.self)
        #expect(json.contains("\"label\":\"summer 2019\"") && json.contains("\"date\":\"2019\""))
        #expect(try JSONDecoder().decode(PartialDate.self, from: Data(json.utf8)) == date)
    }

    @Test func aLabelAloneIsADate() throws {
        let date = try PartialDate(label: "2000년대 초")
        #expect(date.precision == .label)
        #expect(date.isoString == nil)
        let decoded = try JSONDecoder().decode(PartialDate.self, from: JSONEncoder().encode(date))
        #expect(decoded == date)
        #expect(throws: PartialDateError.self) { try PartialDate(label: "   ") }
    }

    @Test func comparesAtThePrecisionBothKnow() throws {
        let year = try PartialDate("2019"), march = try PartialDate("2019-03")
        let the14th = try PartialDate("2019-03-14"), the10th = try PartialDate("2019-03-10")
        #expect(march.compare(atCommonPrecision: year) == .same)
        #expect(the10th.compare(atCommonPrecision: the14th) == .before)
        #expect(try PartialDate("2020").compare(atCommonPrecision: march) == .after)
        #expect(try PartialDate(label: "someday").compare(atCommonPrecision: march) == nil)
    }

    @Test func sortsChronologicallyWithLessPreciseFirst() throws {
        let dates = try ["2019-03-14", "2018", "2019-03", "2019", "2019-01"].map { try PartialDate($0) }
            + [try PartialDate(label: "later")]
        #expect(dates.sorted().map(\.description) == ["2018", "2019", "2019-01", "2019-03", "2019-03-14", "later"])
    }
}

struct PeriodTests {
    @Test func endBeforeStartIsAnError() throws {
        let period = Period(start: try PartialDate("2023-05"), end: .date(try PartialDate("2023-01")))
        let found = period.diagnostics(at: .record("experience", "abc", field: "period"))
        #expect(found.count == 1)
        #expect(found.first?.code == "period.endBeforeStart")
        #expect(found.first?.description == "experience abc, period.end: error: end 2023-01 is before start 2023-05\n  hint: swap the dates, or correct the one that is wrong")
    }

    @Test func sameMonthAtDifferentPrecisionsIsFine() throws {
        let period = Period(start: try PartialDate("2023-05-20"), end: .date(try PartialDate("2023-05")))
        #expect(period.diagnostics(at: .init()).isEmpty)
    }

    @Test func ongoingEndEncodesAsAWord() throws {
        let period = Period(start: try PartialDate("2024-09"), end: .ongoing)
        let json = String(decoding: try JSONEncoder().encode(period), as: UTF8.self)
        #expect(json.contains("\"end\":\"ongoing\""))
        #expect(try JSONDecoder().decode(Period.self, from: Data(json.utf8)) == period)
    }

    @Test func statusFollowsTheDates() throws {
        let today = try PartialDate("2026-11-23")
        func status(_ start: String?, _ end: Period.End?) throws -> ExperienceStatus {
            ExperienceStatus.inferred(from: Period(start: try start.map { try PartialDate($0) }, end: end), today: today)
        }
        #expect(try status("2027-01", nil) == .planned)
        #expect(try status("2024-03", .date(PartialDate("2024-08"))) == .completed)
        #expect(try status("2026-09", .date(PartialDate("2027-02"))) == .ongoing)
        #expect(try status("2026-09", .ongoing) == .ongoing)
        #expect(try status("2026-09", nil) == .ongoing)
        #expect(try status(nil, nil) == .completed)
        #expect(try status("2026-11", .date(PartialDate("2026-11"))) == .completed)
    }
}

/// ISO forms are written byte by byte (every export and every ordering makes them); they must
/// be what the general formatting gives.
extension PartialDateTests {
    /// The ISO form as it was written before, digit padding by string.
    static func reference(year: Int, month: Int?, day: Int?) -> String {
        var text = String(year)
        while text.count < 4 { text = "0" + text }
        if let month { text += month < 10 ? "-0\(month)" : "-\(month)" }
        if let day { text += day < 10 ? "-0\(day)" : "-\(day)" }
        return text
    }

    @Test func isoFormsOfEveryDayOfTwoCenturiesRoundTrip() throws {
        for year in stride(from: 1900, through: 2100, by: 7) {
            #expect(try PartialDate(String(format: "%04d", year)).isoString == String(format: "%04d", year))
            for month in 1...12 {
                let monthText = String(format: "%04d-%02d", year, month)
                #expect(try PartialDate(monthText).isoString == monthText)
                for day in 1...PartialDate.daysIn(month: month, year: year) {
                    let dayText = String(format: "%04d-%02d-%02d", year, month, day)
                    #expect(try PartialDate(dayText).isoString == dayText)
                }
            }
        }
    }

    @Test(arguments: [(0, 1, 1), (7, nil, nil), (999, 12, nil), (9999, 12, 31), (10000, 1, 1), (123456, nil, nil),
                      (-5, 3, 4), (2024, nil, 9), (2024, 100, 1), (2024, -1, nil)] as [(Int, Int?, Int?)])
    func oddComponentsFormatAsBefore(year: Int, month: Int?, day: Int?) {
        #expect(PartialDate.format(year: year, month: month, day: day) == Self.reference(year: year, month: month, day: day))
    }
}
