import Testing
@testable import Engine

/// `tandem dialogs check` holds each flow to the contract of the action it names, as FILE:LINE.
struct ActionContractCheckTests {
    static let english = """
        t.title = testing
        t.trigger = go
        t.ask = Which?
        t.label = Thing
        t.saved = Saved.
        option.a = A
        option.b = B
        """

    static let duration = Answer.duration("duration")
    static let note = Answer.text("note").optional
    static let kind = Answer.choice("kind", options: ["a", "b"])

    func check(_ body: String, contract: ActionContract) -> [String] {
        let engineTexts = EngineText.required.map { "\($0) = x" }.joined(separator: "\n")
        let flow = "flow t\n  title: t.title\n  trigger: t.trigger\n  action: save\n" + body
        let result = DialogCatalog.build(
            flowFiles: [.init(path: "t.flow", text: flow)],
            localeFiles: ["en": [
                .init(path: "en/t.locale", text: Self.english), .init(path: "en/e.locale", text: engineTexts),
            ]],
            actions: ["save"], contracts: ["save": contract])
        switch result {
        case .success: return []
        case .failure(let failure): return failure.errors.map(\.description)
        }
    }

    func question(_ name: String, _ type: String, _ extra: String = "") -> String {
        "ask \(name): \(type)\n  prompt: t.ask\n  label: t.label\n" + extra
    }

    @Test func aFlowAskingWhatItsActionReadsPasses() {
        let contract = ActionContract([Self.duration, Self.note], texts: ["t.saved"])
        #expect(check(question("duration", "duration") + question("note", "text", "  optional\n"), contract: contract)
            == [])
    }

    @Test func aRenamedQuestionIsMissingForTheActionAndExtraForTheFlow() {
        let errors = check(question("length", "duration"), contract: ActionContract([Self.duration]))
        #expect(errors == [
            "t.flow:4: action `save` needs `duration` (duration), which flow `t` does not ask",
            "t.flow:5: action `save` does not read `length` (it reads: duration)",
        ])
    }

    @Test func aQuestionOfAnotherTypeNamesItsLine() {
        #expect(check(question("duration", "integer"), contract: ActionContract([Self.duration]))
            == ["t.flow:5: action `save` reads `duration` as duration, not integer"])
    }

    @Test func aTextTheActionSaysThatNoLocaleHasNamesTheActionLine() {
        #expect(check(question("duration", "duration"), contract: ActionContract([Self.duration], texts: ["t.gone"]))
            == ["t.flow:4: action `save` says `t.gone`, which is missing in en"])
    }

    @Test func aRequiredAnswerMayNotBeSkipped() {
        #expect(check(question("duration", "duration", "  optional\n"), contract: ActionContract([Self.duration]))
            == ["t.flow:5: action `save` needs `duration`, which may be skipped here"])
    }

    @Test func aRequiredAnswerMustBeOnEveryPath() {
        let flow = question("kind", "choice", "  options: a, b\n  if b: done\n") + question("duration", "duration")
        #expect(check(flow, contract: ActionContract([Self.kind, Self.duration]))
            == ["t.flow:10: action `save` needs `duration`, which some paths through flow `t` do not ask"])
        #expect(check(flow, contract: ActionContract([Self.kind, Self.duration.optional])) == [])
    }

    @Test func aChoiceMayOfferOnlyOptionsTheActionKnows() {
        let flow = question("kind", "choice", "  options: a, c\n")
        #expect(check(flow, contract: ActionContract([Self.kind]))
            .contains("t.flow:5: action `save` does not know the option `c` of `kind` (known: a, b)"))
    }
}
