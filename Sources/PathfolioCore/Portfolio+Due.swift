extension Portfolio {
    /// An experience that ended without the reflection its kind calls for.
    public struct DueReflection: Sendable, Hashable {
        public var experience: Experience
        /// `postPlacement` or `postTraining`.
        public var kind: ReflectionKind
        /// When it ended, if known.
        public var ended: PartialDate?
    }

    /// Experiences that ended (completed or discontinued, with an end not after `today`)
    /// without their post-placement or post-training reflection, oldest end first.
    ///
    /// Jobs, work-experience programmes and volunteering call for `postPlacement`;
    /// trainings and education for `postTraining`; other kinds for none.
    public func reflectionsDue(today: PartialDate) -> [DueReflection] {
        let written = Set(reflections.map { "\($0.experienceID.rawValue)|\($0.kind.rawValue)" })
        return experiences.compactMap { experience -> DueReflection? in
            guard experience.status.hasEnded, let kind = experience.kind.endingReflection,
                  !written.contains("\(experience.id.rawValue)|\(kind.rawValue)") else { return nil }
            let end = experience.period.end?.date
            if let end, end.compare(atCommonPrecision: today) == .after { return nil }
            return DueReflection(experience: experience, kind: kind, ended: end)
        }
        .sorted { a, b in
            let keyA = a.ended?.sortKey ?? "~", keyB = b.ended?.sortKey ?? "~"
            return keyA != keyB ? keyA < keyB : Experience.chronological(a.experience, b.experience)
        }
    }
}
