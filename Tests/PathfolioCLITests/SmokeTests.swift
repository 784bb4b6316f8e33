import Foundation
import Testing

struct SmokeTests {
    @Test func initThenAddThenList() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.succeed(["init", "--name", "김하늘"])
        let added = try cli.json(["add", "training", "--title", "데이터 분석 실무", "--start", "2024-03", "--end", "2024-08"])
        let id = try #require((added as? [String: Any])?["id"] as? String)
        let list = try cli.succeed(["list"])
        #expect(list.contains(String(id.prefix(8))))
        #expect(list.contains("데이터 분석 실무"))
    }
}
