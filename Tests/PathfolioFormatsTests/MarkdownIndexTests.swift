import Foundation
import PathfolioCore
import PathfolioFormats
import Testing

/// The counselor's caseload index and the people's file names.
struct MarkdownIndexTests {
    func person(_ id: PersonID, _ name: String, tags: [String], outcomes: [(ReflectionOutcome?, Int?)]) -> Portfolio {
        let experiences = outcomes.indices.map { index in
            Experience(id: ExperienceID("\(id.rawValue)e\(index)"), kind: .job, title: "Job \(index)",
                       period: Period(start: Samples.date("202\(index)"), end: .date(Samples.date("202\(index)"))))
        }
        let reflections = outcomes.enumerated().map { index, item in
            Reflection(id: ReflectionID("\(id.rawValue)r\(index)"), experienceID: experiences[index].id, kind: .postPlacement,
                       written: Samples.date("202\(index)-12-01"), rating: item.1, outcome: item.0)
        }
        return Portfolio(person: Person(id: id, name: name, tags: tags), experiences: experiences, reflections: reflections)
    }

    @Test func outcomesAreCountedPerTagAndForEveryoneOnce() {
        let people = [
            person("aaaa1111", "Ana", tags: ["youth"], outcomes: [(.hired, 5), (.finishedAsPlanned, 4)]),
            person("bbbb2222", "Ben", tags: ["youth", "career-changer"], outcomes: [(.leftEarly, 2)]),
            person("cccc3333", "Cho", tags: [], outcomes: [(nil, nil)]),
        ]
        let index = MarkdownPortfolioWriter(locale: .en, audience: .counselor).renderIndex(people, today: Samples.date("2026-11-23"))
        #expect(index.contains("""
            | Tag | People | Placements | Completions | Left early or dropped out | Average rating |
            | --- | --- | --- | --- | --- | --- |
            | Everyone | 3 | 1 | 1 | 1 | 3.7 (3) |
            | career-changer | 1 | 0 | 0 | 1 | 2.0 (1) |
            | youth | 2 | 1 | 1 | 1 | 3.7 (3) |
            | (no tag) | 1 | 0 | 0 | 0 | — |
            """))
        // Every ended job has its reflection, so nothing is due; the latest job is shown.
        #expect(index.contains("| [Ana](<ana-aaaa1111.md>) | youth | Job 1 (Job, 2021) | completed | 0 |"))
    }

    @Test func reflectionsDueCountEndedPlacementsWithoutOne() {
        var ana = person("aaaa1111", "Ana", tags: [], outcomes: [(.hired, 5), (nil, nil)])
        ana.reflections.removeAll { $0.experienceID == "aaaa1111e1" }
        let index = MarkdownPortfolioWriter(locale: .ko, audience: .counselor).renderIndex([ana], today: Samples.date("2026-11-23"))
        #expect(index.contains("| [Ana](<ana-aaaa1111.md>) | Job 1 (경력, 2021년) | 완료 | 1 |"))
        #expect(index.contains("*2026년 11월 23일 기준 · 대상: 진로 상담사 (비공개 항목 제외)*"))
    }

    /// People in the order of the names the index shows, case and accents aside; a name the
    /// audience may not see does not place its person (it would tell its first letter).
    @Test func peopleAreInTheOrderOfTheNamesShown() {
        let people = [person("aaaa0001", "Zoë", tags: [], outcomes: []), person("aaaa0002", "ana", tags: [], outcomes: []),
                      person("aaaa0003", "Ólafur", tags: [], outcomes: []), person("aaaa0004", "Bob", tags: [], outcomes: [])]
        var hidden = person("aaaa0005", "Aaron", tags: [], outcomes: [])
        hidden.person.nameVisibility = .private
        let index = MarkdownPortfolioWriter(locale: .en, audience: .counselor).renderIndex(people + [hidden], today: Samples.date("2026-11-23"))
        let rows = index.components(separatedBy: "## Outcomes")[0].split(separator: "\n")
            .filter { $0.hasPrefix("| [") }
        let names = rows.map { String($0.dropFirst(3).prefix { $0 != "]" }) }
        #expect(names == ["ana", "Bob", "Candidate aaaa0005", "Ólafur", "Zoë"], "\(index)")
    }

    /// A Tags column only when someone in it has tags the audience sees: a public or blind
    /// index (which shows no tags) and a caseload without tags have none.
    @Test func anIndexWithoutTagsHasNoEmptyTagsColumn() {
        let people = [person("aaaa1111", "Ana", tags: ["youth"], outcomes: [(.hired, 5)]),
                      person("bbbb2222", "Ben", tags: [], outcomes: [(nil, nil)])]
        let counselor = MarkdownPortfolioWriter(locale: .en, audience: .counselor).renderIndex(people, today: Samples.date("2026-11-23"))
        #expect(counselor.contains("| Person | Tags | Latest experience | Status | Reflections due |"))
        #expect(counselor.contains("| [Ben](<ben-bbbb2222.md>) |   | Job 0 (Job, 2020) | completed |"), "\(counselor)")
        for writer in [MarkdownPortfolioWriter(locale: .en, audience: .public),
                       MarkdownPortfolioWriter(locale: .en, audience: .counselor, blind: true)] {
            let files = people.map { writer.indexEntry(for: $0, fileName: "\($0.person.id.rawValue).md", today: Samples.date("2026-11-23")) }
            let index = writer.renderIndex(files, today: Samples.date("2026-11-23"))
            #expect(!index.contains("Tags") && !index.contains("youth"), "\(index)")
            #expect(index.contains("| Latest experience | Status |"), "\(index)")
        }
        let ko = MarkdownPortfolioWriter(locale: .ko, audience: .public).renderIndex(people, today: Samples.date("2026-11-23"))
        #expect(ko.contains("| 이름 | 최근 경험 | 상태 |\n| --- | --- | --- |"), "\(ko)")
    }

    @Test func namesakesAreToldApartByTheirIDs() {
        let people = [
            person("aaaa1111", "김민준", tags: [], outcomes: []),
            person("bbbb2222", "김민준", tags: [], outcomes: []),
            person("cccc3333x", "Ana", tags: [], outcomes: []),
            person("cccc3333y", "Ana", tags: [], outcomes: []),  // short IDs shared too: whole
            person("dddd4444", "Ben", tags: [], outcomes: []),
        ]
        let index = MarkdownPortfolioWriter(locale: .ko, audience: .counselor).renderIndex(people, today: Samples.date("2026-11-23"))
        #expect(index.contains("| [김민준](<김민준-aaaa1111.md>) (aaaa1111) |"))
        #expect(index.contains("| [김민준](<김민준-bbbb2222.md>) (bbbb2222) |"))
        #expect(index.contains("| [Ana](<ana-cccc3333x.md>) (cccc3333x) |"))
        #expect(index.contains("| [Ana](<ana-cccc3333y.md>) (cccc3333y) |"))
        #expect(index.contains("| [Ben](<ben-dddd4444.md>) |"))
        // In one document, where names link nowhere, the same.
        let writer = MarkdownPortfolioWriter(locale: .en, audience: .counselor)
        let entries = people.map { writer.renderWithIndexEntry($0, fileName: nil, today: Samples.date("2026-11-23")).entry }
        let document = writer.renderIndex(entries, today: Samples.date("2026-11-23"))
        #expect(document.contains("| 김민준 (aaaa1111) |") && document.contains("| 김민준 (bbbb2222) |"))
        #expect(document.contains("| Ben |"))
    }

    @Test func fileNamesAreStableSafeAndUnique() {
        let writer = MarkdownPortfolioWriter(audience: .counselor)
        let people = [
            Portfolio(person: Person(id: "3f9a1c2e7b", name: "김하늘")),
            Portfolio(person: Person(id: "a1b2c3d4e5", name: "Alex  O'Neil-Smith")),
            Portfolio(person: Person(id: "deadbeef01", name: "../../etc/passwd")),
            Portfolio(person: Person(id: "deadbeef02", name: "Zoë 🙂")),
            Portfolio(person: Person(id: "0000aaaa", name: "Hidden", nameVisibility: .private)),
            Portfolio(person: Person(id: "5a5a5a5a01", name: "山田 太郎")),
            Portfolio(person: Person(id: "6b6b6b6b01", name: "Иван Петров")),
            Portfolio(person: Person(id: "7c7c7c7c01", name: "Ｋｉｍ　Ｊｉｎ")),
        ]
        let names = writer.fileNames(for: people)
        #expect(names["3f9a1c2e7b"] == "김하늘-3f9a1c2e.md")
        #expect(names["a1b2c3d4e5"] == "alex-o-neil-smith-a1b2c3d4.md")
        #expect(names["deadbeef01"] == "etc-passwd-deadbeef01.md")  // short IDs collide: the full ID
        #expect(names["deadbeef02"] == "zoe-deadbeef02.md")
        #expect(names["0000aaaa"] == "candidate-0000aaaa.md")
        // Other scripts' names are kept in their letters, not left to the ID alone.
        #expect(names["5a5a5a5a01"] == "山田-太郎-5a5a5a5a.md")
        #expect(names["6b6b6b6b01"] == "иван-петров-6b6b6b6b.md")
        #expect(names["7c7c7c7c01"] == "kim-jin-7c7c7c7c.md")
        #expect(writer.fileNames(for: people.reversed()) == names)
        let blind = MarkdownPortfolioWriter(audience: .self, blind: true).fileNames(for: people)
        #expect(blind["3f9a1c2e7b"] == "candidate-3f9a1c2e.md")
    }
}
