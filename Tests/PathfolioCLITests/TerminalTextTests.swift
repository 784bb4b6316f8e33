import Foundation
import PathfolioCore
@testable import pathfolio
import Testing

/// Others' text (a name in an imported file) reaches the terminal without the control
/// characters that could clear it, retitle it or rewrite a line; the ledger keeps the text.
struct TerminalTextTests {
    @Test func controlsAreShownAsReplacementCharactersAndOurStylingPasses() {
        #expect(TerminalText.clean("김하늘 — Analyst\tnote\n") == "김하늘 — Analyst\tnote\n")
        #expect(TerminalText.clean("Eve\u{1B}[2J\u{1B}]0;owned\u{7}!") == "Eve\u{FFFD}[2J\u{FFFD}]0;owned\u{FFFD}!")
        #expect(TerminalText.clean("a\rb\u{8}c\u{7F}d\u{9B}e") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e")
        #expect(TerminalText.clean("paid \u{202E}0001$") == "paid \u{FFFD}0001$")
        #expect(TerminalText.clean("zero\u{200B}width") == "zero\u{FFFD}width")
        let styled = "\u{1B}[1mBold\u{1B}[0m \u{1B}[2mdim\u{1B}[0m \u{1B}[33m3f9a1c2e\u{1B}[0m"
        #expect(TerminalText.clean(styled) == styled)
        #expect(TerminalText.clean("\u{1B}[1m\u{1B}[31mred") == "\u{1B}[1m\u{FFFD}[31mred")
        // Emoji joiners and Persian non-joiners are text, not controls.
        #expect(TerminalText.clean("👩‍💻 می‌خواهم") == "👩‍💻 می‌خواهم")
    }

    /// Cleaning works on bytes; what it gives is the rule scalar by scalar: the styles pass
    /// whole, each control and misleading format becomes U+FFFD, everything else stays.
    @Test func cleaningByBytesIsTheRuleScalarByScalar() {
        let styles = ["\u{1B}[0m", "\u{1B}[1m", "\u{1B}[2m", "\u{1B}[33m"]
        func rule(_ text: String) -> String {
            var cleaned = String.UnicodeScalarView()
            var rest = text.unicodeScalars[...]
            while let scalar = rest.first {
                if let style = styles.first(where: { rest.starts(with: $0.unicodeScalars) }) {
                    cleaned.append(contentsOf: style.unicodeScalars)
                    rest = rest.dropFirst(style.unicodeScalars.count)
                    continue
                }
                let value = scalar.value
                let replaced = (value < 0x20 && value != 0x0A && value != 0x09) || (0x7F...0x9F).contains(value)
                    || [0x061C, 0x200B, 0x200E, 0x200F, 0xFEFF].contains(value) || (0x202A...0x202E).contains(value)
                    || (0x2066...0x2069).contains(value)
                cleaned.append(replaced ? "\u{FFFD}" : scalar)
                rest = rest.dropFirst()
            }
            return String(cleaned)
        }
        let pieces = ["a", "김", "\u{1B}", "[", "0", "1", "2", "3", "m", "J", "\u{1B}[1m", "\u{1B}[0m", "\u{1B}[33m", "\u{7}",
                      "\r", "\n", "\t", "\u{7F}", "\u{85}", "\u{9F}", "\u{A0}", "\u{61C}", "\u{200B}", "\u{200C}", "\u{200D}",
                      "\u{200E}", "\u{202A}", "\u{202E}", "\u{202F}", "\u{2066}", "\u{2069}", "\u{206A}", "\u{FEFF}",
                      "\u{FFFD}", "e\u{301}", "😀", "\u{E2}", "—", "•"]
        var generator = SplitMix64(seed: 7)
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...10, using: &generator))
                .map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(TerminalText.clean(text) == rule(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            // Our styles need no cleaning, but the check only looks for an escape.
            #expect(TerminalText.needsCleaning(text) == (rule(text) != text || text.unicodeScalars.contains("\u{1B}")))
        }
    }
}
