import Foundation
import PathfolioCore
import Testing

struct PortfolioValidationTests {
    @Test func theFixtureIsValid() {
        #expect(Fixtures.jobSeeker.diagnostics() == [])
    }

    @Test func ledToCycleIsNamedWithItsPath() {
        var portfolio = Fixtures.jobSeeker
        portfolio.links.append(Link(from: "e4", to: "e1", type: .ledTo))
        let found = portfolio.diagnostics()
        #expect(found.map(\.code) == ["link.cycle"])
        #expect(found.first?.message == "ledTo links must not form a cycle: e4 → e1 → e2 → e4")
    }

    @Test func partOfCycleIsAnErrorButRelatedToCyclesAreFine() {
        var portfolio = Fixtures.jobSeeker
        portfolio.links.append(Link(from: "e2", to: "e3", type: .partOf))
        #expect(portfolio.diagnostics().map(\.code) == ["link.cycle"])
        portfolio.links.removeLast()
        portfolio.links += [Link(from: "e1", to: "e4", type: .relatedTo), Link(from: "e4", to: "e1", type: .relatedTo)]
        #expect(portfolio.diagnostics() == [])
    }

    @Test func selfLinksDuplicatesAndDanglingEndsAreErrors() {
        var portfolio = Fixtures.jobSeeker
        portfolio.links += [
            Link(from: "e1", to: "e1", type: .relatedTo),
            Link(from: "e1", to: "e2", type: .ledTo),
            Link(from: "e1", to: "nowhere", type: .supports),
        ]
        #expect(portfolio.diagnostics().map(\.code) == ["link.self", "link.duplicate", "reference.unresolved"])
    }

    @Test func referencesMustResolve() {
        var portfolio = Fixtures.jobSeeker
        portfolio.experiences[1].organizationID = "o404"
        portfolio.reflections[0].experienceID = "e404"
        let found = portfolio.diagnostics()
        #expect(found.map(\.code) == ["reference.unresolved", "reference.unresolved"])
        #expect(found.map { $0.location?.field } == ["organizationID", "experienceID"])
    }

    @Test func duplicateIDsAreReportedOnce() {
        var portfolio = Fixtures.jobSeeker
        portfolio.experiences.append(portfolio.experiences[1])
        portfolio.experiences.append(portfolio.experiences[1])
        #expect(portfolio.diagnostics().map(\.code) == ["id.duplicate"])
    }

    @Test func kindDetailsMustMatchTheKind() {
        var experience = Fixtures.jobSeeker.experiences[1]
        experience.kind = .job
        let found = experience.diagnostics()
        #expect(found.map(\.code) == ["details.kindMismatch"])
        #expect(found.first?.hint == "training fields apply to training experiences only; remove them or change the kind")
    }

    @Test func everyRuleOfOneExperienceIsReportedAtOnce() throws {
        let experience = Experience(id: "bad id", kind: .job, status: .completed, title: "  ",
                                    period: Period(start: try PartialDate("2024-05"), end: .ongoing),
                                    evidence: [Evidence(title: "cert", uri: "", sha256: "xyz")])
        #expect(experience.diagnostics().map(\.code) == ["id.malformed", "field.required", "status.conflict", "evidence.uri", "evidence.sha256"])
    }

    @Test func reflectionRules() throws {
        var reflection = Fixtures.jobSeeker.reflections[0]
        reflection.rating = 6
        reflection.outcome = .hired
        reflection.written = try PartialDate("2024-08")
        reflection.entries.append(reflection.entries[0])
        #expect(reflection.diagnostics().map(\.code) == ["reflection.rating", "reflection.outcome", "reflection.written", "reflection.key"])
    }
}

struct NormalizationTests {
    @Test func decomposedKoreanBecomesNFC() {
        let decomposed = "\u{1112}\u{1161}\u{11AB}\u{1100}\u{1173}\u{11AF}"  // 한글, as macOS input methods send it
        #expect(decomposed.unicodeScalars.count == 6)
        let experience = Experience(id: "e", kind: .job, title: " \(decomposed) 분석\n", skills: [decomposed, "한글"]).normalized()
        #expect(experience.title.unicodeScalars.count == 5)
        #expect(Array(experience.title.utf8) == Array("한글 분석".utf8))
        #expect(experience.skills == ["한글"])
    }

    @Test func oneLineFieldsLoseLineBreaksAndMultiLineFieldsKeepThem() {
        let experience = Experience(id: "e", kind: .job, title: "Data\r\n  analyst\t", summary: "\n\nLine one  \r\nLine two\n\n",
                                    tags: ["  youth ", "youth", ""]).normalized()
        #expect(experience.title == "Data analyst")
        #expect(experience.summary == "Line one\nLine two")
        #expect(experience.tags == ["youth"])
    }

    @Test func emptyDetailGroupsDisappear() {
        let experience = Experience(id: "e", kind: .training, title: "T", training: TrainingDetails(credential: "  ")).normalized()
        #expect(experience.training == nil)
    }
}

struct AudienceTests {
    @Test func publicSeesOnlyPublicRecords() throws {
        let shown = Fixtures.jobSeeker.visible(to: .public)
        #expect(shown.experiences.map(\.id) == ["e0", "e1", "e2", "e4"])
        #expect(shown.reflections.isEmpty)
        #expect(shown.person.details.map(\.kind) == [.headline])
        #expect(shown.person.tags.isEmpty)
        #expect(!shown.links.contains { $0.from == "e3" || $0.to == "e5" })
        let text = String(decoding: try JSONEncoder().encode(shown), as: UTF8.self)
        for secret in ["haneul@example.kr", "010-1234-5678", "1999-04-02", "현직자 멘토링", "데이터 엔지니어", "SQL 조인"] {
            #expect(!text.contains(secret), "public export leaks '\(secret)'")
        }
    }

    @Test func counselorSeesEverythingButPrivate() {
        let shown = Fixtures.jobSeeker.visible(to: .counselor)
        #expect(shown.experiences.map(\.id) == ["e0", "e1", "e2", "e3", "e4"])
        #expect(shown.person.details.map(\.kind) == [.email, .headline])
        #expect(shown.person.tags == ["youth"])
        #expect(shown.reflections.isEmpty)
    }

    @Test func selfSeesEverything() {
        #expect(Fixtures.jobSeeker.visible(to: .self) == Fixtures.jobSeeker)
    }

    @Test func aHiddenNameBecomesTheID() {
        var portfolio = Fixtures.jobSeeker
        portfolio.person.nameVisibility = .counselor
        #expect(portfolio.visible(to: .public).person.name == "Candidate p1")
        #expect(portfolio.visible(to: .counselor).person.name == "김하늘")
    }

    @Test func blindProfileDropsIdentityAndSchoolNames() throws {
        let blind = Fixtures.jobSeeker.blinded()
        #expect(blind.person.name == "Candidate p1")
        #expect(blind.person.details.map(\.kind) == [.headline])
        #expect(blind.experiences.first { $0.kind == .education }?.organizationID == nil)
        #expect(!blind.organizations.contains { $0.name == "서울대학교" })
        #expect(blind.organizations.contains { $0.name == "㈜데이터랩" })
    }
}

struct ExperienceValueTests {
    @Test func aCopyChangedLeavesTheOriginalAsItWas() {
        let original = Fixtures.jobSeeker.experiences[1]
        var copy = original
        #expect(copy == original)
        copy.title = "바뀐 제목"
        copy.skills.append("R")
        copy.training?.hours = 1
        #expect(original == Fixtures.jobSeeker.experiences[1])
        #expect(original.title != "바뀐 제목" && !original.skills.contains("R"))
        #expect(copy != original)
        // Changed back field by field, the copy is equal again, and hashes alike.
        copy.title = original.title
        copy.skills.removeLast()
        copy.training?.hours = original.training?.hours
        #expect(copy == original)
        #expect(Set([copy, original]).count == 1)
    }

    @Test func anExperienceInAListChangesInPlaceWithoutTouchingOtherCopies() {
        var portfolio = Fixtures.jobSeeker
        let before = portfolio.experiences
        portfolio.experiences[0].organizationID = nil
        #expect(portfolio.experiences[0].organizationID == nil)
        #expect(before[0].organizationID != nil)
        #expect(Array(portfolio.experiences.dropFirst()) == Array(before.dropFirst()))
    }
}

struct KeepingExperiencesTests {
    @Test func whatNoKeptExperienceReachesGoes() {
        // e1 is the only experience at 한국폴리텍대학, and the only one reflected on.
        let kept = Fixtures.jobSeeker.keepingExperiences { $0.id != "e1" }
        #expect(kept.experiences.map(\.id) == ["e0", "e2", "e3", "e4", "e5"])
        #expect(kept.links.count == 4 && !kept.links.contains { $0.from == "e1" })
        #expect(kept.reflections.isEmpty)
        #expect(kept.organizations.map(\.name) == ["㈜데이터랩", "서울대학교"])
    }

    @Test func keepingEverythingStillDropsAnOrganizationNoExperienceNames() {
        var portfolio = Fixtures.jobSeeker
        portfolio.organizations.append(Organization(id: "unused", name: "아무도 없는 회사"))
        let kept = portfolio.keepingExperiences { _ in true }
        #expect(kept.experiences == portfolio.experiences)
        #expect(kept.links == portfolio.links && kept.reflections == portfolio.reflections)
        #expect(kept.organizations == Fixtures.jobSeeker.organizations)
    }

    /// Past 16 experiences the IDs are hashed rather than searched: the same answer.
    @Test func aLongPathIsPrunedTheSameWay() {
        var portfolio = Fixtures.jobSeeker
        let template = portfolio.experiences[1]
        for step in 0..<40 {
            var experience = template
            experience.id = ExperienceID(rawValue: "long-\(step)")
            portfolio.experiences.append(experience)
            if step > 0 { portfolio.links.append(Link(from: ExperienceID(rawValue: "long-\(step - 1)"), to: experience.id, type: .ledTo)) }
        }
        let kept = portfolio.keepingExperiences { $0.id.rawValue != "long-20" }
        #expect(kept.experiences.count == portfolio.experiences.count - 1)
        #expect(kept.links.count == portfolio.links.count - 2)
        #expect(!kept.links.contains { $0.from == "long-20" || $0.to == "long-20" })
        #expect(kept.organizations == portfolio.organizations)
    }
}

struct DueAndSkillsTests {
    @Test func endedPlacementsWithoutTheirReflectionAreDueOldestFirst() throws {
        let due = Fixtures.jobSeeker.reflectionsDue(today: try PartialDate("2026-11-23"))
        // e0 education (no post-training reflection) ended 2022-02; e1 has one; e2 ended 2024-12.
        #expect(due.map(\.experience.id) == ["e0", "e2"])
        #expect(due.map(\.kind) == [.postTraining, .postPlacement])
    }

    @Test func aFutureEndIsNotDueYet() throws {
        var portfolio = Fixtures.jobSeeker
        portfolio.experiences[2].period.end = .date(try PartialDate("2027-01"))
        #expect(!portfolio.reflectionsDue(today: try PartialDate("2026-11-23")).contains { $0.experience.id == "e2" })
    }

    @Test func skillsGainedInReflectionsJoinTheInventory() {
        let inventory = Fixtures.jobSeeker.skillInventory()
        #expect(inventory.map(\.name) == ["Pandas", "Python", "SQL", "Tableau"])
        let sql = inventory.first { $0.name == "SQL" }
        #expect(sql?.experiences == ["e1", "e4"])  // "sql" on e4 is the same skill
        let pandas = inventory.first { $0.name == "Pandas" }
        #expect(pandas?.reflections == ["r1"])
        #expect(pandas?.isReflected == true)
        #expect(Fixtures.jobSeeker.skills(of: "e1") == ["SQL", "Python", "Pandas"])
    }
}

struct IdentifierTests {
    @Test func seededGeneratorsRepeat() {
        let a = IDGenerator.seeded(42), b = IDGenerator.seeded(42)
        let first: [ExperienceID] = (0..<3).map { _ in a.next() }
        let second: [ExperienceID] = (0..<3).map { _ in b.next() }
        #expect(first == second)
        #expect(Set(first).count == 3)
        #expect(first.allSatisfy { $0.rawValue.count == 32 && ExperienceID.isWellFormed($0.rawValue) })
    }

    @Test(arguments: ["a", "3f9a1c2e", "e-1.x_y", String(repeating: "a", count: 64)])
    func wellFormed(_ id: String) { #expect(ExperienceID.isWellFormed(id)) }

    @Test(arguments: ["", "-a", ".a", "has space", "한글", "a/b", String(repeating: "a", count: 65)])
    func malformed(_ id: String) { #expect(!ExperienceID.isWellFormed(id)) }

    /// `short` counts bytes for ASCII IDs; it must agree with counting characters.
    @Test func shortIsTheFirstEightCharacters() {
        var samples = [
            "", "a", "abcdefg", "abcdefgh", "abcdefghi", "0123456789abcdef0123456789abcdef",
            "abcdefg\r\n", "abcdef\r\nxyz", "\r\n\r\n\r\n\r\n\r\n", "abcdefgh\r\n", "김하늘김하늘김하늘",
            "abcdefge\u{301}", "abcdefg\u{301}h", "🚀abcdefgh", "abcdefg🚀", "ab\u{0}cdefgh",
        ]
        // Random mixtures of ASCII, CR, LF, combining marks and wide characters.
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "Z", "7", "-", "\r", "\n", "\r\n", "\u{301}", "한", "🇰🇷", " "]
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...14, using: &generator)
            samples.append((0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in samples {
            #expect(ExperienceID(rawValue: text).short == String(text.prefix(8)),
                    "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
