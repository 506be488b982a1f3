import Engine
import Testing
@testable import Programme

/// The `completion:` line of a programme template: what a certificate of satisfactory completion needs.
struct CompletionRuleParserTests {
    func parse(_ completion: String) throws(FlowFileError) -> ProgrammeTemplate {
        try ProgrammeTemplateParser.parse("""
            template t
              title: x
              length: 1 month
              completion: \(completion)
            document plan
              title: y
            document report
              title: z
            """, file: "t.programme")
    }

    @Test func everyItemIsRead() throws {
        let rule = try parse("meetings 6, documents plan report, transferability, evaluation").completion
        #expect(rule?.meetings == 6)
        #expect(rule?.documents == ["plan", "report"])
        #expect(rule?.evaluation == true && rule?.transferability == true)
    }

    @Test func aTemplateWithoutTheLineOffersNoCertificate() throws {
        let template = try ProgrammeTemplateParser.parse("template t\n  title: x\n  length: 1 month\n", file: "t")
        #expect(template.completion == nil)
    }

    @Test(arguments: [
        ("meetings 0", "expected `meetings N` with N from 1 to 10000"),
        ("meetings 10001", "expected `meetings N` with N from 1 to 10000"),
        ("meetings many", "expected `meetings N` with N from 1 to 10000"),
        ("meetings 2, meetings 3", "`meetings` appears twice in `completion:`"),
        ("documents", "expected `documents ID …` naming 1 to 20 documents"),
        ("documents plan plan", "a document is named twice"),
        ("evaluation yes", "`evaluation` takes no value"),
        ("meetings 2,, evaluation", "empty item in `completion:`"),
        ("", "empty item in `completion:`"),
        ("attendance 80",
         "unknown completion item `attendance` (meetings N, documents ID…, evaluation, transferability)"),
    ])
    func aBadItemNamesTheLine(completion: String, message: String) {
        #expect(throws: FlowFileError(file: "t.programme", line: 4, message: message)) { try parse(completion) }
    }

    @Test func anUndeclaredDocumentIsAnErrorOnTheCompletionLine() {
        let message = "`completion:` names `final_report`, which is not a declared document (declared: plan, report)"
        #expect(throws: FlowFileError(file: "t.programme", line: 4, message: message)) {
            try parse("documents plan final_report")
        }
    }

    @Test func completionTwiceIsAnError() {
        #expect(throws: FlowFileError(file: "t", line: 5, message: "`completion:` is set twice")) {
            try ProgrammeTemplateParser.parse(
                "template t\n  title: x\n  length: 1 month\n  completion: evaluation\n  completion: evaluation\n",
                file: "t")
        }
    }

    @Test func theShippedTemplatesEachHaveARule() throws {
        let templates = try FacilitationFixture.loadTemplates(FacilitationFixture.loadLocalizer())
        #expect(templates.template("staff_peers")?.completion?.meetings == 4)
        #expect(templates.template("school_peers")?.completion?.documents == ["ground_rules"])
        #expect(templates.template("city_to_city")?.completion?.transferability == true)
    }
}
