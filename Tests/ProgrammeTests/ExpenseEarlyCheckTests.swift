import Engine
import Foundation
import Store
import Testing

@testable import Programme

/// A claim checked while it is made (the `checked` questions of the expense flows): what is refused at once, what is
/// offered instead, what is only noted.
struct ExpenseEarlyCheckTests {
    var fixture: ExpenseFixture

    init() throws {
        fixture = try ExpenseFixture.withAnasBankDetails()
    }

    @Test mutating func theCategoryListOffersOnlyTheSpeakersOwnBudgetLines() throws {
        #expect(try fixture.options(DraftExpense(), "category", as: "ana") == ["travel"])
        #expect(try fixture.options(DraftExpense(), "category", as: "marco") == ["materials", "food", "transport"])
    }

    @Test mutating func aCategoryWithoutABudgetIsAskedAgainAtOnce() throws {
        let verdict = try fixture.check(
            DraftExpense(), "category", as: "ana", ["amount": .money(Money(minorUnits: 1000, currency: "EUR")),
                                                     "category": .choice("materials")])
        #expect(verdict == .reask(
            "You have no budget for course materials. You can claim:\n• travel: up to 600.00 EUR",
            question: "category"))
    }

    @Test mutating func anAmountOverWhatIsLeftIsAskedAgainWithWhatIsLeftOffered() throws {
        try fixture.submit("ana", ExpenseFixture.claim("106.86 EUR", "travel", lost: "the machine printed nothing"))
        let verdict = try fixture.check(
            DraftExpense(), "category", as: "ana", ["amount": .money(Money(minorUnits: 52_000, currency: "EUR")),
                                                     "category": .choice("travel")])
        #expect(verdict == .reask(
            "That is more than is left of your budget: 493.14 EUR of 600.00 EUR. Say 493.14 EUR to claim what is "
                + "left, or give another amount.", question: "amount"))
        let within = try fixture.check(
            DraftExpense(), "amount", as: "ana", ["amount": .money(Money(minorUnits: 49_314, currency: "EUR")),
                                                   "category": .choice("travel")])
        #expect(within == .accepted)
    }

    @Test mutating func aDayWithoutAnExchangeRateForTheAmountsCurrencyIsAskedAgain() throws {
        let answers: [String: SlotValue] = [
            "amount": .money(Money(minorUnits: 12_000, currency: "BGN")), "category": .choice("travel"),
            "date": .date(CalendarDate(year: 2025, month: 12, day: 2)!),
        ]
        let verdict = try fixture.check(DraftExpense(), "date", as: "ana", answers)
        #expect(verdict == .reask(
            "I can't convert BGN to EUR yet: no exchange rate is set. Please ask the finance coordinator.",
            question: "date"))
        var later = answers
        later["date"] = .date(CalendarDate(year: 2026, month: 3, day: 2)!)
        #expect(try fixture.check(DraftExpense(), "date", as: "ana", later) == .accepted)
    }

    @Test mutating func anAmountOverALineThatOnlyWarnsIsNoted() throws {
        let verdict = try fixture.check(
            DraftExpense(), "amount", as: "marco", ["amount": .money(Money(minorUnits: 18_000, currency: "EUR")),
                                                     "category": .choice("food")])
        #expect(verdict == .noted(
            "⚠ This is 30.00 EUR over your food and refreshments budget. If you say yes, it goes to the finance "
                + "coordinator flagged as over budget."))
    }

    @Test mutating func aReceiptAlreadyClaimedIsRefusedOnArrival() throws {
        let receipt = try fixture.file(Array("%PDF-1.4 hotel".utf8), name: "hotel.pdf")
        try fixture.submit("ana", ExpenseFixture.claim("200.00 EUR", "travel", files: [receipt]))
        let verdict = try fixture.check(DraftExpense(), "receipt", as: "ana", ["receipt": .attachments([receipt])])
        #expect(verdict == .reask(
            "You already claimed hotel.pdf in claim 1: the same receipt can't be claimed twice.", question: "receipt"))
        let other = try fixture.file(Array("%PDF-1.4 train".utf8), name: "train.pdf")
        let verdict2 = try fixture.check(DraftExpense(), "receipt", as: "ana", ["receipt": .attachments([other])])
        #expect(verdict2 == .accepted)
    }

    @Test mutating func aLostReceiptClaimLikeAnEarlierOneIsNotedAndFlagged() throws {
        let claim = ExpenseFixture.claim("20.00 EUR", "travel", lost: "the taxi had no printer")
        try fixture.submit("ana", claim)
        #expect(try fixture.check(DraftExpense(), "description", as: "ana", claim) == .noted(
            "This looks like claim 1: the same amount, day, category and description. If it is another expense, go "
                + "on: the finance coordinator will see it marked as a possible duplicate. If not, say \"cancel\"."))
        var other = claim
        other["description"] = .text("airport bus")
        #expect(try fixture.check(DraftExpense(), "description", as: "ana", other) == .accepted)
        let draft = try fixture.run(DraftExpense(), as: "ana", "expense", claim)
        #expect(draft.contains("possible duplicate"), "\(draft)")
        _ = try fixture.say("yes", as: "ana")
        let sent = try #require(try fixture.database.read { try ExpenseRepository($0).claim(id: 2) })
        #expect(sent.status == .submitted && sent.flags.contains(.duplicate))
    }

    @Test mutating func aWrongIBANIsAskedAgainAtOnceAndAnIBANIsNoName() throws {
        let wrong = try fixture.check(
            SaveBankDetails(), "iban", as: "marco", ["iban": .text("BG80 BNBG 9661 1020 3456 79")])
        #expect(wrong == .reask("That IBAN has a typo somewhere: its check digits don't match.", question: "iban"))
        let right = try fixture.check(
            SaveBankDetails(), "iban", as: "marco", ["iban": .text("BG80 BNBG 9661 1020 3456 78")])
        #expect(right == .accepted)
        let holder = try fixture.check(
            SaveBankDetails(), "holder", as: "marco",
            ["iban": .text("BG80 BNBG 9661 1020 3456 78"), "holder": .text("BG80 BNBG 9661 1020 3456 78")])
        #expect(holder == .reask("That looks like an IBAN, not a name.", question: "holder"))
        let name = try fixture.check(
            SaveBankDetails(), "holder", as: "marco",
            ["iban": .text("BG80 BNBG 9661 1020 3456 78"), "holder": .text("Marco Silva")])
        #expect(name == .accepted)
    }
}
