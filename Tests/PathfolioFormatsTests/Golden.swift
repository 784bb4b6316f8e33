import Foundation
import Testing

/// Golden files: rendered output checked in beside the tests, compared byte for byte.
///
/// Re-record them after an intended change with
/// `RECORD_GOLDEN=1 swift test --filter PathfolioFormatsTests`, then read the diff
/// (`git diff Tests/PathfolioFormatsTests/Golden`) before committing it.
enum Golden {
    /// `Tests/PathfolioFormatsTests/Golden`.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// Expects `text` to equal the golden file `name`; records it instead under `RECORD_GOLDEN=1`.
    static func expect(_ text: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = folder.appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file, options: .atomic)
            return
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            Issue.record("no golden file \(name); record it with RECORD_GOLDEN=1 swift test --filter PathfolioFormatsTests",
                         sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if text != expected {
            let golden = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let first = (0..<min(golden.count, lines.count)).first { golden[$0] != lines[$0] } ?? min(golden.count, lines.count)
            Issue.record("""
                \(name) differs from the golden file at line \(first + 1):
                  golden:   \(first < golden.count ? String(golden[first]) : "<end of file>")
                  rendered: \(first < lines.count ? String(lines[first]) : "<end of file>")
                If the change is intended: RECORD_GOLDEN=1 swift test --filter PathfolioFormatsTests
                """, sourceLocation: sourceLocation)
        }
    }
}
