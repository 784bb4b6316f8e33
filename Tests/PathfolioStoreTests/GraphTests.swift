import Foundation
import GRDB
import PathfolioCore
@testable import PathfolioStore
import Testing

struct GraphTests {
    @Test func aCycleIsRefusedAndNothingIsWritten() throws {
        let seeded = try Seeded()
        let revisions = try seeded.ledger.read { try Int.fetchOne($0.db, sql: "SELECT count(*) FROM revision") }
        #expect { try seeded.ledger.link(from: seeded.job.id, to: seeded.training.id, type: .ledTo) } throws: { error in
            guard case LedgerError.invalid(let diagnostics) = error else { return false }
            return diagnostics.map(\.code) == ["link.cycle"]
        }
        #expect(try seeded.ledger.read { try Int.fetchOne($0.db, sql: "SELECT count(*) FROM revision") } == revisions)
    }

    @Test func linksStayWithinOnePerson() throws {
        let seeded = try Seeded()
        let other = try seeded.ledger.addPerson(name: "Alex")
        let theirs = try seeded.ledger.add(Experience(id: seeded.ledger.newID(), kind: .job, title: "Barista"), for: other.id)
        #expect { try seeded.ledger.link(from: seeded.job.id, to: theirs.id, type: .relatedTo) } throws: { error in
            (error as? LedgerError)?.code == "link.crossPerson"
        }
    }

    @Test func theCareerPathIsATreeInDateOrder() throws {
        let seeded = try Seeded()
        let steps = try seeded.ledger.careerPath(of: seeded.person.id)
        let view = steps.map { "\(String(repeating: "  ", count: $0.depth))\($0.via?.rawValue ?? "root") \($0.experienceID)" }
        #expect(view == [
            "root \(seeded.training.id)",
            "  ledTo \(seeded.programme.id)",
            "    partOf \(seeded.mentoring.id)",
            "    ledTo \(seeded.job.id)",
        ])
    }

    @Test func walksUpAndDown() throws {
        let seeded = try Seeded()
        let up = try seeded.ledger.walk(from: seeded.job.id, .ancestors).map(\.experienceID)
        #expect(up == [seeded.job.id, seeded.programme.id, seeded.training.id])
        let down = try seeded.ledger.walk(from: seeded.training.id, .descendants, following: [.ledTo]).map(\.experienceID)
        #expect(down == [seeded.training.id, seeded.programme.id, seeded.job.id])
        let container = try seeded.ledger.walk(from: seeded.mentoring.id, .ancestors).map(\.experienceID)
        #expect(container == [seeded.mentoring.id, seeded.programme.id, seeded.training.id])
    }

    /// The walks that hand out headings a step at a time (what `path` prints from) give the
    /// same steps, in the same order, as the walks that return the steps, and each step's
    /// heading is the stored experience's: on a forest of several roots with children,
    /// siblings out of date order, organizations on some, and a deleted experience.
    @Test func headedWalksMatchTheStepsAndTheStoredExperiences() throws {
        let ledger = try Ledger.inMemory(options: .init(ids: .sequential(), actor: "tester"))
        let person = try ledger.addPerson(name: "Jordan Lee")
        func make(_ kind: ExperienceKind, _ title: String, _ start: String, organization: String? = nil) throws -> ExperienceID {
            let experience = Experience(id: ledger.newID(), kind: kind, title: title, period: Period(start: try PartialDate(start)))
            let stored = try ledger.add(experience, for: person.id, organizationName: organization)
            return stored.id
        }
        let school = try make(.education, "고등학교", "2015-03", organization: "서울고")
        let course = try make(.training, "Data course", "2019-02", organization: "Code Academy")
        let later = try make(.job, "Analyst", "2021-06", organization: "㈜데이터랩")
        let earlier = try make(.workExperience, "청년 일경험", "2019-09", organization: "㈜데이터랩")
        let module = try make(.mentoring, "현직자 멘토링", "2019-10")
        let gone = try make(.project, "Dropped project", "2020-01")
        let volunteer = try make(.volunteering, "Food bank", "2018-05")
        try ledger.link(from: course, to: later, type: .ledTo)
        try ledger.link(from: course, to: earlier, type: .ledTo)
        try ledger.link(from: earlier, to: later, type: .ledTo)
        try ledger.link(from: module, to: earlier, type: .partOf)
        try ledger.link(from: school, to: gone, type: .ledTo)
        try ledger.delete(gone.rawValue)

        // The steps of a headed walk, each heading checked against the stored experience
        // (after the walk: the ledger reads one thing at a time).
        func headed(_ walk: ((PathStep, ExperienceHeading) throws -> Void) throws -> Void) throws -> [PathStep] {
            var steps: [(PathStep, ExperienceHeading)] = []
            try walk { steps.append(($0, $1)) }
            for (step, heading) in steps {
                #expect(heading == ExperienceHeading(try ledger.read { try $0.stored(step.experienceID) }))
            }
            return steps.map(\.0)
        }
        let whole = try ledger.careerPath(of: person.id)
        #expect(whole.map(\.experienceID) == [school, volunteer, course, earlier, module, later, later])
        #expect(try headed { try ledger.careerPath(of: person.id, each: $0) } == whole)
        for id in [course, earlier, later, module, school] {
            for direction in [WalkDirection.ancestors, .descendants] {
                for types: Set<LinkType> in [[.ledTo, .partOf], [.ledTo], [.partOf]] {
                    let steps = try ledger.walk(from: id, direction, following: types)
                    #expect(try headed { try ledger.walk(from: id, direction, following: types, each: $0) } == steps)
                }
            }
        }
        var visited = 0
        try ledger.walk(from: gone, .descendants) { _, _ in visited += 1 }
        #expect(visited == 0)
    }

    @Test func walksALongChainInSQL() throws {
        let ledger = try Ledger.inMemory(options: .init(ids: .sequential()))
        let person = try ledger.addPerson(name: "Long path")
        let ids: [ExperienceID] = try ledger.transaction { tx in
            let ids: [ExperienceID] = (0..<2_000).map { _ in tx.newID() }
            for (index, id) in ids.enumerated() {
                try tx.add(Experience(id: id, kind: .project, title: "Step \(index)"), for: person.id)
                if index > 0 { try tx.db.execute(sql: "INSERT INTO link (fromID, toID, type, createdAt) VALUES (?, ?, 'ledTo', 'x')",
                                                 arguments: [ids[index - 1].rawValue, id.rawValue]) }
            }
            return ids
        }
        let walk = try ledger.walk(from: ids[0], .descendants)
        #expect(walk.count == 2_000)
        #expect(walk.last?.experienceID == ids.last)
        #expect(walk.last?.depth == 1_999)
    }

    @Test func prefixesResolveWhenUnique() throws {
        let ledger = try Ledger.inMemory(options: .init(ids: .sequential(prefix: "ab")))
        let person = try ledger.addPerson(name: "P")
        let a = try ledger.add(Experience(id: "abcd1111", kind: .job, title: "A"), for: person.id)
        _ = try ledger.add(Experience(id: "abcd2222", kind: .job, title: "B"), for: person.id)
        func resolve(_ reference: String) throws -> ExperienceID {
            try ledger.read { try $0.resolveExperience(reference) }
        }
        #expect(try resolve("abcd1") == a.id)
        #expect { try resolve("abcd") } throws: { error in
            guard case LedgerError.ambiguous(_, _, let candidates) = error else { return false }
            return candidates == ["abcd1111", "abcd2222"]
        }
        #expect { try resolve("abc") } throws: { ($0 as? LedgerError)?.category == .notFound }
        #expect { try resolve("ffff") } throws: { ($0 as? LedgerError)?.category == .notFound }
    }

    @Test func filtersByKindStatusTagAndDates() throws {
        let seeded = try Seeded()
        try seeded.ledger.update(seeded.job.id) { $0.tags = ["Data"] }
        func titles(_ filter: ExperienceFilter) throws -> [String] {
            try seeded.ledger.experiences(matching: filter).map(\.experience.title)
        }
        #expect(try titles(ExperienceFilter(kinds: [.job, .training])) == ["데이터 분석 실무", "주니어 데이터 분석가"])
        #expect(try titles(ExperienceFilter(statuses: [.ongoing])) == ["주니어 데이터 분석가"])
        #expect(try titles(ExperienceFilter(tags: ["data"])) == ["주니어 데이터 분석가"])
        #expect(try titles(ExperienceFilter(since: PartialDate("2024-11"))) == ["청년 일경험", "현직자 멘토링", "주니어 데이터 분석가"])
        #expect(try titles(ExperienceFilter(since: PartialDate("2024"))).count == 4)
        #expect(try titles(ExperienceFilter(until: PartialDate("2024-08"))) == ["데이터 분석 실무"])
    }

    @Test func organizationsAreSharedByRolesAndMatchedByName() throws {
        let seeded = try Seeded()
        #expect(seeded.programme.organization?.id == seeded.job.organization?.id)
        let again = try seeded.ledger.add(Experience(id: seeded.ledger.newID(), kind: .job, title: "Returning role"),
                                          for: seeded.person.id, organizationName: "  ㈜데이터랩 ")
        #expect(again.organization?.id == seeded.job.organization?.id)
        #expect(try seeded.ledger.read { try $0.organizations(of: seeded.person.id) }.count == 2)
    }

    @Test func thePortfolioValueRoundTripsThroughTheStore() throws {
        let seeded = try Seeded()
        let portfolio = try seeded.ledger.portfolio(of: seeded.person.id)
        #expect(portfolio.diagnostics() == [])
        #expect(portfolio.experiences.count == 4)
        #expect(portfolio.links.count == 4)
        #expect(portfolio.experiences.first { $0.kind == .training }?.training?.hours == 600)
        #expect(portfolio == portfolio.normalized())
    }
}
