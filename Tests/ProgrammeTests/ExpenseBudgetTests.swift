import Engine
import Store
import Testing

@testable import Programme

/// Budget lines, role totals and the warn/block rules of a template.
struct ExpenseBudgetTests {
    static let template = """
        template t
          title: programme.city.title
          length: 9 months
        budget mentor food: 150 EUR
        budget mentor transport: 100 EUR
        budget total mentor: 200 EUR
        budget mentee travel: 600 EUR
        claims line limit: warn
        claims role limit: block
        claims receipt: block
        claims deadline: 30 days after expense, warn
        rate BGN: 1.95583 per EUR from 2026-01-01
        """
    static let today = CalendarDate(year: 2026, month: 3, day: 14)!

    func check(
        _ role: Role, _ category: String, _ euros: Int64, claimed: [String: Int64] = [:],
        receipt: Bool = true, on date: CalendarDate = today, rules text: String = template
    ) throws -> BudgetCheck? {
        let template = try ProgrammeTemplateParser.parse(text, file: "t")
        return BudgetCheck.evaluate(
            .init(
                role: role, category: category, converted: Money(minorUnits: euros * 100, currency: "EUR"),
                hasReceipt: receipt, expenseDate: date),
            template: template, claimed: claimed, today: Self.today, start: CalendarDate(year: 2026, month: 1, day: 5)!)
    }

    @Test func readsTheBudgetRulesOfATemplate() throws {
        let template = try ProgrammeTemplateParser.parse(Self.template, file: "t")
        #expect(template.budgetTotal(for: .mentor) == Money(minorUnits: 20_000, currency: "EUR"))
        #expect(template.budgetTotal(for: .mentee) == Money(minorUnits: 60_000, currency: "EUR"))
        #expect(template.budgetTotal(for: .facilitator) == nil)
        #expect(template.claimRules.roleLimit == .block && template.claimRules.lineLimit == .warn)
        #expect(template.claimRules.deadline == ClaimDeadline(limit: .daysAfterExpense(30), severity: .warn))
        #expect(template.fixedRates.first?.perEUR == "1.95583")
    }

    @Test func reportsBadRuleLinesWithTheirLine() {
        for (line, message) in [
            ("claims line limit: maybe", "expected `warn` or `block`"),
            ("claims colour: warn", "unknown rule `claims colour` (line limit, role limit, receipt, deadline)"),
            ("claims deadline: soon, warn", "cannot read deadline `soon` (e.g. `60 days after expense` or `month 10`)"),
            ("rate BGN: 1.95583", "expected `rate CUR: 1.95583 per EUR from YYYY-MM-DD`"),
            ("budget total nobody: 10 EUR", "unknown role `nobody`"),
        ] {
            #expect(throws: FlowFileError(file: "t", line: 4, message: message)) {
                try ProgrammeTemplateParser.parse("template t\n  title: x\n  length: 1 month\n\(line)\n", file: "t")
            }
        }
    }

    @Test func underBudgetBreaksNothing() throws {
        let result = try #require(try check(.mentee, "travel", 120, claimed: ["travel": 10_000]))
        #expect(result.breaches.isEmpty)
        #expect(result.lineLeftBefore == 50_000 && result.lineLeftAfter == 38_000)
    }

    @Test func overTheLineWarns() throws {
        let result = try #require(try check(.mentor, "food", 180))
        #expect(
            result.breaches == [
                BudgetBreach(flag: .overLine, severity: .warn, over: Money(minorUnits: 3_000, currency: "EUR"))
            ])
        #expect(result.blocking.isEmpty)
        #expect(result.flags == [.overLine])
    }

    @Test func overTheRoleTotalBlocks() throws {
        let result = try #require(try check(.mentor, "transport", 90, claimed: ["food": 12_000]))
        #expect(
            result.blocking == [
                BudgetBreach(flag: .overRole, severity: .block, over: Money(minorUnits: 1_000, currency: "EUR"))
            ])
        #expect(result.roleLeftAfter == -1_000)
    }

    @Test func aMissingReceiptAndALateClaimFollowTheirRules() throws {
        let late = try #require(try check(.mentee, "travel", 10, on: CalendarDate(year: 2026, month: 2, day: 1)!))
        #expect(late.breaches == [BudgetBreach(flag: .late, severity: .warn, over: nil)])
        let lost = try #require(try check(.mentee, "travel", 10, receipt: false))
        #expect(lost.blocking == [BudgetBreach(flag: .noReceipt, severity: .block, over: nil)])
        let warned = try #require(
            try check(
                .mentee, "travel", 10, receipt: false,
                rules: Self.template.replacingOccurrences(
                    of: "claims receipt: block", with: "claims receipt: warn")))
        #expect(warned.blocking.isEmpty && warned.flags == [.noReceipt])
    }

    @Test func aCategoryWithoutALineIsNotChecked() throws {
        #expect(try check(.mentee, "food", 10) == nil)
    }
}
