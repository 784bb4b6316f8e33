import Foundation
import PathfolioCore
import PathfolioStore
import Testing

/// The ten lines README.md shows for using Pathfolio from Swift, run as written.
@Suite struct LibraryUsageTests {
    @Test func theReadmeExampleWorks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pathfolio-readme-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }

        // README: "Use it from Swift"
        let ledger = try Ledger.open(at: folder.appendingPathComponent("career.sqlite").path, create: true)
        let me = try ledger.addPerson(name: "김하늘")
        let course = try ledger.add(Experience(id: ledger.newID(), kind: .training, title: "빅데이터 분석 실무 과정",
                                               period: Period(start: try PartialDate("2024-03"), end: .date(try PartialDate("2024-08")))),
                                    for: me.id, organizationName: "한국폴리텍대학")
        let job = try ledger.add(Experience(id: ledger.newID(), kind: .job, status: .ongoing, title: "주니어 데이터 분석가",
                                            period: Period(start: try PartialDate("2025-01"), end: .ongoing)), for: me.id)
        try ledger.link(from: course.experience.id, to: job.experience.id, type: .ledTo)
        let path = try ledger.careerPath(of: me.id)          // [course (depth 0), job (depth 1)]
        let revisions = try ledger.history(of: job.experience.id.rawValue)

        #expect(path.map(\.experienceID) == [course.experience.id, job.experience.id])
        #expect(path.map(\.depth) == [0, 1])
        #expect(path[1].via == .ledTo)
        #expect(revisions.map(\.action) == [.create, .create])  // the job, then the link that reaches it
        #expect(try ledger.experiences().map(\.organization?.name) == ["한국폴리텍대학", nil])
    }
}
