import PathfolioCore
import Testing

/// Listings show an ID short unless its short form names another ID of the listing too.
struct ShortFormTests {
    @Test func onlyIDsWhoseShortFormsAreSharedAreShownWhole() {
        let ids: [ExperienceID] = [
            "2024exp-training", "2024exp-placement",  // IDs from another system, one prefix
            "5d1f0c3a9e7b4f21a8c6d2e0b9f71a44",       // random, alone
            "5D1F0C3Bxx", "5d1f0c3b-yy",              // the same short form but for letter case
            "job-1", "job-1",                         // the same ID twice is one ID
            "job-12345", "job-1234",                  // a short form that is another whole ID
            "job-2",                                  // shorter than a short form: itself
        ]
        let whole = ExperienceID.sharingShortForms(ids)
        #expect(whole == ["2024exp-training", "2024exp-placement", "5D1F0C3Bxx", "5d1f0c3b-yy", "job-12345", "job-1234"])
        #expect(ExperienceID("2024exp-training").shown(wholeAmong: whole) == "2024exp-training")
        #expect(ExperienceID("5d1f0c3a9e7b4f21a8c6d2e0b9f71a44").shown(wholeAmong: whole) == "5d1f0c3a")
        #expect(ExperienceID("job-1").shown(wholeAmong: whole) == "job-1")
        #expect(ExperienceID("job-12345").shown(wholeAmong: whole) == "job-12345")
        #expect(ExperienceID("job-2").shown(wholeAmong: whole) == "job-2")
        // What `person list` and the export's file names use gives the same answer.
        #expect(ExperienceID.shortOrWhole(ids).filter { $0.value == $0.key.rawValue && $0.key.rawValue.count > 8 }.keys
                    .sorted() == whole.filter { $0.rawValue.count > 8 }.sorted())
    }

    @Test func aListingOfDistinctShortFormsShowsEveryIDShort() {
        var generator = SystemRandomNumberGenerator()
        let ids = (0..<2_000).map { index in
            let hex = String(index, radix: 16)
            return ExperienceID(rawValue: String(repeating: "0", count: 8 - hex.count) + hex + String(generator.next() as UInt64, radix: 16))
        }
        #expect(ExperienceID.sharingShortForms(ids).isEmpty)
        #expect(ExperienceID.sharingShortForms(ids + [ids[7]]).isEmpty)
        #expect(ExperienceID.sharingShortForms(ids + ["00000007-other"]) == [ids[7], "00000007-other"])
    }

    /// A short form that is not ASCII (no well-formed ID has one, but the type does not check)
    /// is compared with letter case folded, as before.
    @Test func shortFormsThatAreNotASCIIAreComparedAsText() {
        let ids: [ExperienceID] = ["ÉTAPE-01-a", "étape-01-b", "étape-02"]
        #expect(ExperienceID.sharingShortForms(ids) == ["ÉTAPE-01-a", "étape-01-b"])
    }
}
