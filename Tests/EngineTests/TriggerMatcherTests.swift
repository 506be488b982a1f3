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
            hello.title = hello
            hello.trigger = hi
            words.greeting = hi, hello, good morning
            """
        let engineTexts = EngineText.required.map { "\($0) = x" }.joined(separator: "\n")
        matcher = TriggerMatcher(catalog: try DialogCatalog.build(
            flowFiles: [flow("claim"), flow("claims"), flow("hello")],
            localeFiles: ["en": [.init(path: "t", text: texts), .init(path: "e", text: engineTexts)]],
            actions: ["a"]
        ).get())
    }

    @Test func theLongestWholeWordWins() {
        #expect(matcher.starting("Claims please", language: "en")?.flow.id == "claims")
        #expect(matcher.starting("claim 12", language: "en")?.flow.id == "claim")
        #expect(matcher.starting("my claims: all", language: "en")?.rest == "all")
    }

    /// A greeting before a trigger word is passed over ("hi, claim 12", "Hello Tandem, my claims"); alone, or before
    /// words that start nothing, it is a trigger word like any other.
    @Test func aGreetingBeforeTheTriggerIsPassedOver() {
        #expect(matcher.starting("hi, claim 12", language: "en")?.rest == "12")
        #expect(matcher.starting("Hello Tandem, my claims: all", language: "en")?.flow.id == "claims")
        #expect(matcher.starting("Good morning! claim 3", language: "en")?.flow.id == "claim")
        #expect(matcher.starting("hi", language: "en")?.flow.id == "hello")
        #expect(matcher.starting("hi, how are you", language: "en")?.flow.id == "hello")
        #expect(matcher.afterGreeting("hi there friend", "en") == "there friend")
        #expect(matcher.afterGreeting("hi, 2 claims", "en") == "2 claims")
        #expect(matcher.afterGreeting("Hello Ana! claim 3", "en") == "claim 3")
        #expect(matcher.afterGreeting("history of claims", "en") == nil)
        #expect(matcher.afterGreeting("hello", "en") == nil)
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
