import Foundation
import PathfolioCore
import Testing

/// `nfc` skips Foundation for text that is NFC by construction; the answer is the same.
@Suite struct NFCFastPathTests {
    @Test func sameAnswerAsFoundation() {
        let samples = [
            "데이터 분석 실무 과정", "김하늘 · 한국폴리텍대학 – 2024", "Müller, café, naïve", "plain ASCII",
            "\u{1100}\u{1161}\u{11A8}",          // conjoining jamo: composes to 각
            "\u{AC00}\u{11A8}",                  // syllable + trailing jamo: composes to 각
            "e\u{301}", "\u{212B}ngstr\u{F6}m",  // combining acute; the Ångström sign
            "\u{2000}", "😀 emoji", "漢字 かな",
        ]
        for text in samples {
            #expect(Array(text.nfc.unicodeScalars) == Array(text.precomposedStringWithCanonicalMapping.unicodeScalars), "\(text)")
        }
    }
}
