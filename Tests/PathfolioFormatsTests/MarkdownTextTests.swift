import PathfolioCore
@testable import PathfolioFormats
import Testing

/// `MarkdownText.inline` returns most text as it is after one pass over its bytes; what it
/// returns must be what escaping every scalar gives, whatever the text holds.
struct MarkdownTextTests {
    @Test func inlineTextIsEscapedAsScalarByScalar() {
        let pieces = ["a", "Z", " ", "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~", "&", "@", "?", "^", "{", "}",
                      "\u{7F}", "\n", "\r", "\t", "\u{0B}", "\u{0C}", "\u{1}", "\u{85}", "\u{2028}", "\u{2029}", "\u{2027}",
                      "\u{A0}", "\u{C5}", "é", "한국어", "😀", "\u{1112}\u{1161}", "مرحبا"]
        var rng = SplitMix64(seed: 85)
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...10, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            #expect(MarkdownText.inline(text) == MarkdownText.inlineEscapingEachScalar(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(MarkdownText.inline("a*b\n\u{2028}c") == #"a\*b c"#)
        for plain in ["", "김하늘", "Alex Morgan, data analyst (2024)", "e\u{301}", "2024-03 → 현재"] {
            #expect(MarkdownText.inline(plain) == plain)
            #expect(MarkdownText.inlineEscapingEachScalar(plain) == plain)
        }
    }
}
