import Foundation
@testable import PathfolioFormats
import Testing

/// A format is told from the first bytes of a file by looking for markers in them.
struct FileHeadTests {
    /// `contains` against the plainest search there is, on heads made of a few bytes that
    /// make near-misses likely: markers at the start, at the end, overlapping themselves, cut
    /// off by the end of the head, and absent.
    @Test func findsAMarkerExactlyWhereAPlainSearchDoes() {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("<:Sk가".utf8)
        let markers = ["<SkillsPassport", ":Sk", "<<", "가", "S", "<feed", ""]
        for length in [0, 1, 2, 3, 15, 64, 4_096] {
            for _ in 0..<60 {
                var bytes = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] }
                if length > 20, Bool.random(using: &random) {  // plant a whole marker somewhere, sometimes at an end
                    let marker = Array(markers.randomElement(using: &random)!.utf8)
                    let at = [0, length - marker.count, Int.random(in: 0...(length - marker.count), using: &random)].randomElement(using: &random)!
                    bytes.replaceSubrange(at..<at + marker.count, with: marker)
                }
                let head = FileHead(Data(bytes))
                for marker in markers {
                    let needle = Array(marker.utf8)
                    let plain = needle.isEmpty || (needle.count <= bytes.count
                        && (0...(bytes.count - needle.count)).contains { bytes[$0..<$0 + needle.count].elementsEqual(needle) })
                    #expect(head.contains(marker) == plain, "\(marker) in \(bytes)")
                }
            }
        }
    }

    @Test func looksOnlyAtTheHead() {
        let text = String(repeating: "a", count: ImportFormat.headLength - 3) + "<SkillsPassport"
        #expect(!FileHead(Data(text.utf8)).contains("<SkillsPassport"))
        #expect(FileHead(Data(text.utf8)).contains("<Sk"))
    }
}
