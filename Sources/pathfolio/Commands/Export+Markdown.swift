import Foundation
import PathfolioCore
import PathfolioFormats

extension Pathfolio.Export {
    /// Writes Markdown: one person to standard output or `--out FILE` (a folder gets the
    /// person's file name); `--all` is ``exportMarkdownCaseload(_:)``. The portfolios arrive
    /// already filtered for the audience, `--blind` and the experience filters.
    func exportMarkdown(_ portfolios: [Portfolio], wholeIDs: Set<PersonID>) throws {
        let writer = MarkdownPortfolioWriter(locale: DocumentLocale(rawValue: locale) ?? .en, audience: audience, blind: blind)
        guard let portfolio = portfolios.first else { return }
        let text = writer.render(portfolio)
        guard let out else {
            try Output.exportToStandardOutput(Data(text.utf8))
            return
        }
        guard isFolder(out) || out.hasSuffix("/") else {
            try write(text, to: out)
            print("Wrote \(out)")
            return
        }
        // Into a folder, made (0700) when it is missing, as the other formats do.
        var path = ""
        try FileBatch.writing(folder: out) { batch, folder in
            path = folder + writer.fileNames(for: [portfolio], wholeIDs: wholeIDs)[portfolio.person.id]!
            try batch.add(text, to: path)
        }
        print("Wrote \(path)")
    }

    /// `--all`: one file per person and `index.md` in `--out DIR`, or the caseload as one
    /// document (to standard output, or to `--out FILE.md`): each person's document in turn,
    /// then the index, whose names link nowhere then. `groups` first hands its first argument
    /// everyone (for the file names), then its second the portfolios a group at a time, in
    /// order, as the ledger holds them; each group is shown (`shown`: the audience's view,
    /// filtered), rendered and written on every core while the next is read. The index is
    /// computed from the same portfolios as the counselor sees them (the public's view for
    /// `--audience public`), an entry per person made as their document is; see
    /// `MarkdownPortfolioWriter.renderIndex`.
    func exportMarkdownCaseload(shown: @escaping @Sendable (Portfolio) -> Portfolio,
                                _ groups: (_ people: ([Person]) throws -> Void,
                                           _ each: ([Portfolio]) throws -> Void) throws -> Void) throws {
        let writer = MarkdownPortfolioWriter(locale: DocumentLocale(rawValue: locale) ?? .en, audience: audience, blind: blind)
        let today = Clock.today()
        guard let out, !isOneDocument(out) else {
            try exportMarkdownDocument(writer, shown: shown, today: today, groups)
            return
        }
        if FileManager.default.fileExists(atPath: out), !isFolder(out) {
            _ = try FileOutput.plainFileTarget(out)  // a device or a pipe is refused as such
            throw Failure(.usage, "this is a file, but --all needs a folder or a name ending in .md",
                          hint: "give a folder (it is created if missing) with --out DIR, or --out FILE.md for one document",
                          errorCode: "file.notFolder", at: .file(out))
        }
        // The file names depend on everyone (two people may share a short ID), so they are
        // known before the first group is rendered; the writer names a person by what it
        // shows of them alone. They are made on another thread while the first group is read.
        let names = LockedState<Parallel.Pending<[PersonID: String]>?>(nil)
        // The index is made at the end from each person's entry, made as their file is.
        var entries: [MarkdownPortfolioWriter.IndexEntry] = []
        // Written as they are rendered, synced and put in place together at the end (a new
        // folder whole, with one rename).
        let batch = try FileBatch.writing(folder: out) { batch, folder in
            try Parallel.pipeline({ each in
                try withoutActuallyEscaping(each) { each in
                    try groups({ people in
                        names.withLock { $0 = Parallel.Pending { writer.fileNames(for: people.map { Portfolio(person: $0) }) } }
                    }, each)
                }
            }, render: { group in
                let names = try names.withLock { $0! }.value()
                return try Parallel.map(group) { portfolio in
                    let shown = shown(portfolio)
                    let name = names[portfolio.person.id]!
                    let (document, entry) = writer.renderWithIndexEntry(shown, fileName: name, today: today)
                    try batch.add(document, to: folder + name)
                    return entry
                }
            }) {
                entries += $0
                batch.startWriteback()
            }
            try batch.add(writer.renderIndex(entries, today: today), to: folder + "index.md")
        }
        print("Wrote \(entries.count == 1 ? "1 portfolio" : "\(entries.count) portfolios") and index.md to \(out)")
        batch.warnOfOtherFiles(in: out, endingIn: ".md")
    }

    /// Whether `--all --out PATH` asks for the caseload as one document: a name ending in
    /// `.md` that is not a folder.
    private func isOneDocument(_ path: String) -> Bool {
        path.lowercased().hasSuffix(".md") && !path.hasSuffix("/") && !isFolder(path)
    }

    /// The caseload as one Markdown document, to standard output or to `--out FILE.md`: each
    /// person's document as the ledger orders them (each begins with its own `#` heading,
    /// a chapter when the file is converted), then the caseload index. It is written as it is
    /// rendered, a group at a time, so a caseload is never one string in memory; a file
    /// appears whole at the end or not at all.
    private func exportMarkdownDocument(_ writer: MarkdownPortfolioWriter, shown: @escaping @Sendable (Portfolio) -> Portfolio,
                                        today: PartialDate,
                                        _ groups: (_ people: ([Person]) throws -> Void,
                                                   _ each: ([Portfolio]) throws -> Void) throws -> Void) throws {
        var entries: [MarkdownPortfolioWriter.IndexEntry] = []
        func document(_ write: (Data) throws -> Void) throws {
            try Parallel.pipeline({ each in
                try withoutActuallyEscaping(each) { each in try groups({ _ in }, each) }
            }, render: { group in
                let rendered = try Parallel.map(group) { portfolio in
                    writer.renderWithIndexEntry(shown(portfolio), fileName: nil, today: today)
                }
                // One piece of output a group: the documents, each followed by a blank line.
                var data = Data(capacity: rendered.reduce(0) { $0 + $1.document.count + 1 })
                for (document, _) in rendered {
                    data.append(contentsOf: document)
                    data.append(0x0A)
                }
                return (data, rendered.map(\.entry))
            }) { data, made in
                try write(data)
                entries += made
            }
            try write(Data(writer.renderIndex(entries, today: today).utf8))
        }
        guard let out else {
            try document(Output.exportToStandardOutput)
            return
        }
        try FileOutput.write(to: out) { handle in try document { try handle.write(contentsOf: $0) } }
        print("Wrote \(entries.count == 1 ? "1 portfolio" : "\(entries.count) portfolios") and the index to \(out)")
    }

    private func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }

    /// Writes a whole file at once (a reader never sees half of it), or fails naming the path.
    private func write(_ text: String, to path: String) throws {
        try FileOutput.write(text, to: path)
    }
}
