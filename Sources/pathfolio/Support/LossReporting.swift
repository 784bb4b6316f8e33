import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioFormats

/// How `--loss-report` prints a ``LossReport``.
enum LossReportStyle: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension LossReport {
    /// Prints the report to standard error: the whole list in the chosen style, or, when no
    /// style was asked for, one line saying how much was lost and how to see it.
    func print(_ style: LossReportStyle?, option: String = "--loss-report") throws {
        var stderr = StandardError()
        switch style {
        case .text?:
            Swift.print(text, to: &stderr)
        case .json?:
            Swift.print(try Output.jsonEncoder.string(self), to: &stderr)
        case nil:
            if !isEmpty { Swift.print("\(heading): \(summary) (\(option) text lists them)", to: &stderr) }
        }
    }
}

/// Writes exported files: one portfolio to `--out FILE` or standard output, several (with
/// `--all`) to one file each in the `--out` folder.
enum ExportDestination {
    /// Endings of the files people name (`all.json`, `feeds.xml`, `cv.md`), as opposed to
    /// folders, whose names seldom have one.
    static let fileEndings: Set<String> = ["json", "xml", "md", "markdown", "zip", "txt", "html", "htm",
                                           "csv", "yaml", "yml", "pdf", "docx"]

    /// Whether the last part of `path` ends as a file's name does (see ``fileEndings``).
    static func looksLikeAFile(_ path: String) -> Bool {
        let name = PathText.name(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return fileEndings.contains(name[name.index(after: dot)...].lowercased())
    }

    /// `caseload`: the export is of everyone (`--all`), so files of the format in the folder
    /// that it did not write are warned of.
    static func write(_ files: [(name: String, data: Data)], out: String?, format: String, caseload: Bool) throws {
        guard out != nil || (!caseload && files.count == 1) else {
            throw Failure.usage("export --all --format \(format) writes one file per person",
                                hint: "give a folder with --out, e.g. --out portfolios/")
        }
        guard let out else {
            try Output.exportToStandardOutput(files[0].data)
            return
        }
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: out, isDirectory: &isFolder)
        if caseload, exists, !isFolder.boolValue {
            throw Failure(.usage, "this is a file, but --all --format \(format) needs a folder", hint: "give a folder (it is created if missing) with --out DIR",
                          errorCode: "file.notFolder", at: .file(out))
        }
        // A caseload is a folder even of one person (or of none); a name that is not there yet
        // and ends as a file does (`all.json`, `feeds.xml`) was meant as a file, which a
        // caseload cannot be.
        if caseload, !exists, !out.hasSuffix("/"), Self.looksLikeAFile(out) {
            throw Failure(.usage, "--all --format \(format) writes one file per person, and this names a file",
                          hint: "give a folder (it is created if missing), e.g. --out portfolios/, or end the name with / to make a folder of this name",
                          errorCode: "file.notFolder", at: .file(out))
        }
        guard files.count != 1 || caseload || (exists && isFolder.boolValue) || out.hasSuffix("/") else {
            try FileOutput.write(files[0].data, to: out)
            print("Wrote \(out)")
            return
        }
        // Two files of one name would leave one person out without a word.
        guard Set(files.map { $0.name.lowercased() }).count == files.count else {
            throw Failure(.software, "two people's files would have the same name in \(out)",
                          hint: "this is a bug in pathfolio; export them one at a time with --person meanwhile",
                          errorCode: "file.sameName")
        }
        // All the files or none, as the XML and Markdown exports of a caseload: a new folder
        // appears whole; files in a folder that exists are replaced together at the end.
        let batch = try FileBatch.writing(folder: out) { batch, folder in
            for file in files { try batch.add(file.data, to: folder + file.name) }
        }
        print("Wrote \(Output.count(files.count, "file")) to \(out)")
        // Each file's name ends in the format's own suffix (`.resume.json`, `.leap2a.xml`).
        if caseload, let suffix = files.first.map({ String($0.name.drop { $0 != "." }) }) {
            batch.warnOfOtherFiles(in: out, endingIn: suffix)
        }
    }
}
