import Foundation
import PathfolioCore
import PathfolioStore
import Testing

/// Exports never contain more than their audience may see, over many generated portfolios:
/// nothing private in a counselor's or the public's export, nothing for counselors in a
/// public one, and nothing identifying in a blind profile.
///
/// `PATHFOLIO_PRIVACY_PORTFOLIOS` sets how many portfolios are generated (default 40);
/// `PATHFOLIO_TEST_SEED` replays a run.
struct PrivacyTests {
    static let audiences: [(Audience, blind: Bool)] = [(.counselor, false), (.public, false), (.counselor, true), (.public, true)]

    /// Generated portfolios, each valid by the model's rules.
    static func generate() -> [PortfolioGenerator.Generated] {
        var seeds = Harness.generator("privacy")
        var generator = PortfolioGenerator(seed: seeds.next())
        return (0..<Harness.count("PATHFOLIO_PRIVACY_PORTFOLIOS", default: 40)).map { generator.portfolio(index: $0) }
    }

    @Test func theAudienceFilterKeepsEveryMarkerFromWhoMayNotSeeIt() throws {
        for generated in Self.generate() {
            #expect(generated.portfolio.diagnostics().filter { $0.severity == .error } == [])
            // Every marker is in the whole portfolio, so a leak would be found.
            let whole = String(decoding: try JSONEncoder().encode(generated.portfolio), as: UTF8.self)
            #expect(generated.markers.filter { !whole.contains($0.text) }.map(\.field) == [])
            for (audience, blind) in Self.audiences {
                var shown = generated.portfolio.visible(to: audience)
                if blind { shown = shown.blinded() }
                let text = String(decoding: try JSONEncoder().encode(shown), as: UTF8.self)
                try Self.check(text, generated, audience: audience, blind: blind, format: "the model")
            }
        }
    }

    /// Fails for every forbidden marker found in `text`, and when a title the audience may
    /// see is missing (so that an empty export cannot pass).
    static func check(_ text: String, _ generated: PortfolioGenerator.Generated, audience: Audience, blind: Bool,
                      format: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let context = "\(format), \(audience.rawValue)\(blind ? " blind" : ""), person \(generated.portfolio.person.name)"
        for marker in generated.forbidden(for: audience, blind: blind) where text.contains(marker.text) {
            Issue.record("\(context): \(marker.field) (\(marker.visibility.rawValue)\(marker.identifying ? ", identifying" : "")) leaked",
                         sourceLocation: sourceLocation)
        }
        for title in generated.requiredTitles(for: audience) where !text.contains(title) {
            Issue.record("\(context): the visible title \(title) is missing", sourceLocation: sourceLocation)
        }
    }
}
