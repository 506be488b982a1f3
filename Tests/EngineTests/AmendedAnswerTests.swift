import Testing
@testable import Engine

/// A change of mind about an earlier answer, typed where a text is asked ("sorry, i meant 3" after a rating of 4):
/// it changes that answer and asks the text again. Before, it was kept as the text.
struct AmendedAnswerTests {
    static let texts = """
        r.title = rating
        r.trigger = rate
        r.rating.ask = Rate it 1-5
        r.rating.label = Rating
        r.iban.ask = Your IBAN?
        r.iban.label = IBAN
        r.why.ask = Why?
        r.why.label = Reason
        """

    /// A rating, a secret, then a text.
    static let flow = """
        flow rate
          title: r.title
          trigger: r.trigger
          action: send
        ask rating: integer
          prompt: r.rating.ask
          label: r.rating.label
          rule: min 1
          rule: max 5
        ask iban: text
          prompt: r.iban.ask
          label: r.iban.label
          secret
        ask why: text
          prompt: r.why.ask
          label: r.why.label
        """

    let engine: Engine

    init() throws {
        let words = """
            words.yes = yes
            words.no = no
            words.skip = skip
            words.back = back
            words.cancel = cancel
            words.amend = sorry, actually, i meant

            """
        engine = try TestEngine.make(flow: Self.flow, texts: Self.texts, words: words, actions: ["send"])
    }

    func conversation(_ messages: [String]) -> Turn {
        var turn = Turn(state: ConversationState())
        let context = TurnContext(language: "en", now: 0, today: CalendarDate(year: 2026, month: 3, day: 14)!,
                                  roles: ["mentee"])
        for message in messages { turn = engine.handle(Inbound(text: message), in: turn.state, context: context) }
        return turn
    }

    @Test func aChangeOfMindChangesTheRatingAndAsksTheTextAgain() {
        let turn = conversation(["rate", "4", "DE89370400440532013000", "sorry i meant 3"])
        #expect(turn.state.slots["rating"] == .integer(3))
        #expect(turn.state.slots["why"] == nil)
        #expect(turn.state.state == "why")
    }

    @Test func aRefusedChangeAsksTheRatingAgain() {
        let turn = conversation(["rate", "4", "DE89370400440532013000", "actually 9"])
        #expect(turn.state.slots["rating"] == nil)
        #expect(turn.state.state == "rating")
    }

    /// A bare number, or a number inside a sentence, is the text asked for.
    @Test(arguments: ["3", "we covered 3 topics"])
    func aTextWithANumberIsTheText(answer: String) {
        let turn = conversation(["rate", "4", "DE89370400440532013000", answer])
        let sent = turn.effects.compactMap { if case .perform(let request) = $0 { request.slots } else { nil } }
        #expect(sent.first?["rating"] == .integer(4))
        #expect(sent.first?["why"] == .text(answer))
    }

    /// A secret is never read as a change: it would be echoed back as the new rating.
    @Test func aSecretIsNeverAChange() {
        let turn = conversation(["rate", "4", "sorry 3"])
        #expect(turn.state.slots["rating"] == .integer(4))
        #expect(turn.state.state == "why")
    }
}
