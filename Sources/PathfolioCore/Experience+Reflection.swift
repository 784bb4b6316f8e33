extension Experience {
    /// The kind of reflection to write next on this experience, given those already written.
    ///
    /// An ended job, work-experience programme or training calls for its post-placement or
    /// post-training reflection until one exists; one still going on (or planned) for a
    /// checkpoint; anything else for a free reflection.
    public func suggestedReflectionKind(written: [Reflection]) -> ReflectionKind {
        if status.hasEnded, let ending = kind.endingReflection {
            return written.contains { $0.kind == ending } ? .free : ending
        }
        return status.hasEnded || kind.endingReflection == nil ? .free : .checkpoint
    }
}
