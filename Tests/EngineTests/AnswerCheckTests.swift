import Foundation
import Testing
@testable import Engine

/// Answers checked as soon as they are given (`checked` questions and an `AnswerChecker`), and what a message in the
/// middle of a flow gives besides the answer asked for (labelled answers, a value for another question, files).
struct AnswerCheckTests {
    static let texts = """
        c.title = a claim
        c.trigger = claim
        c.amount.ask = How much?
        c.amount.label = Amount, amount
        c.category.ask = For what?
        c.category.label = For, for
        c.date.ask = Which day?
        c.date.label = Date, date
        c.note.ask = Anything to add?
        c.note.label = Note, note
        c.files.ask = Any files?
        c.files.label = Files, files
        option.travel = travel
        option.food = food
        option.materials = materials
        engine.options = {options}
        """

    static let flow = """
        flow claim
          title: c.title
          trigger: c.trigger
          action: draft
        ask amount: money
          prompt: c.amount.ask
          label: c.amount.label
          checked
          currency: EUR
        ask category: choice
          prompt: c.category.ask
          label: c.category.label
          checked
          options: travel, food, materials
        ask date: date
          prompt: c.date.ask
          label: c.date.label
          rule: not future
        ask note: text
          prompt: c.note.ask
          label: c.note.label
          optional
        ask files: attachment
          prompt: c.files.ask
          label: c.files.label
          optional
        """

    /// Offers food and materials only; refuses travel; 100 EUR is left; notes 50 EUR.
    struct Budget: AnswerChecker {
        func check(_ question: String, of flow: Flow, answers: [String: SlotValue], context: TurnContext)
            -> AnswerVerdict
        {
            if answers["category"] == .choice("travel") { return .reask("no travel", question: "category") }
            guard case .money(let amount)? = answers["amount"] else { return .accepted }
            if amount.minorUnits > 10_000, answers["category"] != nil { return .reask("100 left", question: "amount") }
            return amount.minorUnits == 5_000 ? .noted("fifty") : .accepted
        }

        func options(_ question: String, of flow: Flow, answers: [String: SlotValue], context: TurnContext)
            -> [String]?
        {
            question == "category" ? ["food", "materials"] : nil
        }
    }

    let engine: Engine
    let context = TurnContext(language: "en", now: 0, today: CalendarDate(year: 2026, month: 3, day: 14)!,
                              roles: ["mentee"])

    init() throws {
        let words = try String(
            contentsOf: TestLexicon.root.appendingPathComponent("Dialogs/locales/en/words.locale"), encoding: .utf8)
        engine = try TestEngine.make(flow: Self.flow, texts: Self.texts, words: words, actions: ["draft"],
                                     leaving: [EngineText.options])
    }

    /// Sends each message in turn (with `files` on the last one); returns the final turn.
    func say(_ messages: [String], files: [AttachmentRef] = [], checker: (any AnswerChecker)? = Budget()) -> Turn {
        var turn = Turn(state: ConversationState())
        for (index, text) in messages.enumerated() {
            let attachments = index == messages.count - 1 ? files : []
            turn = engine.handle(
                Inbound(text: text, attachments: attachments), in: turn.state, context: context, checker: checker)
        }
        return turn
    }

    func replies(_ turn: Turn) -> [String] {
        turn.effects.compactMap { if case .reply(let text) = $0 { text } else { nil } }
    }

    @Test func aCheckedChoiceShowsOnlyTheOptionsAllowedAndNumbersPickAmongThem() {
        let asked = say(["claim", "30 EUR"])
        #expect(replies(asked).first?.contains("1. food\n2. materials") == true, "\(replies(asked))")
        #expect(replies(asked).first?.contains("travel") == false)
        let answered = say(["claim", "30 EUR", "2"])
        #expect(answered.state.slots["category"] == .choice("materials"))
        #expect(answered.state.state == "date")
    }

    @Test func anOptionTheCheckerRefusesIsAskedAgainWithItsReason() {
        let turn = say(["claim", "30 EUR", "travel"])
        #expect(replies(turn).first == "no travel")
        #expect(turn.state.state == "category")
        #expect(turn.state.slots["category"] == nil)
    }

    @Test func anEarlierAnswerALaterOneShowsWrongIsAskedAgain() {
        let turn = say(["claim", "200 EUR", "food"])
        #expect(replies(turn) == ["100 left", "How much?"])
        #expect(turn.state.state == "amount")
        #expect(turn.state.slots["category"] == .choice("food"))
        #expect(turn.state.history == ["category"])
        let corrected = say(["claim", "200 EUR", "food", "100 EUR"])
        #expect(corrected.state.state == "date")
    }

    @Test func aNoteIsSaidAndTheFlowGoesOn() {
        let turn = say(["claim", "50 EUR"])
        #expect(replies(turn).first == "fifty")
        #expect(turn.state.state == "category")
    }

    @Test func answersInTheMessageThatStartsTheFlowAreCheckedAndOnlyTheKeptOnesRepeated() {
        let turn = say(["claim 30 EUR for: travel"])
        #expect(replies(turn).first == "no travel", "the refusal first: \(replies(turn))")
        #expect(replies(turn).dropFirst().first?.hasPrefix("<engine.noted>") == true, "then the amount kept")
        #expect(turn.state.slots["amount"] != nil && turn.state.slots["category"] == nil)
        #expect(turn.state.state == "category")
    }

    @Test func withoutACheckerAnswersAreOnlyCheckedByTheAction() {
        let turn = say(["claim", "200 EUR", "travel"], checker: nil)
        #expect(turn.state.slots["category"] == .choice("travel"))
        #expect(turn.state.state == "date")
    }

    @Test func aLabelledAnswerAnswersItsQuestionWhateverIsAsked() {
        let amount = say(["claim", "amount: 30 eur"])
        #expect(amount.state.slots["amount"] == .money(Money(minorUnits: 3_000, currency: "EUR")))
        #expect(amount.state.state == "category")
        let changed = say(["claim", "30 EUR", "food", "amount: 40 eur"])
        #expect(changed.state.slots["amount"] == .money(Money(minorUnits: 4_000, currency: "EUR")))
        #expect(changed.state.state == "date")
        #expect(replies(changed).first == "<engine.noted>")
    }

    @Test func aDateWhereTheAmountIsAskedAnswersTheDateAndTheAmountIsAskedAgain() {
        let turn = say(["claim", "2 dec"])
        #expect(turn.state.slots["date"] == .date(CalendarDate(year: 2025, month: 12, day: 2)!))
        #expect(turn.state.state == "amount")
        #expect(replies(turn) == ["<engine.noted>", "How much?"])
    }

    @Test func anAnswerOfTheRightKindThatBreaksARuleIsNotTakenForAnotherQuestion() {
        let turn = say(["claim", "30 EUR", "food", "tomorrow"])
        #expect(turn.state.state == "date")
        #expect(turn.state.slots["date"] == nil)
    }

    @Test func filesSentWithAnAnswerFillTheFileQuestion() {
        let file = AttachmentRef(id: "abc", filename: "invoice.pdf", mediaType: "application/pdf", size: 10)
        let turn = say(["claim", "30 EUR", "food", "yesterday", "the invoice"], files: [file])
        #expect(turn.state.isIdle)
        #expect(turn.effects.contains { effect in
            guard case .perform(let request) = effect else { return false }
            return request.slots["files"] == .attachments([file]) && request.slots["note"] == .text("the invoice")
        })
        let alone = say(["claim", "30 EUR", "food", "yesterday", ""], files: [file])
        #expect(alone.state.isIdle, "files alone skip the optional note")
    }
}
