@testable import PathfolioCore
import Testing

/// A status that the dates contradict on the day is warned of, at the dates' common precision.
struct StatusWarningTests {
    static let today = try! PartialDate("2026-11-23")

    static func experience(_ status: ExperienceStatus, start: String? = nil, end: String? = nil, ongoing: Bool = false) throws -> Experience {
        var experience = Experience(id: "3f9a1c2e5b7d4a60", kind: .job, title: "현장 실습")
        experience.status = status
        experience.period = Period(start: try start.map { try PartialDate($0) },
                                   end: ongoing ? .ongoing : try end.map { .date(try PartialDate($0)) })
        return experience
    }

    @Test(arguments: [
        // status, start, end, the warning's code (nil: none)
        (ExperienceStatus.completed, "2027-03", nil, "status.notStarted"),
        (.discontinued, "2026-12", "2027-02", "status.notStarted"),
        (.completed, "2026-01", "2027", "status.notEnded"),
        (.completed, "2026-01", "2026-11-24", "status.notEnded"),
        (.completed, "2026-01", "2026-11", nil),            // this month: not after today
        (.completed, "2026", "2026", nil),
        (.completed, "2025-03", "2026-11-23", nil),
        (.planned, "2027-01", nil, nil),
        (.planned, "2026-03", nil, "status.started"),
        (.planned, "2024-03", "2024-08", "status.ended"),
        (.planned, nil, "2026-12", nil),
        (.ongoing, "2025-09", nil, nil),
        (.ongoing, "2025-09", "2027-02", nil),               // a planned end ahead
        (.ongoing, "2025-09", "2026-06", "status.ended"),
        (.ongoing, "2027-01", nil, "status.notStarted"),
        (.ongoing, nil, nil, nil),
    ] as [(ExperienceStatus, String?, String?, String?)])
    func warnsWhereTheDatesDisagree(status: ExperienceStatus, start: String?, end: String?, code: String?) throws {
        let warnings = try Self.experience(status, start: start, end: end).statusWarnings(today: Self.today)
        #expect(warnings.map(\.code) == (code.map { [$0] } ?? []))
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.location?.field == "status" && $0.hint != nil })
    }

    @Test func saysWhichDateAndWhatToDo() throws {
        let late = try Self.experience(.ongoing, start: "2025-09", end: "2026-06").statusWarnings(today: Self.today)
        #expect(late.first?.description == """
            experience 3f9a1c2e, status: warning: it is ongoing, but its end, 2026-06, has passed
              hint: if it ended then: pathfolio end 3f9a1c2e --date 2026-06
            """)
        let ahead = try Self.experience(.completed, start: "2027-03").statusWarnings(today: Self.today)
        #expect(ahead.first?.message == "it is completed, but it starts 2027-03, after today")
        #expect(ahead.first?.hint == "if it has not begun yet, make it planned: pathfolio edit 3f9a1c2e --status planned")
        // Named as the caller shows it (whole, where its short form is shared).
        let whole = try Self.experience(.planned, start: "2026-03").statusWarnings(today: Self.today, shown: "3f9a1c2e5b7d4a60")
        #expect(whole.first?.hint == "if it has begun: pathfolio edit 3f9a1c2e5b7d4a60 --status ongoing")
    }

    @Test func labelOnlyAndOngoingEndsAreNeverContradicted() throws {
        var experience = try Self.experience(.completed, start: "2025-01", ongoing: false)
        experience.period.end = .date(try PartialDate(label: "내년 봄"))
        #expect(experience.statusWarnings(today: Self.today).isEmpty)
        #expect(try Self.experience(.ongoing, start: "2025-01", ongoing: true).statusWarnings(today: Self.today).isEmpty)
    }
}
