import Testing
@testable import Engine

/// The one place trigger words are matched: the longest whole word at the start wins, and the rest is returned.
struct TriggerMatcherTests {
    let matcher: TriggerMatcher

    init() throws {
        func flow(_ id: String) -> DialogCatalog.SourceFile {
            .init(path: "\(id).flow", text: "flow \(id)\n  title: \(id).title\n  trigger: \(id).trigger\n  action: a\n")
        }
        let texts = """
            claim.title = a claim
            claim.trigger = claim
            claims.title = the claims
            claims.trigger = claims, my claims
            """
        let engineTexts = EngineText.required.map { "\($0) = x" }.joined(separator: "\n")
        matcher = TriggerMatcher(catalog: try DialogCatalog.build(
            flowFiles: [flow("claim"), flow("claims")],
            localeFiles: ["en": [.init(path: "t", text: texts), .init(path: "e", text: engineTexts)]],
            actions: ["a"]
        ).get())
    }

    @Test func theLongestWholeWordWins() {
        #expect(matcher.starting("Claims please", language: "en")?.flow.id == "claims")
        #expect(matcher.starting("claim 12", language: "en")?.flow.id == "claim")
        #expect(matcher.starting("my claims: all", language: "en")?.rest == "all")
    }

    @Test func aWordMustEndWhereTheTriggerEnds() {
        #expect(matcher.starting("claimant", language: "en") == nil)
        #expect(matcher.starting("claim,12", language: "en")?.rest == "12")
        #expect(matcher.starting("claim\n12", language: "en")?.rest == "12")
    }

    @Test func onlyAdmittedFlowsMatch() {
        #expect(matcher.starting("claims", language: "en") { $0.id != "claims" } == nil)
    }
}
