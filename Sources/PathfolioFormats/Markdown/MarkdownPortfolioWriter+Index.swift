import Foundation
public import PathfolioCore

extension MarkdownPortfolioWriter {
    /// The audience a caseload index is computed for: the counselor's view, or the
    /// public's when the export is public.
    ///
    /// The index is the counselor's report (reflections due, outcomes, ratings, caseload
    /// tags), so a `self` export still leaves the person's private records out of it; a
    /// `public` export never shows more than the public may see, which leaves the
    /// reflection figures out (they cannot be computed from public records honestly).
    public var indexAudience: Audience { audience == .public ? .public : .counselor }

    /// The caseload at a glance, for `index.md` beside the people's files: each person
    /// (linked to their file, see ``fileNames(for:)``), their tags, latest experience and
    /// status, and how many reflections are due; then the outcome summary grouped by caseload
    /// tag (placements, completions, left early or dropped out, average reflection rating).
    ///
    /// Every figure is computed from ``indexAudience``'s view of each portfolio: a
    /// reflection the person keeps private counts as not written, and its rating and outcome
    /// are not counted. `today` decides which reflections are due and is printed as the date
    /// of the report.
    ///
    /// - Placements: reflections with the outcome `hired` or `contractExtended`.
    /// - Completions: `completed`, `credentialEarned` or `finishedAsPlanned`.
    /// - Left early or dropped out: `leftEarly` or `droppedOut`.
    ///
    /// A person with several tags counts in each of their groups; "Everyone" counts each
    /// person once.
    public func renderIndex(_ portfolios: [Portfolio], today: PartialDate) -> String {
        let names = fileNames(for: portfolios)
        return renderIndex(portfolios.map { indexEntry(for: $0, fileName: names[$0.person.id] ?? "", today: today) }, today: today)
    }

    /// What the caseload index says of one person: their row and the figures their
    /// reflections add to the outcome summary. An export of a caseload makes each entry on
    /// the thread that renders the person's file, and the index from the entries, so it
    /// never needs everyone's portfolio at once.
    public struct IndexEntry: Sendable, Equatable {
        /// The person's row in the people table.
        let row: [String]
        /// The person's name as the row shows it (escaped), and their ID: namesakes'
        /// rows add the ID (``renderIndex(_:today:)-([IndexEntry],_)``).
        let name: String
        let person: PersonID
        /// The caseload tags the index's audience sees.
        let tags: [String]
        /// The outcome of each reflection the index's audience sees that has one.
        let outcomes: [ReflectionOutcome]
        /// The rating of each reflection the index's audience sees that has one.
        let ratings: [Int]
    }

    /// `portfolio`'s entry in the index (see ``renderIndex(_:today:)-([Portfolio],_)``), its name linking
    /// to `fileName`; `portfolio` is given as the export holds it, and is shown here to
    /// ``indexAudience``.
    public func indexEntry(for portfolio: Portfolio, fileName: String, today: PartialDate) -> IndexEntry {
        var index = self
        index.audience = indexAudience
        return indexEntry(ofView: index.shown(portfolio), fileName: fileName, today: today)
    }

    /// The entry of ``indexAudience``'s view of a portfolio (filtered, blinded, in order).
    func indexEntry(ofView view: Portfolio, fileName: String?, today: PartialDate) -> IndexEntry {
        let name = MarkdownText.inline(name(of: view.person))
        var row = [fileName.map { "[" + name + "](<" + $0 + ">)" } ?? (name.isEmpty ? " " : name),
                   MarkdownText.cell(view.person.tags.utf8Joined(separator: ", "))]
        if let latest = Self.latest(in: view) {
            var text = latest.title + " (" + words.kind(latest.kind)
            if let period = locale.period(latest.period) { text += ", " + period }
            row += [MarkdownText.cell(text + ")"), MarkdownText.cell(words.status(latest.status))]
        } else {
            row += [" ", " "]
        }
        if indexAudience != .public { row.append(String(view.reflectionsDue(today: today).count)) }
        return IndexEntry(row: row, name: name, person: view.person.id, tags: view.person.tags,
                          outcomes: view.reflections.compactMap(\.outcome), ratings: view.reflections.compactMap(\.rating))
    }

    /// The caseload index from each person's entry (``indexEntry(for:fileName:today:)``), in
    /// the order of the names it shows (letter case, accents and width aside; a hidden name
    /// does not place its person): what ``renderIndex(_:today:)-([Portfolio],_)`` writes for
    /// their portfolios.
    ///
    /// People who share a name (as the index shows it) are told apart by their ID after it,
    /// `김민준 (3f9a1c2e)`, the whole ID where namesakes' short IDs are the same: in one
    /// document their names link nowhere, and in a folder's index the links differ but read
    /// the same.
    public func renderIndex(_ entries: [IndexEntry], today: PartialDate) -> String {
        let audience = indexAudience
        let withReflections = audience != .public
        var blocks = ["# " + words.caseload,
                      "*" + words.asOf(locale.date(today)) + " · " + words.audience(audience, blind: blind) + "*",
                      "## " + words.people]
        var header = [words.person, words.tags, words.latest, words.status]
        if withReflections { header.append(words.reflectionsDue) }
        // People in the order of their names as this index shows them: a name the audience may
        // not see must not place its person either ("Candidate 3f9a1c2e" goes under C).
        let entries = entries.sortedByName(\.name, id: \.person.rawValue)
        var rows = Self.rowsTellingNamesakesApart(entries)
        // No one's tags to show (none given, or none this audience sees): no empty column.
        if entries.allSatisfy(\.tags.isEmpty) {
            header.remove(at: 1)
            for index in rows.indices { rows[index].remove(at: 1) }
        }
        blocks.append(entries.isEmpty ? words.noPeople : MarkdownText.table(header: header, rows: rows))
        if withReflections {
            blocks.append("## " + words.outcomes)
            blocks.append(outcomeTable(entries))
        }
        return blocks.utf8Joined(separator: "\n\n") + "\n"
    }

    /// Each entry's row, the ID added after the name of people who share it with another.
    static func rowsTellingNamesakesApart(_ entries: [IndexEntry]) -> [[String]] {
        var count: [String: Int] = [:]
        for entry in entries { count[entry.name, default: 0] += 1 }
        guard count.count < entries.count else { return entries.map(\.row) }
        let namesakes = entries.filter { count[$0.name]! > 1 }
        let whole = PersonID.sharingShortForms(namesakes.map(\.person))
        return entries.map { entry in
            guard count[entry.name]! > 1 else { return entry.row }
            var row = entry.row
            row[0] += " (" + MarkdownText.inline(entry.person.shown(wholeAmong: whole)) + ")"
            return row
        }
    }

    /// The most recent experience that is not only planned (the last in path order), else
    /// the first planned one.
    static func latest(in portfolio: Portfolio) -> Experience? {
        portfolio.experiences.last { $0.status != .planned } ?? portfolio.experiences.first
    }

    private func outcomeTable(_ entries: [IndexEntry]) -> String {
        var groups: [(String, [IndexEntry])] = [(words.everyone, entries)]
        let tags = Set(entries.flatMap(\.tags)).sorted { ($0.lowercased(), $0) < ($1.lowercased(), $1) }
        for tag in tags { groups.append((tag, entries.filter { $0.tags.contains(tag) })) }
        let untagged = entries.filter(\.tags.isEmpty)
        if !untagged.isEmpty, !tags.isEmpty { groups.append((words.noTag, untagged)) }
        let rows = groups.map { name, members -> [String] in
            let outcomes = members.flatMap(\.outcomes)
            func count(_ wanted: Set<ReflectionOutcome>) -> String {
                String(outcomes.filter(wanted.contains).count)
            }
            let ratings = members.flatMap(\.ratings)
            var average = "—"
            if !ratings.isEmpty {
                let tenths = (ratings.reduce(0, +) * 20 + ratings.count) / (ratings.count * 2)  // rounded half up
                average = "\(tenths / 10).\(tenths % 10) (\(ratings.count))"
            }
            return [MarkdownText.cell(name), String(members.count), count([.hired, .contractExtended]),
                    count([.completed, .credentialEarned, .finishedAsPlanned]), count([.leftEarly, .droppedOut]), average]
        }
        return MarkdownText.table(header: [words.tag, words.people, words.placements, words.completions,
                                           words.leftEarly, words.averageRating], rows: rows)
    }

    /// A file name for each person's document, stable across exports and safe on every
    /// file system: the shown name reduced to lowercase ASCII letters (accents dropped),
    /// digits and Hangul (other characters become `-`, at most 40 characters), then the short ID:
    /// `kim-haneul-3f9a1c2e.md`, `김하늘-3f9a1c2e.md`. A name the audience may not see, or a
    /// blind profile, gives `candidate-3f9a1c2e.md`. When two people share a short ID the
    /// full ID is used, as it is for anyone in `wholeIDs` (whose short ID someone not among
    /// `portfolios` shares: one person exported from a caseload).
    public func fileNames(for portfolios: [Portfolio], wholeIDs: Set<PersonID> = []) -> [PersonID: String] {
        var suffixes = PersonID.shortOrWhole(portfolios.map(\.person.id))
        for id in wholeIDs { suffixes[id] = id.rawValue }
        var names: [PersonID: String] = [:]
        for portfolio in portfolios {
            let id = portfolio.person.id
            let shownName = shown(Portfolio(person: portfolio.person)).person.name
            let slug = Portfolio.isAnonymousName(shownName, of: id) ? "candidate" : Self.slug(shownName)
            names[id] = (slug.isEmpty ? "" : slug + "-") + suffixes[id, default: id.rawValue] + ".md"
        }
        return names
    }

    package static func slug(_ name: String) -> String {
        var slug = ""
        // Latin letters lose their accents (Zoë → zoe), full-width ones their width; Hangul
        // syllables stay whole, as do other scripts' letters and digits (山田, Иван); the
        // rest (spaces, punctuation, symbols, emoji) become one `-` between words.
        // ASCII has no accents to drop, so only other characters go to `folding` (a Foundation
        // call each: most of an index's cost before this shortcut).
        var folded = ""
        for character in name.nfc.lowercased() {
            if character.isASCII || character.unicodeScalars.contains(where: { (0xAC00...0xD7A3).contains($0.value) }) {
                folded.append(character)
            } else {
                folded += String(character).folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
            }
        }
        for scalar in folded.unicodeScalars {
            let keep = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || (0xAC00...0xD7A3).contains(scalar.value)
                || (!scalar.isASCII && Self.isLetterOrDigit(scalar))
            if keep {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
            if slug.unicodeScalars.count >= 40 { break }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug
    }

    /// A letter of any script, or a decimal digit.
    package static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber: true
        default: false
        }
    }
}
