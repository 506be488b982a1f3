import Foundation
import Testing
@testable import Engine

/// `trigger anywhere:`: words or phrases anywhere in a message outside a flow start the flow — whole words, any
/// case — while a flow's own trigger at the start of the message still wins.
struct TriggerAnywhereTests {
    static let texts = """
        c.title = a concern
        c.trigger = concern
        c.danger = kill myself, abuse, тормоз, zorbalık, intihar
        l.title = logging
        l.trigger = log
        l.ask = Topics?
        l.label = Topics
        """

    let engine: Engine

    init() throws {
        let concern = """
            flow concern
              title: c.title
              trigger: c.trigger
              trigger anywhere: c.danger
              action: explain
            """
        let log = """
            flow log
              title: l.title
              trigger: l.trigger
              action: save
            ask topics: text
              prompt: l.ask
              label: l.label
            """
        let engineTexts = EngineText.required.map { "\($0) = <\($0)>" }.joined(separator: "\n")
        let catalog = try DialogCatalog.build(
            flowFiles: [.init(path: "concern.flow", text: concern), .init(path: "log.flow", text: log)],
            localeFiles: ["en": [.init(path: "en/c.locale", text: Self.texts), .init(path: "en/e.locale", text: engineTexts)]],
            actions: ["explain", "save"]
        ).get()
        engine = Engine(catalog: catalog)
    }

    func actions(_ text: String, in state: ConversationState = ConversationState()) -> [String] {
        let context = TurnContext(
            language: "en", now: 0, today: CalendarDate(year: 2026, month: 3, day: 14)!, roles: ["mentee"])
        return engine.handle(Inbound(text: text), in: state, context: context).effects.compactMap {
            if case .perform(let request) = $0 { return request.action } else { return nil }
        }
    }

    @Test func dangerWordsAnywhereStartTheFlow() {
        #expect(actions("sometimes I want to Kill Myself.") == ["explain"])
        #expect(actions("there is abuse at home") == ["explain"])
        #expect(actions("в клас има ТОРМОЗ") == ["explain"])
        #expect(actions("sınıfta zorbalık var") == ["explain"])
        #expect(actions("İntihar düşünüyorum") == ["explain"])
    }

    @Test func onlyWholeWordsCount() {
        #expect(actions("the abusers in the film") == [])
        #expect(actions("skill myself up") == [])
    }

    @Test func aTriggerAtTheStartWinsAndAFlowInProgressIsNotInterrupted() {
        #expect(actions("log topics: abuse prevention") == ["save"])
        var state = ConversationState()
        state.flow = "log"
        state.state = "topics"
        #expect(actions("abuse prevention", in: state) == ["save"])
    }

    @Test func theSettingIsParsed() throws {
        let flow = try FlowFileParser.parse(
            "flow x\n  title: t\n  trigger anywhere: x.words\n  action: a\n", file: "x.flow", lexicon: Lexicon())
        #expect(flow.triggerAnywhere == "x.words")
    }
}
