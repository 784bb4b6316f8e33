import Foundation
import Testing
@testable import PathfolioCore

/// `String.nfc` skips Foundation for text NFC cannot change; it must agree with Foundation.
struct NFCFastPathTests {
    @Test func theFastPathAgreesWithFoundation() {
        let samples = [
            "김하늘", "데이터 분석 실무", "㈜데이터랩", "café", "cafe\u{301}", "\u{1112}\u{1161}\u{11AB}", "한\u{11A8}",
            "か\u{3099}", "が", "Ω", "\u{2126}", "Å", "\u{212B}", "🚀👩🏽‍💻🇰🇷", "مرحبا", "שלום", "e\u{0301}\u{0323}",
            "ＡＢＣ", "ﬁ", "\u{F900}", "漢字かなカナ", "Ä\u{308}",
        ]
        for text in samples {
            #expect(text.nfc == text.precomposedStringWithCanonicalMapping, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func everyScalarTheFastPathTrustsIsStableAloneAndAfterALetter() {
        for value in stride(from: 0x80, through: 0x1FAFF, by: 1) {
            guard let scalar = Unicode.Scalar(value), scalar.isStableUnderNFC else { continue }
            let alone = String(Character(scalar))
            let after = "a" + alone + "b"
            #expect(alone.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(alone.unicodeScalars))
            #expect(after.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(after.unicodeScalars))
        }
    }
}
