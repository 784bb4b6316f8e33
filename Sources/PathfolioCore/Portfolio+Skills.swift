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
        canonicallyOrdered().skillInventoryInOrder()
    }

    /// ``skillInventory()`` of a portfolio already in canonical order (a writer that has put
    /// it in order need not again).
    package func skillInventoryInOrder() -> [SkillEvidence] {
        var items: [SkillEvidence] = []
        var keys: [String] = []         // each item's name lowercased
        var slots: [String: Int] = [:]  // a skill's lowercased name → its place in `items`
        // Each experience by its place in the path (the first, should an ID repeat), and
        // each reflection by its own: what each skill already lists is kept as pairs of
        // numbers, so that a skill shared by thousands of experiences is not searched
        // linearly for every one of them, and no ID is hashed more than once.
        let position = Dictionary(experiences.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var elsewhere: [ExperienceID: Int] = [:]  // experiences a reflection names that are not in the portfolio
        func number(_ experience: ExperienceID) -> Int {
            if let place = position[experience] { return place }
            if let known = elsewhere[experience] { return known }
            let new = experiences.count + elsewhere.count
            elsewhere[experience] = new
            return new
        }
        struct Listed: Hashable {
            let slot: Int
            let number: Int
        }
        var seenExperiences = Set<Listed>(), seenReflections = Set<Listed>()
        var addedLate = false
        /// Notes a skill; whether the experience was new to it.
        @discardableResult
        func note(_ skill: String, experience: ExperienceID, number: Int, reflection: (id: ReflectionID, number: Int)? = nil) -> Bool {
            let key = skill.lowercased()
            let slot: Int
            if let known = slots[key] {
                slot = known
            } else {
                slot = items.count
                slots[key] = slot
                items.append(SkillEvidence(name: skill, experiences: [], reflections: []))
                keys.append(key)
            }
            let added = seenExperiences.insert(Listed(slot: slot, number: number)).inserted
            if added { items[slot].experiences.append(experience) }
            if let reflection, seenReflections.insert(Listed(slot: slot, number: reflection.number)).inserted {
                items[slot].reflections.append(reflection.id)
            }
            return added
        }
        for (place, experience) in experiences.enumerated() {
            guard !experience.skills.isEmpty else { continue }
            let number = position[experience.id] ?? place
            for skill in experience.skills { note(skill, experience: experience.id, number: number) }
        }
        var reflectionNumbers: [ReflectionID: Int] = [:]
        for reflection in reflections where !reflection.skillsGained.isEmpty {
            let experience = number(reflection.experienceID)
            let own = reflectionNumbers[reflection.id] ?? reflectionNumbers.count
            reflectionNumbers[reflection.id] = own
            for skill in reflection.skillsGained {
                // An experience a reflection adds may come before ones already listed.
                if note(skill, experience: reflection.experienceID, number: experience, reflection: (reflection.id, own)) { addedLate = true }
            }
        }
        // Re-sort each skill's experiences into path order (reflections may have added some late).
        if addedLate {
            for slot in items.indices {
                items[slot].experiences.sort { (position[$0] ?? .max) < (position[$1] ?? .max) }
            }
        }
        // By name ignoring case, then as written.
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
