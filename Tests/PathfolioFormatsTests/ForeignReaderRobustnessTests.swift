import Foundation
import PathfolioCore
import PathfolioFormats
import Testing
import ZIPFoundation

/// Readers of other systems' files must never stop the process, whatever the bytes: a
/// damaged file is a diagnostic, not a crash.
struct ForeignReaderRobustnessTests {
    /// The bytes with a few of them replaced (by random bytes or by characters that matter
    /// to the syntax), sometimes cut short.
    static func mutations(of text: String, syntax: String, seed: UInt64, count: Int) -> [Data] {
        var generator = SplitMix64(seed: seed)
        let original = Array(text.utf8), markup = Array(syntax.utf8)
        return (0..<count).map { round in
            var bytes = original
            for _ in 0..<(1 + round % 8) {
                let index = Int(generator.next() % UInt64(bytes.count))
                let random = generator.next()
                bytes[index] = random % 2 == 0 ? UInt8(truncatingIfNeeded: random >> 8)
                                               : markup[Int((random >> 8) % UInt64(markup.count))]
            }
            if round % 3 == 0 { bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count)))) }
            return Data(bytes)
        }
    }

    @Test func damagedJSONResumesGiveDiagnosticsNotCrashes() {
        var failures = 0
        for data in Self.mutations(of: JSONResumeTests.resume, syntax: "{}[]\",:0-T\\", seed: 7, count: 2_000) {
            do { _ = try JSONResumeReader.read(data, options: InteropSamples.options("fuzz.json")) } catch {
                failures += 1
                #expect(!error.diagnostics.isEmpty)
            }
        }
        #expect(failures > 0, "the mutations reach the error paths")
    }

    @Test func damagedEuropassCVsGiveDiagnosticsNotCrashes() {
        for data in Self.mutations(of: EuropassTests.cv, syntax: "<>&\"=/-0", seed: 11, count: 2_000) {
            do { _ = try EuropassReader.read(data, options: InteropSamples.options("fuzz.xml")) } catch {
                #expect(error.diagnostics.allSatisfy { $0.location?.file == "fuzz.xml" })
            }
        }
    }

    @Test func formatDetectionNeverCrashesAndTellsFormatsApart() {
        #expect(ImportFormat.detect(Data(JSONResumeTests.resume.utf8)) == .jsonResume)
        #expect(ImportFormat.detect(Data(LEAP2AImportTests.moodle2009.utf8)) == .leap2a)
        #expect(ImportFormat.detect(Data(LEAP2AImportTests.mahara2010.utf8)) == .leap2a)
        #expect(ImportFormat.detect(Data(EuropassTests.cv.utf8)) == .europass)
        #expect(ImportFormat.detect(Data("<portfolio xmlns=\"urn:pathfolio:portfolio:1\"/>".utf8)) == .xml)
        // Markers are looked for in the first 4 KiB only, as bytes (Korean before them is fine).
        let comment = "<!-- 김하늘의 이력 -->\n"
        #expect(ImportFormat.detect(Data((comment + "<e:SkillsPassport xmlns:e=\"x\"/>").utf8)) == .europass)
        let late = "<portfolio xmlns=\"urn:pathfolio:portfolio:1\"><!--" + String(repeating: "가", count: 1_400) + "--><SkillsPassport/>"
        #expect(ImportFormat.detect(Data(late.utf8)) == .xml)
        #expect(ImportFormat.detect(Data("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>".utf8)) == .xml)  // Atom, not LEAP2A
        #expect(ImportFormat.detect(Data("<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:leap2=\"http://terms.leapspecs.org/\"/>".utf8)) == .leap2a)
        #expect(ImportFormat.detect(Data()) == .xml)
        for data in Self.mutations(of: LEAP2AImportTests.moodle2009, syntax: "<>{PK", seed: 3, count: 500) {
            _ = ImportFormat.detect(data)
        }
    }
}

extension ForeignReaderRobustnessTests {
    @Test func damagedZipPackagesGiveDiagnosticsNotCrashes() throws {
        let archive = try Archive(accessMode: .create)
        for (path, text) in [("leap2a.xml", LEAP2AImportTests.mahara2010), ("files/portfolio.pdf", "%PDF-1.4 포트폴리오")] {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let zip = Array(try #require(archive.data))
        var generator = SplitMix64(seed: 99)
        for round in 0..<1_500 {
            var bytes = zip
            for _ in 0..<(1 + round % 6) {
                let index = 4 + Int(generator.next() % UInt64(bytes.count - 4))
                bytes[index] = UInt8(truncatingIfNeeded: generator.next())
            }
            if round % 4 == 0 { bytes = Array(bytes.prefix(4 + Int(generator.next() % UInt64(bytes.count - 4)))) }
            _ = try? LEAP2AReader.read(Data(bytes), options: InteropSamples.options("fuzz.zip"))
        }
    }
}
