import PathfolioCore
import PathfolioFormats
import PathfolioStore
import Testing

/// The format's promise: export → import into an empty ledger → export gives the same bytes.
struct XMLRoundTripTests {
    static let fingerprints = ImportFingerprints(experience: { PortfolioXML.fingerprint($0) },
                                                 reflection: { PortfolioXML.fingerprint($0) })

    /// Imports a file's text into a fresh in-memory ledger and exports the person again.
    func reimport(_ text: String, audience: Audience = .self) throws -> (text: String, ledger: Ledger) {
        let read = PortfolioXML.read(bytes: Array(text.utf8), name: "round-trip.xml")
        #expect(read.diagnostics.isEmpty, "\(read.diagnostics)")
        let ledger = try Ledger.inMemory(options: .init(ids: .sequential(prefix: "rt"), actor: "tester"))
        let items = read.portfolios.map {
            PortfolioImport(portfolio: $0.portfolio, experienceBases: $0.experienceHashes, reflectionBases: $0.reflectionHashes)
        }
        _ = try ledger.importPortfolios(items, fingerprints: Self.fingerprints)
        let portfolios = try ledger.read { tx in try items.map { try tx.portfolio(of: $0.portfolio.person.id) } }
        let again = portfolios.count == 1 && text.contains("<portfolio xmlns")
            ? try PortfolioXML.write(portfolios[0], audience: audience)
            : try PortfolioXML.write(collection: portfolios, audience: audience)
        return (again, ledger)
    }

    @Test(arguments: 1...16 as ClosedRange<UInt64>)
    func generatedPortfoliosExportImportExportByteForByte(seed: UInt64) throws {
        // Given a generated portfolio (decomposed Korean included) put into a ledger through an import,
        var generator = PortfolioGenerator(seed: seed)
        let raw = generator.portfolio(experiences: 10 + Int(seed % 7))
        let first = try reimport(try PortfolioXML.write(raw, audience: .self))
        // when its export is imported into an empty ledger and exported again,
        let second = try reimport(first.text)
        // then the bytes are the same, the file is valid for xmllint, and a re-import changes nothing.
        #expect(second.text == first.text)
        #expect(try xmllint(first.text).status == 0)
        let read = PortfolioXML.read(bytes: Array(first.text.utf8), name: "again.xml")
        let plans = try second.ledger.importPortfolios(read.portfolios.map {
            PortfolioImport(portfolio: $0.portfolio, experienceBases: $0.experienceHashes, reflectionBases: $0.reflectionHashes)
        }, fingerprints: Self.fingerprints)
        #expect(plans.allSatisfy { !$0.changesSomething })
        // Text is stored and written in NFC.
        #expect(first.text.unicodeScalars.allSatisfy { !(0x1100...0x11FF).contains($0.value) })
    }

    @Test(arguments: [Audience.public, .counselor])
    func audienceExportsRoundTripToo(audience: Audience) throws {
        var generator = PortfolioGenerator(seed: 99)
        let stored = try reimport(try PortfolioXML.write(generator.portfolio(), audience: .self))
        let shown = try PortfolioXML.write(try stored.ledger.read { try $0.portfolios()[0] }, audience: audience)
        #expect(try reimport(shown, audience: audience).text == shown)
    }

    @Test func collectionsRoundTrip() throws {
        var generator = PortfolioGenerator(seed: 5)
        let text = try PortfolioXML.write(collection: (0..<4).map { _ in generator.portfolio(experiences: 5) }, audience: .self)
        let first = try reimport(text)
        #expect(try reimport(first.text).text == first.text)
        #expect(first.text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<portfolios "))
    }

    @Test func theEveryFieldPortfolioRoundTripsThroughTheLedger() throws {
        let first = try reimport(try PortfolioXML.write(try everyField(), audience: .self))
        #expect(try reimport(first.text).text == first.text)
        #expect(first.text.contains("<summary>첫 줄\n  둘째 줄 &quot;인용&quot;\n셋째</summary>") || first.text.contains("<summary>첫 줄\n  둘째 줄 \"인용\"\n셋째</summary>"))
    }
}
