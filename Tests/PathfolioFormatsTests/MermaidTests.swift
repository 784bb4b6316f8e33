import Foundation
import PathfolioCore
import PathfolioFormats
import Testing

/// The Mermaid picture of the path: labels that render any title, and a graph that only
/// draws what the audience may see.
struct MermaidTests {
    /// What Mermaid shows for a quoted label: `#123;` and `#name;` codes decoded, `<br/>` a
    /// line break.
    func shown(_ label: String) -> String {
        #expect(label.hasPrefix("\"") && label.hasSuffix("\""))
        var inner = String(label.dropFirst().dropLast())
        #expect(!inner.contains("\""), "a raw quote ends the label early: \(label)")
        inner = inner.replacingOccurrences(of: "<br/>", with: "\n")
        var result = ""
        var rest = Substring(inner)
        while let hash = rest.firstIndex(of: "#") {
            result += rest[..<hash]
            let afterHash = rest[rest.index(after: hash)...]
            let code = afterHash.prefix { $0.isASCIIDigit }
            let semicolon = afterHash.dropFirst(code.count).first
            #expect(!code.isEmpty && semicolon == ";", "a bare # would start an entity code: \(label)")
            result.unicodeScalars.append(Unicode.Scalar(UInt32(code)!)!)
            rest = afterHash.dropFirst(code.count + 1)
        }
        return result + rest
    }

    @Test func quotesBracketsHashesAnglesAndKoreanAreEscaped() {
        let label = MermaidFlowchart.label(#"Say "hi" #1 <b> & `x` 100% [a] (b) {c} 데이터 분석"#)
        #expect(label == #""Say #34;hi#34; #35;1 #60;b#62; #38; #96;x#96; 100#37; [a] (b) {c} 데이터 분석""#)
    }

    @Test(arguments: [
        #"# C# & "Rust" [beta] <intro> #quot; #35; 한국어"#, "end", "subgraph", "a;b", "a\\b",
        "line one\nline two", "```mermaid", "%% not a comment", "]] --> x[\"y\"]", "청년 \"일경험\" (6개월) #1",
    ])
    func everyLabelShowsExactlyItsText(_ text: String) {
        #expect(shown(MermaidFlowchart.label(text)) == text)
    }

    @Test func everyNodeIsDeclaredOnceInItsYearAndEdgesJoinDeclaredNodes() throws {
        let markdown = MarkdownPortfolioWriter(locale: .en, audience: .self).render(Samples.hostile)
        let source = try #require(markdown.components(separatedBy: "```mermaid\n").last?.components(separatedBy: "\n```").first)
        var declared: [String] = [], open = 0, edges = 0
        for line in source.split(separator: "\n").dropFirst().map({ $0.trimmingWhitespace }) {
            if line.hasPrefix("subgraph ") { open += 1; continue }
            if line == "end" { open -= 1; continue }
            if line.hasPrefix("classDef") || line.hasPrefix("class ") { continue }
            let parts = line.split(separator: " ", maxSplits: 2)
            if parts.count == 3, parts[1] == "-->|\"led" || parts[1].hasPrefix("-") {
                edges += 1
                #expect(declared.contains(String(parts[0])))
                #expect(declared.contains(String(line.split(separator: " ").last!)))
                continue
            }
            let id = String(line.prefix { $0 != "[" })
            #expect(id.hasPrefix("n") && id.dropFirst().allSatisfy(\.isASCIIDigit), "unexpected line: \(line)")
            #expect(line.dropFirst(id.count).hasPrefix("[\"") && line.hasSuffix("\"]"))
            #expect(shown(String(line.dropFirst(id.count + 1).dropLast())).hasPrefix(Samples.hostileTitle + "\n") || id != "n1")
            declared.append(id)
        }
        #expect(open == 0)
        #expect(declared == ["n1", "n2"])
        #expect(edges == 1)
    }

    @Test func linksToExperiencesTheAudienceMayNotSeeAreNotDrawn() {
        let counselor = MarkdownPortfolioWriter(locale: .en, audience: .counselor).render(Samples.jobSeeker)
        let everyone = MarkdownPortfolioWriter(locale: .en, audience: .public).render(Samples.jobSeeker)
        #expect(counselor.contains(#"-.->|"supports"|"#))
        #expect(!everyone.contains(#"-.->|"supports"|"#))
        #expect(!everyone.contains(#"-.->|"part of"|"#))
        #expect(!everyone.contains("Mentoring"))
    }

    @Test func experiencesAreGroupedByTheYearTheyStarted() {
        let markdown = MarkdownPortfolioWriter(locale: .ko, audience: .self).render(Samples.careerChanger)
        #expect(markdown.contains("""
                subgraph y2023["2023"]
                    n2["Full-stack web development bootcamp<br/>교육훈련 · 2023년 1월"]
                    n3["Job-search mentoring<br/>멘토링 · 2023년 3월"]
                    n4["Junior developer<br/>경력 · 2023년 6월 12일"]
                end
            """))
        #expect(markdown.contains("subgraph undated[\"날짜 없음\"]"))
    }
}

/// The byte-scan shortcuts in Markdown export give what the character-by-character code gives.
struct MarkdownShortcutTests {
    static let pieces = ["a", "Z", "9", " ", "-", "데이터", "김하늘", "Zoë", "e\u{301}", "\"", "#", "<", ">", "&", "`",
                         "%", ";", "\\", "\n", "\r\n", "\t", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{2028}",
                         "\u{2029}", "\u{2027}", "\u{202A}", "\u{2030}", "\u{A5}", "\u{84}", "–", "—", "…", "#\u{FE0F}\u{20E3}", "😀", "👩‍💻", "\"\u{301}", "\u{301}", "\u{1160}", "ﬁ", "Ⅻ", "Å", "İ", "ß", "ǅ", "مرحبا", "[", "]"]

    static func texts(count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            (0..<Int(rng.next() % 12)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
        }
    }

    @Test func mermaidLabelsMatchTheCarefulWay() {
        for text in Self.texts(count: 3_000, seed: 7) + Self.pieces {
            #expect(MermaidFlowchart.label(text) == MermaidFlowchart.carefulLabel(text), "\(text.debugDescription)")
        }
    }

    /// The slug as it was written before its ASCII shortcut.
    static func referenceSlug(_ name: String) -> String {
        var slug = ""
        let folded = name.nfc.lowercased().map { character -> String in
            character.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }
                ? String(character) : String(character).folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        }.joined()
        for scalar in folded.unicodeScalars {
            let keep = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || (0xAC00...0xD7A3).contains(scalar.value)
                || (!scalar.isASCII && MarkdownPortfolioWriter.isLetterOrDigit(scalar))
            if keep {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
            if slug.unicodeScalars.count >= 40 { break }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug
    }

    @Test func fileNameSlugsMatchTheReference() {
        let printable = (0x20..<0x7F).map { String(UnicodeScalar(UInt8($0))) }
        for text in Self.texts(count: 3_000, seed: 8) + Self.pieces + printable + ["Kim Ha-neul", "Zoë O'Brien", "Ｆｕｌｌ"] {
            #expect(MarkdownPortfolioWriter.slug(text) == Self.referenceSlug(text), "\(text.debugDescription)")
        }
    }
}
