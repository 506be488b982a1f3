import Testing
@testable import Engine

/// `tandem dialogs check`: every broken flow file is reported as FILE:LINE with what is wrong.
struct FlowFileCheckTests {
    static let english = """
        t.title = testing
        t.trigger = go
        t.ask = Which?
        t.label = Thing
        t.confirm = Sure?\\n{summary}
        """

    /// Builds a catalog of one flow file with minimal English texts (the engine texts are stubbed in).
    func build(_ flow: String, locale: String = english, actions: Set<String> = ["save"]) -> [FlowFileError] {
        let engineTexts = EngineText.required.map { "\($0) = x" }.joined(separator: "\n")
        let result = DialogCatalog.build(
            flowFiles: [.init(path: "t.flow", text: flow)],
            localeFiles: ["en": [.init(path: "en/t.locale", text: locale), .init(path: "en/e.locale", text: engineTexts)]],
            actions: actions)
        switch result {
        case .success: return []
        case .failure(let failure): return failure.errors
        }
    }

    func valid(_ body: String) -> String {
        "flow t\n  title: t.title\n  trigger: t.trigger\n  action: save\n" + body
    }

    @Test func aValidFlowHasNoProblems() {
        #expect(build(valid("ask a: text\n  prompt: t.ask\n  label: t.label\n")) == [])
    }

    /// A Latin spelling table (`words.latin`) with an entry that is no `letter:latin` pair names its line (stop 35).
    @Test func aBrokenLatinSpellingTableNamesItsLine() {
        let errors = build(valid("ask thing: text\n  prompt: t.ask\n  label: t.label\n"),
                           locale: Self.english + "\nwords.latin = ш:sh, щщ:sht, я:")
        #expect(errors.filter { $0.message.contains("words.latin") }.map(\.line) == [6, 6])
        #expect(errors.contains { $0.message.contains("`щщ:sht`") } && errors.contains { $0.message.contains("`я:`") })
    }

    @Test func unknownSlotTypeNamesTheLine() {
        let errors = build(valid("ask a: colour\n  prompt: t.ask\n  label: t.label\n"))
        #expect(errors.count == 1)
        #expect(errors.first?.line == 5)
        #expect(errors.first?.description.hasPrefix("t.flow:5: unknown slot type `colour`") == true)
    }

    @Test func acceptListsMediaTypesOnAttachmentQuestionsOnly() {
        #expect(build(valid("ask a: attachment\n  prompt: t.ask\n  label: t.label\n  accept: image/png, application/pdf\n"))
            == [])
        #expect(build(valid("ask a: text\n  prompt: t.ask\n  label: t.label\n  accept: image/png\n")).map(\.description)
            == ["t.flow:8: `accept:` belongs to an attachment question"])
        #expect(build(valid("ask a: attachment\n  prompt: t.ask\n  label: t.label\n  accept: png, pdf\n"))
            .map(\.description) == ["t.flow:8: `accept:` lists media types such as image/jpeg, application/pdf"])
    }

    @Test func interruptsAndYieldsAreYesOrNo() {
        #expect(build("flow t\n  title: t.title\n  trigger: t.trigger\n  action: save\n  interrupts: yes\n  yields: no\n") == [])
        #expect(build("flow t\n  title: t.title\n  trigger: t.trigger\n  action: save\n  yields: sometimes\n")
            .map(\.description) == ["t.flow:5: expected `yields: yes` or `no`"])
    }

    @Test func onlyOneFlowAnswersADisclosureAndItAsksNothing() {
        #expect(build("flow t\n  title: t.title\n  action: save\n  on disclosure: yes\n") == [])
        let asking = valid("  on disclosure: yes\nask a: text\n  prompt: t.ask\n  label: t.label\n")
        #expect(build(asking).map(\.description)
            == ["t.flow:1: an `on disclosure: yes` flow runs an `action:` and asks no questions"])
        #expect(build("flow t\n  title: t.title\n  action: save\n  on disclosure: maybe\n").map(\.description)
            == ["t.flow:4: expected `on disclosure: yes` or `no`"])
    }

    @Test func otherwiseNamesAnOptionOfAChoiceQuestion() {
        let choice = "ask a: choice\n  prompt: t.ask\n  label: t.label\n  options: yes, unsure\n"
        let locale = Self.english + "\noption.yes = yes\noption.unsure = ?"
        #expect(build(valid(choice + "  otherwise: unsure\n"), locale: locale) == [])
        #expect(build(valid(choice + "  otherwise: maybe\n"), locale: locale).map(\.description)
            == ["t.flow:9: `otherwise: maybe` is not one of the options"])
        #expect(build(valid("ask a: text\n  prompt: t.ask\n  label: t.label\n  otherwise: x\n")).map(\.description)
            == ["t.flow:8: `otherwise:` belongs to a choice question"])
    }

    @Test func unknownTargetStateIsReported() {
        let errors = build(valid("ask a: text\n  prompt: t.ask\n  label: t.label\n  next: nowhere\n"))
        #expect(errors.map(\.description) == ["t.flow:8: unknown state `nowhere`"])
    }

    @Test func unreachableStateIsReported() {
        let flow = valid("""
            ask a: text
              prompt: t.ask
              label: t.label
              next: done
            ask b: text
              prompt: t.ask
              label: t.label

            """)
        #expect(build(flow).map(\.description) == ["t.flow:9: state `b` can never be reached"])
    }

    @Test func missingTranslationIsReported() {
        let errors = build(valid("ask a: text\n  prompt: t.missing\n  label: t.label\n"))
        #expect(errors.map(\.description) == ["t.flow:5: missing translation `t.missing` in en"])
    }

    @Test func unknownActionIsReported() {
        let errors = build("flow t\n  title: t.title\n  action: fly\n")
        #expect(errors.first?.description == "t.flow:3: unknown action `fly` (known: save)")
    }

    @Test func unknownSettingIsReported() {
        let errors = build(valid("ask a: text\n  prompt: t.ask\n  label: t.label\n  colour: red\n"))
        #expect(errors.first?.line == 8)
        #expect(errors.first?.message.hasPrefix("unknown setting `colour`") == true)
    }

    @Test func unreadableRuleIsReported() {
        let errors = build(valid("ask a: duration\n  prompt: t.ask\n  label: t.label\n  rule: max purple\n"))
        #expect(errors.first?.line == 8)
    }

    @Test func branchOnAValueThatIsNotAnOptionIsReported() {
        let flow = valid("ask a: yesno\n  prompt: t.ask\n  label: t.label\n  if maybe: done\n")
        #expect(build(flow).first?.description == "t.flow:8: a yes/no question branches on `if yes:` or `if no:`")
    }

    @Test func duplicateStateIsReported() {
        let flow = valid("ask a: text\n  prompt: t.ask\n  label: t.label\nask a: text\n  prompt: t.ask\n  label: t.label\n")
        #expect(build(flow).first?.description == "t.flow:8: state `a` already declared on line 5")
    }

    @Test func translationMissingInAnotherLanguageIsReported() {
        let engineTexts = EngineText.required.map { "\($0) = x" }.joined(separator: "\n")
        let result = DialogCatalog.build(
            flowFiles: [.init(path: "t.flow", text: valid("ask a: text\n  prompt: t.ask\n  label: t.label\n"))],
            localeFiles: [
                "en": [.init(path: "en/t.locale", text: Self.english), .init(path: "en/e.locale", text: engineTexts)],
                "bg": [.init(path: "bg/t.locale", text: "t.title = тест"), .init(path: "bg/e.locale", text: engineTexts)],
            ],
            actions: ["save"])
        guard case .failure(let failure) = result else { return #expect(Bool(false), "expected problems") }
        #expect(failure.errors.contains { $0.description == "en/t.locale:3: missing translation `t.ask` in bg" })
    }

    @Test func localeLineWithoutEqualsIsReported() {
        #expect(throws: FlowFileError(file: "x.locale", line: 2, message: "expected `key = text`")) {
            try LocaleFile.parse("a = b\nnot a pair\n", file: "x.locale")
        }
    }

    /// Lines are split on their bytes and trimmed of white space as Foundation's `.whitespaces` did; a file saved with
    /// Windows line ends reads the same (split by `Character`, "\r\n" was one grapheme, so the file one line).
    @Test func localeLinesAreTrimmedAndWindowsLineEndsRead() throws {
        let text = "# comment\r\n\t a.b = \u{00A0}one, two\u{3000} \r\n\r\nc = line\\nbreak\r\nd=ё  \n"
        let entries = try LocaleFile.parse(text, file: "x.locale")
        #expect(entries.mapValues(\.value) == ["a.b": "one, two", "c": "line\nbreak", "d": "ё"])
        #expect(entries["c"]?.line == 4)
        #expect(throws: FlowFileError(file: "x.locale", line: 3, message: "expected `key = text`")) {
            try LocaleFile.parse("a = b\r\n\r\nnot a pair\r\n", file: "x.locale")
        }
    }
}

extension FlowFileCheckTests {
    @Test func audiencesAreRead() throws {
        let flow = try FlowFileParser.parse("flow t\n  title: t.title\n  for: mentor, facilitator\n", file: "t.flow",
                                            lexicon: Lexicon())
        #expect(flow.audience == .roles(["mentor", "facilitator"]))
        #expect(flow.audience.admits(["mentor"]))
        #expect(!flow.audience.admits(["mentee"]))
        #expect(!Flow.Audience.enrolled.admits([]))
        #expect(Flow.Audience.newcomers.admits([]) && !Flow.Audience.newcomers.admits(["mentee"]))
    }

    @Test func unknownRoleInAudienceIsReported() {
        let result = DialogCatalog.build(
            flowFiles: [.init(path: "t.flow", text: "flow t\n  title: t.title\n  for: pilot\n  action: save\n")],
            localeFiles: ["en": [.init(path: "en/t.locale", text: Self.english),
                                 .init(path: "en/e.locale", text: EngineText.required.map { "\($0) = x" }
                                    .joined(separator: "\n"))]],
            actions: ["save"], roles: ["mentee", "mentor"])
        guard case .failure(let failure) = result else { return #expect(Bool(false)) }
        #expect(failure.errors.first?.message.hasPrefix("unknown role `pilot`") == true)
    }
}

extension FlowFileCheckTests {
    @Test func aFlowForOneTemplateIsOnlyAvailableInItsProgrammes() throws {
        let flow = try FlowFileParser.parse(
            "flow t\n  title: t.title\n  programmes: school_peers\n  for: mentee\n", file: "t.flow", lexicon: Lexicon())
        let today = CalendarDate(year: 2026, month: 3, day: 14)!
        func context(_ template: String?) -> TurnContext {
            TurnContext(language: "en", now: 0, today: today, roles: ["mentee"], template: template)
        }
        #expect(flow.isAvailable(in: context("school_peers")))
        #expect(!flow.isAvailable(in: context("city_to_city")))
        #expect(!flow.isAvailable(in: context(nil)))
    }

    @Test func unknownTemplateIsReported() {
        let result = DialogCatalog.build(
            flowFiles: [.init(path: "t.flow", text: "flow t\n  title: t.title\n  programmes: circus\n  action: save\n")],
            localeFiles: ["en": [.init(path: "en/t.locale", text: Self.english),
                                 .init(path: "en/e.locale", text: EngineText.required.map { "\($0) = x" }
                                    .joined(separator: "\n"))]],
            actions: ["save"], templates: ["staff_peers"])
        guard case .failure(let failure) = result else { return #expect(Bool(false)) }
        #expect(failure.errors.first?.message.hasPrefix("unknown programme template `circus`") == true)
    }

    /// `spotted` (an option picked out of a sentence) belongs to choice questions only.
    @Test func onlyAChoiceIsSpotted() {
        let english = Self.english + "\noption.a = apple\noption.b = banana"
        #expect(build(valid("ask a: choice\n  prompt: t.ask\n  label: t.label\n  options: a, b\n  spotted\n"),
                      locale: english) == [])
        #expect(build(valid("ask a: text\n  prompt: t.ask\n  label: t.label\n  spotted\n")).map(\.description)
            == ["t.flow:8: `spotted` belongs to a choice question"])
    }

    /// `menu in TEMPLATE: N` ranks a flow for one programme template ("concern" early for pupils); a template that
    /// does not exist or a rank that is no number is reported at its line.
    @Test func aMenuRankPerTemplateIsReadAndChecked() throws {
        func build(_ setting: String) -> Result<DialogCatalog, DialogCheckFailure> {
            DialogCatalog.build(
                flowFiles: [.init(path: "t.flow", text: valid("  menu: 8\n  \(setting)\n"))],
                localeFiles: ["en": [.init(path: "en/t.locale", text: Self.english),
                                     .init(path: "en/e.locale", text: EngineText.required.map { "\($0) = x" }
                                        .joined(separator: "\n"))]],
                actions: ["save"], templates: ["staff_peers", "school_peers"])
        }
        let flow = try #require(try build("menu in school_peers: 3").get().flow("t"))
        #expect(flow.menuRank == 8)
        #expect(flow.menuRanks == ["school_peers": 3])
        guard case .failure(let unknown) = build("menu in circus: 3") else { return #expect(Bool(false)) }
        #expect(unknown.errors.map(\.description)
            == ["t.flow:1: `menu in circus:` names no programme template (known: school_peers, staff_peers)"])
        guard case .failure(let wrong) = build("menu in school_peers: first") else { return #expect(Bool(false)) }
        #expect(wrong.errors.map(\.description) == ["t.flow:6: expected `menu in TEMPLATE: 1` to `99`"])
    }
}

extension FlowFileCheckTests {
    /// Found by the flow-file fuzzer: `expires:` with a huge number overflowed when turned into minutes.
    @Test(arguments: ["expires: 6148914691236517183 h", "expires: 9223372036854775807 min", "expires: 0 h"])
    func anAbsurdExpiryIsAnErrorNotACrash(_ line: String) {
        let errors = build("flow t\n  title: t.title\n  action: save\n  " + line + "\n")
        #expect(errors.map(\.line) == [4])
        #expect(errors.first?.message == "expected `expires: N min` or `N h`")
    }
}
