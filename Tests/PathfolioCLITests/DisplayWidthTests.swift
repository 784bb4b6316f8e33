import Foundation
import PathfolioCore
@testable import pathfolio
import Testing

/// Terminal widths decide how `list`, `show` and `due` line up their columns.
struct DisplayWidthTests {
    @Test(arguments: [
        ("Data analyst", 12),
        ("데이터 분석가", 13),
        ("● 2001-02 – 2001-11-15", 22),
        ("○ 2024-03 – present  → 김하늘 · Acme", 36),
        ("café", 4),
        ("cafe\u{301}", 4),  // decomposed é: the combining accent takes no cell
        ("\u{1112}\u{1161}\u{11AB}", 2),  // 한 as jamo (decomposed): one wide character
        ("日本語", 6),
        ("👩‍💻 coder", 8),
        ("🇰🇷", 2),
        ("", 0),
    ])
    func widthsAreTerminalCells(text: String, cells: Int) {
        #expect(text.displayWidth == cells)
    }

    /// The scalar-by-scalar shortcut gives the same answer as breaking the text into characters.
    @Test func theShortcutAgreesWithCharacterByCharacter() {
        let pieces = ["a", " ", "김", "하늘", "–", "—", "…", "•", "●", "○", "→", "·", "é", "\u{301}", "\u{11AB}",
                      "\u{1112}", "\u{1161}", "😀", "👍🏽", "🇰", "🇷", "\u{200D}", "\u{FE0F}", "日", "\r", "\n", "ǅ", "ñ",
                      // the edges of the ranges the shortcut counts
                      "\u{2FF}", "\u{300}", "\u{2010}", "\u{2027}", "\u{2028}", "\u{2190}", "\u{21FF}",
                      "\u{2500}", "\u{25FF}", "\u{AC00}", "\u{D7A3}", "\u{D7A4}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator))
                .map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(text.displayWidth == text.displayWidthByCharacter, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// Styling escapes take no cells; they are found byte by byte, and what that leaves is
    /// what the regular expression `\u{1B}\[[0-9;]*m` leaves, for escapes whole, cut short,
    /// of other kinds and next to wide and combining characters.
    @Test func stylingEscapesAreLeftOutAsTheRegularExpressionLeavesThem() {
        #expect("\u{1B}[2m3f9a1c2e\u{1B}[0m".visibleWidth == 8)
        #expect("\u{1B}[1;33m김하늘\u{1B}[0m  job".visibleWidth == 11)
        let pieces = ["\u{1B}", "[", "0", "1", "2", ";", "m", "3", "K", "a", "김", "e\u{301}", "😀", " ", "\u{1B}[0m",
                      "\u{1B}[2m", "\u{1B}[1;4m", "\u{1B}[38;5;208m", "\u{1B}]8;;x\u{7}", "[0m", "m"]
        var generator = SplitMix64(seed: 0x1B)
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...10, using: &generator))
                .map { _ in pieces.randomElement(using: &generator)! }.joined()
            let expected = text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
            #expect(text.withoutStyling == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(text.visibleWidth == expected.displayWidth)
        }
    }

    @Test func tablesPadEachColumnToItsWidestCell() {
        let table = Output.table([["김하늘", "job", "x"], ["Alex", "training", "y"]])
        #expect(table == "김하늘  job       x\nAlex    training  y")
    }

    /// A row shorter than the others still widens the columns it has, its last cell is not
    /// padded, styling takes no cells, and a control character someone typed is shown as
    /// U+FFFD, taking its cell.
    @Test func tablesOfRowsOfEveryLength() {
        let table = Output.table([
            ["\u{1B}[33m3f9a1c2e\u{1B}[0m", "○ 2024-03 – present", "job", "데이터 분석가 · Acme"],
            ["b7c2", "2019", "a long kind"],
            ["c0ffee00", "–", "x\u{7}y", "title\u{1B}]0;owned\u{7}"],
            [],
            ["only"],
        ])
        #expect(table == """
            \u{1B}[33m3f9a1c2e\u{1B}[0m  ○ 2024-03 – present  job          데이터 분석가 · Acme
            b7c2      2019                 a long kind
            c0ffee00  –                    x\u{FFFD}y          title\u{FFFD}]0;owned\u{FFFD}

            only
            """)
        #expect(Output.table([["one column"], ["two"]]) == "one column\ntwo")
        #expect(Output.table([]).isEmpty)
    }
}
