extension Portfolio {
    /// One skill and what evidences it.
    public struct SkillEvidence: Sendable, Hashable {
        /// The skill as first written.
        public var name: String
        /// Experiences that list the skill, in path order.
        public var experiences: [ExperienceID]
        /// Reflections that name it among the skills gained, in path order. Their experiences
        /// are in ``experiences`` too.
        public var reflections: [ReflectionID]

        /// Whether a reflection backs the skill (it was named as learned, not only listed).
        public var isReflected: Bool { !reflections.isEmpty }
    }

    /// Every skill of the portfolio with the experiences and reflections that evidence it.
    ///
    /// A skill gained in a reflection joins its experience's skills. Skills are matched
    /// without regard to letter case (`sql` and `SQL` are one skill, shown as first written);
    /// the result is sorted by name, ignoring case.
    public func skillInventory() -> [SkillEvidence] {
        let ordered = canonicallyOrdered()
        var order: [String] = []
        var inventory: [String: SkillEvidence] = [:]
        // What each skill already lists, so that a skill shared by thousands of experiences
        // is not searched linearly for every one of them.
        var seenExperiences = Set<[String]>(), seenReflections = Set<[String]>()
        func note(_ skill: String, experience: ExperienceID, reflection: ReflectionID? = nil) {
            let key = skill.lowercased()
            if inventory[key] == nil {
                order.append(key)
                inventory[key] = SkillEvidence(name: skill, experiences: [], reflections: [])
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
        // Re-sort each skill's experiences into path order (reflections may have added some late).
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

    /// The skills of one experience: its own, then those its reflections add.
    public func skills(of experience: ExperienceID) -> [String] {
        let own = self.experience(experience)?.skills ?? []
        return (own + reflections(on: experience).flatMap(\.skillsGained)).normalizedUniqueLinesIgnoringCase
    }
}

extension Array where Element == String {
    /// Like ``normalizedUniqueLines`` but treating letter-case variants as repeats.
    public var normalizedUniqueLinesIgnoringCase: [String] {
        var seen = Set<String>()
        return normalizedUniqueLines.filter { seen.insert($0.lowercased()).inserted }
    }
}
