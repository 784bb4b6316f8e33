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
        var items: [SkillEvidence] = []
        var slots: [String: Int] = [:]  // a skill's lowercased name → its place in `items`
        // What each skill already lists, so that a skill shared by thousands of experiences
        // is not searched linearly for every one of them.
        struct Listed: Hashable {
            let slot: Int
            let id: String
        }
        var seenExperiences = Set<Listed>(), seenReflections = Set<Listed>()
        var addedLate = false
        func note(_ skill: String, experience: ExperienceID, reflection: ReflectionID? = nil) {
            let key = skill.lowercased()
            let slot: Int
            if let known = slots[key] {
                slot = known
            } else {
                slot = items.count
                slots[key] = slot
                items.append(SkillEvidence(name: skill, experiences: [], reflections: []))
            }
            if seenExperiences.insert(Listed(slot: slot, id: experience.rawValue)).inserted {
                items[slot].experiences.append(experience)
                if reflection != nil { addedLate = true }
            }
            if let reflection, seenReflections.insert(Listed(slot: slot, id: reflection.rawValue)).inserted {
                items[slot].reflections.append(reflection)
            }
        }
        for experience in ordered.experiences {
            for skill in experience.skills { note(skill, experience: experience.id) }
        }
        for reflection in ordered.reflections {
            for skill in reflection.skillsGained { note(skill, experience: reflection.experienceID, reflection: reflection.id) }
        }
        // Re-sort each skill's experiences into path order (reflections may have added some late).
        if addedLate {
            let position = Dictionary(ordered.experiences.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            for slot in items.indices {
                items[slot].experiences.sort { (position[$0] ?? .max) < (position[$1] ?? .max) }
            }
        }
        // By name ignoring case, then as written; each name lowercased once.
        let keys = items.map { $0.name.lowercased() }
        return items.indices.sorted { a, b in
            keys[a] != keys[b] ? keys[a] < keys[b] : items[a].name < items[b].name
        }.map { items[$0] }
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
