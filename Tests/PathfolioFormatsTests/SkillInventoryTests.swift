@testable import PathfolioCore
import Testing

/// `skillInventory()` lists each skill (letter case ignored) with what evidences it; it is
/// made for every portfolio an export renders, so it avoids allocations and repeated case
/// folding. The result must be what the plain algorithm gives.
struct SkillInventoryTests {
    /// The inventory as first written: sets of arrays, names lowercased at every comparison.
    static func reference(_ portfolio: Portfolio) -> [Portfolio.SkillEvidence] {
        let ordered = portfolio.canonicallyOrdered()
        var order: [String] = []
        var inventory: [String: Portfolio.SkillEvidence] = [:]
        var seenExperiences = Set<[String]>(), seenReflections = Set<[String]>()
        func note(_ skill: String, experience: ExperienceID, reflection: ReflectionID? = nil) {
            let key = skill.lowercased()
            if inventory[key] == nil {
                order.append(key)
                inventory[key] = Portfolio.SkillEvidence(name: skill, experiences: [], reflections: [])
            }
            if seenExperiences.insert([key, experience.rawValue]).inserted { inventory[key]!.experiences.append(experience) }
            if let reflection, seenReflections.insert([key, reflection.rawValue]).inserted {
                inventory[key]!.reflections.append(reflection)
            }
        }
        for experience in ordered.experiences {
            for skill in experience.skills { note(skill, experience: experience.id) }
        }
        for reflection in ordered.reflections {
            for skill in reflection.skillsGained { note(skill, experience: reflection.experienceID, reflection: reflection.id) }
        }
        let position = Dictionary(ordered.experiences.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        return order.compactMap { inventory[$0] }.map { item in
            var item = item
            item.experiences.sort { (position[$0] ?? .max) < (position[$1] ?? .max) }
            return item
        }.sorted { a, b in
            let left = a.name.lowercased(), right = b.name.lowercased()
            return left != right ? left < right : a.name < b.name
        }
    }

    @Test(arguments: 1...60 as ClosedRange<UInt64>)
    func inventoryMatchesThePlainAlgorithm(seed: UInt64) {
        var generator = PortfolioGenerator(seed: seed)
        var rng = SplitMix64(seed: seed)
        var portfolio = generator.portfolio(experiences: 3 + Int(seed % 8))
        // Skills shared in other letter cases, and reflections naming skills of other experiences.
        let shared = ["SQL", "sql", "Sql", "데이터 분석", "Python", "python", "Ä", "ä"]
        for index in portfolio.experiences.indices {
            portfolio.experiences[index].skills += (0..<Int(rng.next() % 3)).map { _ in shared[Int(rng.next() % UInt64(shared.count))] }
        }
        for index in portfolio.reflections.indices {
            portfolio.reflections[index].skillsGained += (0..<Int(rng.next() % 3)).map { _ in shared[Int(rng.next() % UInt64(shared.count))] }
            if rng.next() % 3 == 0, let other = portfolio.experiences.randomElement(using: &rng) {
                portfolio.reflections[index].experienceID = other.id
            }
        }
        #expect(portfolio.skillInventory() == Self.reference(portfolio))
    }
}
