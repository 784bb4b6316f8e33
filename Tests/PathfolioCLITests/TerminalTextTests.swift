import Foundation
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
}
