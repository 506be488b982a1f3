import Foundation
import Testing
@testable import Engine

/// The engine as a state machine: branching, prefill, back, expiry, global commands — no I/O, injected clock.
struct EngineTests {
    static let texts = """
        f.title = feedback
        f.trigger = feedback
        f.useful.ask = Was it useful?
        f.useful.label = Useful
        f.why.ask = Why not?
        f.why.label = Reason
        f.rating.ask = Rate it 1-3
        f.rating.label = Rating
        f.confirm = Send?\\n{summary}
        """

    /// A flow that branches: "no" asks why, "yes" goes straight to the rating.
    static let flow = """
        flow feedback
          title: f.title
          trigger: f.trigger
          confirm: f.confirm
          action: send
        ask useful: yesno
          prompt: f.useful.ask
          label: f.useful.label
          if yes: rating
        ask why: text
          prompt: f.why.ask
          label: f.why.label
        ask rating: integer
          prompt: f.rating.ask
          label: f.rating.label
          rule: min 1
          rule: max 3
        """

    let engine: Engine
    let today = CalendarDate(year: 2026, month: 3, day: 14)!

    init() throws {
        let words = "words.yes = yes\nwords.no = no\nwords.skip = skip\nwords.back = back\nwords.cancel = cancel\n"
        engine = try TestEngine.make(flow: Self.flow, texts: Self.texts, words: words, actions: ["send"],
                                     expiryMinutes: 60)
    }

    func context(minute: Int64 = 0, roles: Set<String> = ["mentee"]) -> TurnContext {
        TurnContext(language: "en", now: minute * 60_000, today: today, roles: roles)
    }

    /// Sends each message in turn; returns the final turn.
    func conversation(_ messages: [String], from state: ConversationState = ConversationState()) -> Turn {
        var turn = Turn(state: state)
        for message in messages { turn = engine.handle(Inbound(text: message), in: turn.state, context: context()) }
        return turn
    }

    var replies: (Turn) -> [String] {
        { turn in turn.effects.compactMap { if case .reply(let text) = $0 { return text } else { return nil } } }
    }

    @Test func yesSkipsTheWhyQuestion() {
        let turn = conversation(["feedback", "yes"])
        #expect(turn.state.state == "rating")
        #expect(replies(turn) == ["Rate it 1-3"])
    }

    @Test func noAsksWhy() {
        let turn = conversation(["feedback", "no"])
        #expect(turn.state.state == "why")
    }

    @Test func outOfRangeRatingIsRepromptedWithTheReason() {
        let turn = conversation(["feedback", "yes", "7"])
        #expect(turn.state.state == "rating")
        #expect(replies(turn).first?.hasPrefix("error.integer.max") == true)
        #expect(turn.state.slots["useful"] == .yesno(true))
    }

    @Test func confirmingRunsTheActionWithOnlyTheAnswersOnThePathTaken() {
        let turn = conversation(["feedback", "no", "too short", "back", "back", "yes", "3", "yes"])
        #expect(turn.state.isIdle)
        #expect(turn.effects.contains(.perform(ActionRequest(
            flow: "feedback", action: "send", slots: ["useful": .yesno(true), "rating": .integer(3)]))))
    }

    @Test func backReturnsToThePreviousQuestionAndForgetsItsAnswer() {
        let turn = conversation(["feedback", "no", "back"])
        #expect(turn.state.state == "useful")
        #expect(turn.state.slots["useful"] == nil)
    }

    @Test func cancelDropsEverything() {
        let turn = conversation(["feedback", "no", "cancel"])
        #expect(turn.state.isIdle)
        #expect(turn.state.slots.isEmpty)
        #expect(replies(turn) == ["<engine.cancelled>"])
    }

    @Test func unknownInputOutsideAFlowGetsTheMenu() {
        let turn = conversation(["hello"])
        #expect(replies(turn).first?.hasPrefix("<engine.unknown>") == true)
    }

    @Test func aFlowIdleLongerThanTheExpiryIsDropped() {
        let started = conversation(["feedback"])
        let later = engine.handle(Inbound(text: "yes"), in: started.state, context: context(minute: 61))
        #expect(replies(later).first == "<engine.expired>")
        #expect(later.state.isIdle)
    }

    @Test func stateSurvivesAJSONRoundTrip() throws {
        let turn = conversation(["feedback", "no"])
        let decoded = try JSONDecoder().decode(ConversationState.self, from: JSONEncoder().encode(turn.state))
        #expect(decoded == turn.state)
    }

    @Test func someoneNotEnrolledCannotStartAnEnrolledFlowAndIsToldHowToJoin() {
        let turn = engine.handle(Inbound(text: "feedback"), in: ConversationState(), context: context(roles: []))
        #expect(turn.state.isIdle)
        #expect(replies(turn) == ["<engine.not_enrolled>"])
    }

    @Test func someoneEnrolledWithoutRolesYetIsNotToldToJoin() {
        let waiting = TurnContext(language: "en", now: 0, today: today, roles: [], template: "school_peers")
        let turn = engine.handle(Inbound(text: "feedback"), in: ConversationState(), context: waiting)
        #expect(replies(turn).first?.hasPrefix("<engine.unknown>") == true)
    }

    @Test func someoneNotEnrolledSayingNothingKnownGetsTheMenu() {
        let turn = engine.handle(Inbound(text: "banana"), in: ConversationState(), context: context(roles: []))
        #expect(replies(turn).first?.hasPrefix("<engine.unknown>") == true)
    }

    @Test func aFlowOpenedFromOutsideWaitsOnItsFirstOpenQuestion() throws {
        let opened = try #require(engine.open("feedback", prefilled: ["useful": .yesno(false)], context: context()))
        #expect(opened.state.flow == "feedback" && opened.state.state == "why")
        #expect(replies(opened) == ["Why not?"])
        #expect(opened.state.history.isEmpty)
        let answered = engine.handle(Inbound(text: "too short"), in: opened.state, context: context(minute: 1))
        #expect(answered.state.state == "rating")
        #expect(engine.open("nonexistent", prefilled: [:], context: context()) == nil)
    }

    @Test func aConversationIsBusyUntilItsFlowEndsOrExpires() throws {
        let opened = try #require(engine.open("feedback", prefilled: [:], context: context()))
        #expect(!engine.isBusy(ConversationState(), now: 0))
        #expect(engine.isBusy(opened.state, now: 60 * 60_000))
        #expect(!engine.isBusy(opened.state, now: 60 * 60_000 + 1))
    }

    @Test func tokenizerKeepsTimesWhole() {
        #expect(Prefill.tokenize("at 14:30 topics:visa") == ["at", "14:30", "topics:", "visa"])
    }
}

extension EngineTests {
    @Test func aFileSentOutsideAFlowStartsTheFlowThatTakesFiles() throws {
        let flow = """
            flow receipt
              title: f.title
              starts on file: yes
              action: send
            ask file: attachment
              prompt: f.useful.ask
              label: f.useful.label
            ask amount: money
              prompt: f.rating.ask
              label: f.rating.label
              currency: EUR
            """
        let engineTexts = EngineText.required.map { "\($0) = <\($0)>" }
        let catalog = try DialogCatalog.build(
            flowFiles: [.init(path: "r.flow", text: flow)],
            localeFiles: ["en": [.init(path: "en/f.locale", text: Self.texts),
                                 .init(path: "en/e.locale", text: engineTexts.joined(separator: "\n"))]],
            actions: ["send"]
        ).get()
        let file = AttachmentRef(id: "abc", filename: "r.jpg", mediaType: "image/jpeg", size: 10)
        let turn = Engine(catalog: catalog).handle(
            Inbound(text: "", attachments: [file]), in: ConversationState(), context: context())
        #expect(turn.state.flow == "receipt")
        #expect(turn.state.slots["file"] == .attachments([file]))
        #expect(turn.state.state == "amount")
    }
}
