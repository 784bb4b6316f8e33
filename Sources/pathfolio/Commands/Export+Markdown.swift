import Foundation
import PathfolioCore
import PathfolioFormats

extension Pathfolio.Export {
    /// Writes Markdown: one person to standard output or `--out FILE` (a folder gets the
    /// person's file name); `--all` is ``exportMarkdownCaseload(_:)``. The portfolios arrive
    /// already filtered for the audience, `--blind` and the experience filters.
    func exportMarkdown(_ portfolios: [Portfolio]) throws {
        let writer = MarkdownPortfolioWriter(locale: DocumentLocale(rawValue: locale) ?? .en, audience: audience, blind: blind)
        guard let portfolio = portfolios.first else { return }
        let text = writer.render(portfolio)
        guard let out else {
            try Output.exportToStandardOutput(Data(text.utf8))
            return
        }
        var path = out
        if isFolder(out) { path = (out as NSString).appendingPathComponent(writer.fileNames(for: [portfolio])[portfolio.person.id]!) }
        try write(text, to: path)
        print("Wrote \(path)")
    }

    /// `--all`: one file per person and `index.md` in `--out DIR`. `groups` first hands its
    /// first argument everyone (for the file names), then its second the portfolios a group
    /// at a time, in order, as the ledger holds them; each group is shown (`shown`: the
    /// audience's view, filtered), rendered and written on every core while the next is read.
    /// The index is computed from the same portfolios as the counselor sees them (the
    /// public's view for `--audience public`), an entry per person made as their file is;
    /// see `MarkdownPortfolioWriter.renderIndex`.
    func exportMarkdownCaseload(shown: @escaping @Sendable (Portfolio) -> Portfolio,
                                _ groups: (_ people: ([Person]) throws -> Void,
                                           _ each: ([Portfolio]) throws -> Void) throws -> Void) throws {
        let writer = MarkdownPortfolioWriter(locale: DocumentLocale(rawValue: locale) ?? .en, audience: audience, blind: blind)
        guard let out else {
            throw Failure.usage("--all writes one file per person and needs a folder to put them in",
                                hint: "add --out DIR, e.g. pathfolio export --all --format markdown --out portfolios")
        }
        if FileManager.default.fileExists(atPath: out), !isFolder(out) {
            throw Failure(.io, "this is a file, but --all needs a folder", hint: "give a folder (it is created if missing) with --out DIR",
                          errorCode: "file.notFolder", at: .file(out))
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw Failure(.io, "cannot create the folder", hint: "check that you may write there and that no file stands in the way",
                          errorCode: "file.write", at: .file(out))
        }
        // Written as they are rendered, synced and put in place together at the end.
        let batch = FileBatch { path, _ in
            Failure(.io, "cannot write the file", hint: "check that the folder is writable and the name is not a folder",
                    errorCode: "file.write", at: .file(path))
        }
        let folder = out.hasSuffix("/") ? out : out + "/"
        // The file names depend on everyone (two people may share a short ID), so they are
        // known before the first group is rendered; the writer names a person by what it
        // shows of them alone.
        let names = LockedState<[PersonID: String]>([:])
        // The index is made at the end from each person's entry, made as their file is.
        var entries: [MarkdownPortfolioWriter.IndexEntry] = []
        let today = Clock.today()
        do {
            try Parallel.pipeline({ each in
                try withoutActuallyEscaping(each) { each in
                    try groups({ people in
                        let named = writer.fileNames(for: people.map { Portfolio(person: $0) })
                        names.withLock { $0 = named }
                    }, each)
                }
            }, render: { group in
                try Parallel.map(group) { portfolio in
                    let shown = shown(portfolio)
                    let name = names.withLock { $0[portfolio.person.id]! }
                    try batch.add(Data(writer.render(shown).utf8), to: folder + name)
                    return writer.indexEntry(for: shown, fileName: name, today: today)
                }
            }) { entries += $0 }
            try batch.add(Data(writer.renderIndex(entries, today: today).utf8), to: folder + "index.md")
            try batch.commit()
        } catch {
            batch.discard()
            throw error
        }
        print("Wrote \(entries.count == 1 ? "1 portfolio" : "\(entries.count) portfolios") and index.md to \(out)")
    }

    private func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }

    /// Writes a whole file at once (a reader never sees half of it), or fails naming the path.
    private func write(_ text: String, to path: String) throws {
        do {
            try FileOutput.write(text, to: path)
        } catch let refused as Failure where refused.code == .usage {
            throw refused  // a device or a pipe, refused as it is
        } catch {
            let parent = (path as NSString).deletingLastPathComponent
            let hint = parent.isEmpty || isFolder(parent)
                ? "check that the folder is writable and the name is not a folder"
                : "the folder '\(parent)' does not exist; create it first or choose another path"
            throw Failure(.io, "cannot write the file", hint: hint, errorCode: "file.write", at: .file(path))
        }
    }
}
