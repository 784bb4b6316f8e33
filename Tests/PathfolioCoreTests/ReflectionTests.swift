import PathfolioCore
import Testing

struct ReflectionTests {
    @Test func theSuggestedKindFollowsWhereTheExperienceStands() {
        let portfolio = Fixtures.jobSeeker
        func suggested(_ id: ExperienceID) -> ReflectionKind {
            portfolio.experience(id)!.suggestedReflectionKind(written: portfolio.reflections(on: id))
        }
        #expect(suggested("e2") == .postPlacement)   // ended, nothing written yet
        #expect(suggested("e1") == .free)            // its post-training reflection exists
        #expect(suggested("e4") == .checkpoint)      // a job still going on
        #expect(suggested("e5") == .checkpoint)      // planned
        #expect(suggested("e3") == .free)            // mentoring calls for no ending reflection
    }

    @Test func aNewReflectionIsSharedWithTheCounselorAndOutcomesFitTheirKind() throws {
        let reflection = Reflection(id: "r9", experienceID: "e2", kind: .postPlacement, written: Fixtures.date("2024-12-20"))
        #expect(reflection.visibility == .counselor)
        var portfolio = Fixtures.jobSeeker
        portfolio.experiences[2].visibility = .public
        portfolio.reflections.append(reflection)
        #expect(portfolio.visible(to: .counselor).reflections.map(\.id) == ["r9"])
        #expect(portfolio.visible(to: .public).reflections.isEmpty)
        #expect(ReflectionOutcome.allCases.filter { $0.fits(.postPlacement) } == [.hired, .contractExtended, .finishedAsPlanned, .leftEarly, .other])
        #expect(ReflectionOutcome.allCases.filter { $0.fits(.postTraining) } == [.completed, .credentialEarned, .droppedOut, .other])
    }

    @Test func skillsGainedJoinTheExperiencesSkillsAsReflected() {
        let portfolio = Fixtures.jobSeeker
        #expect(portfolio.skills(of: "e1") == ["SQL", "Python", "Pandas"])
        let pandas = portfolio.skillInventory().first { $0.name == "Pandas" }
        #expect(pandas?.isReflected == true && pandas?.experiences == ["e1"])
    }
}
