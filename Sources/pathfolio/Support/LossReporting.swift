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
    static func write(_ files: [(name: String, data: Data)], out: String?, format: String) throws {
        guard files.count == 1 || out != nil else {
            throw Failure.usage("export --all --format \(format) writes one file per person",
                                hint: "give a folder with --out, e.g. --out portfolios/")
        }
        guard let out else {
            try Output.exportToStandardOutput(files[0].data)
            return
        }
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: out, isDirectory: &isFolder)
        let intoFolder = files.count > 1 || (exists && isFolder.boolValue) || out.hasSuffix("/")
        do {
            if intoFolder {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                for file in files {
                    try FileOutput.write(file.data, to: URL(fileURLWithPath: out).appendingPathComponent(file.name).path, sync: false)
                }
            } else {
                try FileOutput.write(files[0].data, to: out)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(.io, "cannot write \(out): \(error.localizedDescription)",
                          hint: "check that the folder exists and is writable", errorCode: "file.write")
        }
    }
}
