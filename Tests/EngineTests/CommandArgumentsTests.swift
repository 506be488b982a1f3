import Testing
@testable import Engine

/// Commands with arguments ("reject 12 no receipt", "rate BGN 1.95583") are read by the engine from the flow's
/// `from message:` pattern: the action gets typed answers, never the raw text.
struct CommandArgumentsTests {
    static let texts = """
        r.title = rejecting a claim
        r.trigger = reject
        r.claim = Which claim?
        r.claim.label = Claim
        r.reason = Why is {claim} rejected?
        r.reason.label = Reason
        x.title = a rate
        x.trigger = rate
        x.currency = Which currency?
        x.currency.label = Currency
        x.date = From when?
        x.date.label = From
        """

    let engine: Engine

    init() throws {
        let reject = """
            flow reject
              title: r.title
              trigger: r.trigger
              from message: {claim} {reason}
              action: reject
            ask claim: integer
              prompt: r.claim
              label: r.claim.label
              rule: min 1
            ask reason: text
              prompt: r.reason
              label: r.reason.label
            """
        let rate = """
            flow rate
              title: x.title
              trigger: x.trigger
              from message: {currency} {date}
              action: rate
            ask currency: text
              prompt: x.currency
              label: x.currency.label
            ask date: date
              prompt: x.date
              label: x.date.label
              optional
            """
        let engineTexts = EngineText.required.map { "\($0) = <\($0)>" }.joined(separator: "\n")
        let catalog = try DialogCatalog.build(
            flowFiles: [.init(path: "reject.flow", text: reject), .init(path: "rate.flow", text: rate)],
            localeFiles: ["en": [
                .init(path: "en/r.locale", text: Self.texts), .init(path: "en/e.locale", text: engineTexts),
            ]],
            actions: ["reject", "rate"]
        ).get()
        engine = Engine(catalog: catalog)
    }

    func turn(_ text: String, in state: ConversationState = ConversationState()) -> Turn {
        engine.handle(Inbound(text: text), in: state, context: TurnContext(
            language: "en", now: 0, today: CalendarDate(year: 2026, month: 3, day: 14)!, roles: ["mentee"]))
    }

    func request(_ turn: Turn) -> ActionRequest? {
        turn.effects.lazy.compactMap { if case .perform(let request) = $0 { request } else { nil } }.first
    }

    func replies(_ turn: Turn) -> [String] {
        turn.effects.compactMap { if case .reply(let text) = $0 { text } else { nil } }
    }

    @Test func theWordsAfterTheTriggerAnswerTheArgumentsInOrder() {
        let done = turn("reject #12. the ticket is missing")
        #expect(request(done)?.slots == ["claim": .integer(12), "reason": .text("the ticket is missing")])
        #expect(replies(done).isEmpty)
    }

    @Test func aMissingRequiredArgumentIsAskedWithTheOthersKept() {
        let asked = turn("reject 12")
        #expect(replies(asked) == ["Why is 12 rejected?"])
        #expect(request(turn("no receipt", in: asked.state))?.slots
            == ["claim": .integer(12), "reason": .text("no receipt")])
    }

    @Test func anArgumentThatIsNotUnderstoodIsSaidAndAsked() {
        let asked = turn("reject twelve nothing")
        #expect(replies(asked) == [
            "<engine.not_used>", "Which claim?",
        ])
        #expect(asked.state.state == "claim")
    }

    @Test func aMissingOptionalArgumentIsNotAsked() {
        #expect(request(turn("rate BGN"))?.slots == ["currency": .text("BGN")])
        #expect(request(turn("rate BGN 2026-03-01"))?.slots
            == ["currency": .text("BGN"), "date": .date(CalendarDate(year: 2026, month: 3, day: 1)!)])
    }

    @Test func aPatternMayOnlyNameQuestionsOfItsFlow() {
        let flow = "flow t\n  title: r.title\n  from message: {claim} {nothing}\n  action: reject\n"
            + "ask claim: integer\n  prompt: r.claim\n  label: r.claim.label\n"
        let engineTexts = EngineText.required.map { "\($0) = x" }.joined(separator: "\n")
        let result = DialogCatalog.build(
            flowFiles: [.init(path: "t.flow", text: flow)],
            localeFiles: ["en": [.init(path: "r", text: Self.texts), .init(path: "e", text: engineTexts)]],
            actions: ["reject"])
        guard case .failure(let failure) = result else { return #expect(Bool(false)) }
        #expect(failure.errors.map(\.description)
            == ["t.flow:3: `from message:` names `nothing`, which is not a question of flow `t`"])
    }
}
