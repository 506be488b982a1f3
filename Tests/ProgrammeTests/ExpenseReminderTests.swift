import Engine
import Foundation
import Store
import Testing

@testable import Programme

/// Claims waiting for the finance coordinator remind them 2 and 4 weeks after they were sent, once each.
struct ExpenseReminderTests {
    var fixture: ExpenseFixture

    init() throws {
        fixture = try ExpenseFixture.withAnasBankDetails()
        try fixture.submit("ana", ExpenseFixture.claim("40.00 EUR", "travel", lost: "the machine printed nothing"))
    }

    /// One scheduler pass `days` after the claim was sent; returns what it queued for the finance coordinator.
    func pass(after days: Int64) throws -> [String] {
        let before = try fixture.notices(to: "georgi").count
        let engine = ExpenseFixture.engine
        let templates = fixture.templates
        try fixture.database.write { connection in
            let programme = try #require(try ReminderRepository(connection).programmes().first)
            let template = try #require(templates.template(programme.template))
            _ = try ReminderPlanner(connection: connection, engine: engine)
                .run(programme, template: template, now: ExpenseFixture.now + days * 86_400_000)
        }
        return Array(try fixture.notices(to: "georgi").dropFirst(before))
    }

    @Test mutating func anUnpaidClaimRemindsTheFinanceCoordinatorAtTwoAndFourWeeksOnly() throws {
        #expect(try pass(after: 13).isEmpty)
        let first = try pass(after: 14)
        #expect(first.count == 1)
        #expect(first.first?.contains("• искане 1 от Ana: 40,00 EUR, изпратено на 2026-03-14 (преди 14 дни)") == true,
                "\(first)")
        #expect(try pass(after: 15).isEmpty, "once per threshold")
        _ = try fixture.say("approve 1", as: "georgi")
        let second = try pass(after: 28)
        #expect(second.count == 1 && second.first?.contains("— одобрено") == true, "\(second)")
        #expect(try pass(after: 40).isEmpty)
    }

    @Test mutating func aPaidClaimRemindsNobody() throws {
        _ = try fixture.say("approve 1", as: "georgi")
        _ = try fixture.say("paid 1", as: "georgi")
        #expect(try pass(after: 30).isEmpty)
    }
}
