import Foundation
import PathfolioCore
@testable import pathfolio
import Testing

/// An export renders (and writes) each group of portfolios on other threads while the next
/// group is read. What the caller sees must be what a plain loop gives: renderings in order,
/// the first error in order, and nothing still running once the pipeline has returned.
struct ParallelTests {
    struct Stop: Error, Equatable { let group: Int }

    /// Counts renderings running now and every group rendered.
    final class Tally: Sendable {
        let running = LockedState(0)
        let rendered = LockedState<[Int]>([])
    }

    /// A rendering that takes a while, so that it is still running when the next group comes.
    @Sendable static func slowRender(_ group: Int, tally: Tally, failing: Int? = nil) throws -> Int {
        tally.running.withLock { $0 += 1 }
        defer { tally.running.withLock { $0 -= 1 } }
        usleep(20_000)
        tally.rendered.withLock { $0.append(group) }
        if group == failing { throw Stop(group: group) }
        return group * 10
    }

    @Test func renderingsComeInTheGroupsOrder() throws {
        let tally = Tally()
        var consumed: [Int] = []
        try Parallel.pipeline({ each in for group in 0..<12 { try each(group) } },
                              render: { try Self.slowRender($0, tally: tally) }) { consumed.append($0) }
        #expect(consumed == (0..<12).map { $0 * 10 })
        #expect(tally.running.withLock { $0 } == 0)
    }

    @Test func aConsumerErrorWaitsForTheRenderingStillRunning() {
        let tally = Tally()
        #expect(throws: Stop(group: 2)) {
            try Parallel.pipeline({ each in for group in 0..<12 { try each(group) } },
                                  render: { try Self.slowRender($0, tally: tally) }) { rendering in
                if rendering == 20 { throw Stop(group: 2) }
            }
        }
        // Group 3 was being rendered when group 2's consumer failed: it has finished, and no
        // group after it was started.
        #expect(tally.running.withLock { $0 } == 0)
        #expect(tally.rendered.withLock { $0.sorted() } == [0, 1, 2, 3])
    }

    @Test func aRenderingErrorIsTheFirstInOrderAndNothingRunsAfterIt() {
        let tally = Tally()
        #expect(throws: Stop(group: 1)) {
            try Parallel.pipeline({ each in for group in 0..<12 { try each(group) } },
                                  render: { try Self.slowRender($0, tally: tally, failing: $0 == 1 || $0 == 2 ? $0 : nil) }) { _ in }
        }
        #expect(tally.running.withLock { $0 } == 0)
    }

    @Test func aProducerErrorWaitsForTheRenderingStillRunning() {
        let tally = Tally()
        #expect(throws: Stop(group: 99)) {
            try Parallel.pipeline({ each in
                for group in 0..<3 { try each(group) }
                throw Stop(group: 99)
            }, render: { try Self.slowRender($0, tally: tally) }) { _ in }
        }
        #expect(tally.running.withLock { $0 } == 0)
        #expect(tally.rendered.withLock { $0.sorted() } == [0, 1, 2])
    }
}

extension ParallelTests {
    /// The producer fails (a row that cannot be read, say) while an earlier group's rendering
    /// has failed too: the earlier group's error is the one a loop would meet first.
    @Test(arguments: [0, 1, 2])
    func anEarlierGroupsRenderingErrorComesBeforeTheProducersError(failing: Int) {
        let tally = Tally()
        #expect(throws: Stop(group: failing)) {
            try Parallel.pipeline({ each in
                for group in 0...failing { try each(group) }
                throw Stop(group: 99)
            }, render: { try Self.slowRender($0, tally: tally, failing: failing) }) { _ in }
        }
        #expect(tally.running.withLock { $0 } == 0)
    }

    /// A consumer's error comes before a later group's rendering error.
    @Test func aConsumersErrorComesBeforeALaterRenderingError() {
        let tally = Tally()
        #expect(throws: Stop(group: 1)) {
            try Parallel.pipeline({ each in for group in 0..<6 { try each(group) } },
                                  render: { try Self.slowRender($0, tally: tally, failing: 2) }) { rendering in
                if rendering == 10 { throw Stop(group: 1) }
            }
        }
        #expect(tally.running.withLock { $0 } == 0)
    }
}

/// Files an export writes from several threads at once go in together or not at all.
struct FileBatchTests {
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("filebatch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test(arguments: [
        ("out/a.xml", "out", "a.xml"), ("a.xml", ".", "a.xml"), ("/a.xml", "/", "a.xml"),
        ("/tmp/x/진로 포트폴리오.md", "/tmp/x", "진로 포트폴리오.md"), ("./b/.hidden", "./b", ".hidden"),
    ])
    func pathsSplitLikeNSString(path: String, folder: String, name: String) {
        #expect(PathText.folder(of: path) == folder)
        #expect(PathText.name(of: path) == name)
        let nsFolder = (path as NSString).deletingLastPathComponent
        #expect(PathText.folder(of: path) == (nsFolder.isEmpty ? "." : nsFolder))
        #expect(PathText.name(of: path) == (path as NSString).lastPathComponent)
    }

    /// Foundation's `NSString` path methods trap on a one-character path on Linux: ours do not.
    @Test(arguments: [("a", ".", "a"), ("한", ".", "한"), ("/a", "/", "a"), ("b/a", "b", "a"), ("-", ".", "-"), ("", ".", "")])
    func oneCharacterPathsSplit(path: String, folder: String, name: String) {
        #expect(PathText.folder(of: path) == folder)
        #expect(PathText.name(of: path) == name)
    }

    @Test func aNewFolderNamedWithADotAtTheEndIsMadeFirst() throws {
        let parent = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        for given in ["/new/./", "/other/."] {
            let batch = try FileBatch(folder: parent + given) { path, _ in CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
            try batch.add(Data("x".utf8), to: parent + given + "/a.xml")
            try batch.commit()
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).sorted() == ["new", "other"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent + "/new") == ["a.xml"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent + "/other") == ["a.xml"])
    }

    @Test func filesAddedFromManyThreadsAllLandOnCommit() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let batch = FileBatch { path, _ in CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        let names = (0..<400).map { "\($0 % 2 == 0 ? "이력" : "cv")-\($0).md" }
        _ = try Parallel.map(names) { name in try batch.add(Data("# \(name)\n".utf8), to: folder + "/" + name) }
        // Before the commit only hidden temporary files exist.
        let before = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(before.count == names.count && before.allSatisfy { $0.hasPrefix(".") && $0.hasSuffix(".tmp") })
        try batch.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == names.sorted())
        for name in names { #expect(try String(contentsOfFile: folder + "/" + name, encoding: .utf8) == "# \(name)\n") }
        let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + names[0])
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func aNewFolderAppearsWholeWithOneRenameAndItsMissingParents() throws {
        let parent = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let folder = parent + "/새 폴더/caseload"
        let batch = try FileBatch(folder: folder + "/") { path, _ in CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        let names = (0..<300).map { "\($0 % 2 == 0 ? "이력" : "cv")-\($0).md" }
        _ = try Parallel.map(names) { name in try batch.add(Data("# \(name)\n".utf8), to: folder + "/" + name) }
        // Until the commit the folder is not there: its files wait in a hidden folder beside it.
        #expect(!FileManager.default.fileExists(atPath: folder))
        let hidden = try FileManager.default.contentsOfDirectory(atPath: parent + "/새 폴더")
        #expect(hidden.count == 1 && hidden[0].hasPrefix(".caseload.") && hidden[0].hasSuffix(".tmp"))
        try batch.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent + "/새 폴더") == ["caseload"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == names.sorted())
        for name in names { #expect(try String(contentsOfFile: folder + "/" + name, encoding: .utf8) == "# \(name)\n") }
        #expect((try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        #expect((try FileManager.default.attributesOfItem(atPath: folder + "/" + names[0])[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        batch.discard()  // after the commit: nothing to take back
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == names.count)
    }

    @Test func aNewFolderDiscardedOrEmptyLeavesNoHiddenFolder() throws {
        let parent = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let batch = try FileBatch(folder: parent + "/out") { path, _ in CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        _ = try Parallel.map(Array(0..<50)) { try batch.add(Data("x".utf8), to: "\(parent)/out/\($0).xml") }
        batch.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).isEmpty)
        #expect(throws: CancellationError.self) { try batch.add(Data("late".utf8), to: parent + "/out/late.xml") }
        // A batch with no file still makes its (empty) folder: the export asked for it.
        let empty = try FileBatch(folder: parent + "/empty") { path, _ in CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        try empty.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["empty"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent + "/empty").isEmpty)
    }

    @Test func aNewFolderMadeByAnotherMeanwhileGetsTheFilesOneByOne() throws {
        let parent = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let folder = parent + "/out"
        let batch = try FileBatch(folder: folder) { path, _ in CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        for name in ["a.xml", "b.xml"] { try batch.add(Data("new \(name)".utf8), to: folder + "/" + name) }
        // Someone makes the folder, with a file of theirs, before the commit.
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        try Data("theirs".utf8).write(to: URL(fileURLWithPath: folder + "/b.xml"))
        try Data("mine".utf8).write(to: URL(fileURLWithPath: folder + "/c.xml"))
        try batch.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["out"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["a.xml", "b.xml", "c.xml"])
        #expect(try String(contentsOfFile: folder + "/b.xml", encoding: .utf8) == "new b.xml")
        #expect(try String(contentsOfFile: folder + "/c.xml", encoding: .utf8) == "mine")
    }

    @Test func aNewFolderThatCannotBeMadeSaysWhy() throws {
        let parent = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        #expect(FileManager.default.createFile(atPath: parent + "/a-file", contents: Data("keep".utf8)))
        #expect {
            _ = try FileBatch(folder: parent + "/a-file/out/") { path, _ in CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        } throws: { error in
            let failure = error as? Failure
            return failure?.code == .io && failure?.diagnostics.first?.description
                .hasPrefix("\(parent)/a-file/out/: error: cannot create the folder (Not a directory)") == true
        }
        #expect(try String(contentsOfFile: parent + "/a-file", encoding: .utf8) == "keep")
    }

    @Test func aBatchDroppedBeforeItsCommitLeavesNothing() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let batch = FileBatch { path, _ in CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
            _ = try Parallel.map(Array(0..<50)) { try batch.add(Data("x".utf8), to: "\(folder)/\($0).xml") }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func aDiscardedBatchLeavesNothingWhileStillHeld() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let batch = FileBatch { path, _ in CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        _ = try Parallel.map(Array(0..<50)) { try batch.add(Data("x".utf8), to: "\(folder)/\($0).xml") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 50)
        batch.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        try batch.commit()  // nothing left to put in place
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func aFolderInAFilesPlaceStopsTheCommitBeforeAnyRenameAndExistingFilesAreReplaced() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("old".utf8).write(to: URL(fileURLWithPath: folder + "/b.xml"))
        try FileManager.default.createDirectory(atPath: folder + "/c.xml", withIntermediateDirectories: false)
        struct Refused: Error { let path: String; let reason: String? }
        let batch = FileBatch { path, reason in Refused(path: path, reason: reason) }
        for name in ["a.xml", "b.xml", "c.xml"] { try batch.add(Data("new \(name)".utf8), to: folder + "/" + name) }
        #expect {
            try batch.commit()
        } throws: { error in
            (error as? Refused)?.path == folder + "/c.xml" && (error as? Refused)?.reason == String(cString: strerror(EISDIR))
        }
        batch.discard()
        // Nothing renamed, nothing left behind: the old file and the folder are as they were.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["b.xml", "c.xml"])
        #expect(try String(contentsOfFile: folder + "/b.xml", encoding: .utf8) == "old")

        // Without the folder in the way, the same batch replaces the old file.
        try FileManager.default.removeItem(atPath: folder + "/c.xml")
        let again = FileBatch { path, reason in Refused(path: path, reason: reason) }
        for name in ["a.xml", "b.xml", "c.xml"] { try again.add(Data("new \(name)".utf8), to: folder + "/" + name) }
        try again.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["a.xml", "b.xml", "c.xml"])
        #expect(try String(contentsOfFile: folder + "/b.xml", encoding: .utf8) == "new b.xml")
    }
}
