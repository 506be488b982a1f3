import Testing
@testable import Engine

/// `sensitive: yes` marks a flow whose action changes money, identity or someone else's data: the pipeline runs it
/// only for a conversation its channel vouched for. `tandem dialogs check` rejects a marking that cannot work.
struct SensitiveFlowTests {
    let check = FlowFileCheckTests()

    @Test func aSensitiveFlowIsReadFromItsFile() throws {
        let flow = try FlowFileParser.parse(
            "flow t\n  title: t.title\n  action: save\n  sensitive: yes\n", file: "t.flow", lexicon: Lexicon())
        #expect(flow.sensitive)
    }

    @Test func flowsAreNotSensitiveUnlessTheySaySo() throws {
        let flow = try FlowFileParser.parse(
            "flow t\n  title: t.title\n  action: save\n", file: "t.flow", lexicon: Lexicon())
        #expect(!flow.sensitive)
    }

    @Test func aValueOtherThanYesOrNoNamesTheLine() {
        let errors = check.build(check.valid("  sensitive: maybe\n"))
        #expect(errors.map(\.description) == ["t.flow:5: expected `sensitive: yes` or `no`"])
    }

    @Test func aSensitiveFlowWithoutAnActionIsReported() {
        let errors = check.build("flow t\n  title: t.title\n  trigger: t.trigger\n  sensitive: yes\n", actions: [])
        #expect(errors.contains { $0.description.contains("`sensitive: yes` without an `action:`") })
    }

    @Test func aSensitiveFlowForNewcomersIsReported() {
        let errors = check.build(check.valid("  for: newcomers\n  sensitive: yes\n"))
        #expect(errors.map(\.description) == [
            "t.flow:1: `sensitive: yes` on a flow for newcomers: they have no address on record to confirm",
        ])
    }
}
