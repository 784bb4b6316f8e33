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
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        var path = out
        if isFolder(out) { path = (out as NSString).appendingPathComponent(writer.fileNames(for: [portfolio])[portfolio.person.id]!) }
        try write(text, to: path)
        print("Wrote \(path)")
    }

    /// `--all`: one file per person and `index.md` in `--out DIR`. `groups` first hands its
    /// first argument everyone (for the file names), then its second the portfolios a group
    /// at a time, in order; each group is rendered on every core while the next is read.
    /// The index is computed from the same portfolios as the counselor sees them (the
    /// public's view for `--audience public`); see `MarkdownPortfolioWriter.renderIndex`.
    func exportMarkdownCaseload(_ groups: (_ people: ([Person]) throws -> Void,
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
        // The file names depend on everyone (two people may share a short ID); the writer
        // names a person by what it shows of them alone.
        var names: [PersonID: String] = [:]
        // The index is made from everyone's portfolio, at the end.
        var everyone: [Portfolio] = []
        try Parallel.pipeline({ each in
            try withoutActuallyEscaping(each) { each in
                try groups({ people in names = writer.fileNames(for: people.map { Portfolio(person: $0) }) }, each)
            }
        }, render: { group in try Parallel.map(group) { Data(writer.render($0).utf8) } }) { group, texts in
            for (portfolio, text) in zip(group, texts) {
                try batch.add(text, to: (out as NSString).appendingPathComponent(names[portfolio.person.id]!))
            }
            everyone += group
        }
        try batch.add(Data(writer.renderIndex(everyone, today: Clock.today()).utf8), to: (out as NSString).appendingPathComponent("index.md"))
        try batch.commit()
        print("Wrote \(everyone.count == 1 ? "1 portfolio" : "\(everyone.count) portfolios") and index.md to \(out)")
    }

    private func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }

    /// Writes a whole file at once (a reader never sees half of it), or fails naming the path.
    private func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            let parent = (path as NSString).deletingLastPathComponent
            let hint = parent.isEmpty || isFolder(parent)
                ? "check that the folder is writable and the name is not a folder"
                : "the folder '\(parent)' does not exist; create it first or choose another path"
            throw Failure(.io, "cannot write the file", hint: hint, errorCode: "file.write", at: .file(path))
        }
    }
}
