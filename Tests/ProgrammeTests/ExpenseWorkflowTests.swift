import Engine
import Foundation
import Store
import Testing

@testable import Programme

/// Claims end to end through the actions: receipts, duplicates, drafts and "yes", the coordinator's decisions,
/// asking for a missing item, who sees what, and the append-only history.
struct ExpenseWorkflowTests {
    var fixture: ExpenseFixture

    init() throws {
        fixture = try ExpenseFixture.withAnasBankDetails()
    }

    /// Drafts and sends a claim as `person`; returns its number.
    mutating func submit(_ person: String, _ slots: [String: SlotValue]) throws -> Int64 {
        let draft = try fixture.run(DraftExpense(), as: person, "expense", slots)
        #expect(draft.contains("Send it to the finance coordinator?"), "\(draft)")
        let sent = try fixture.say("yes", as: person)
        #expect(sent.contains("is with the finance coordinator"), "\(sent)")
        return try fixture.database.read {
            try $0.query("SELECT MAX(id) AS n FROM expense_claims").first?.int64("n") ?? 0
        }
    }

    @Test mutating func aReceiptClaimUnderBudgetReachesTheCoordinator() throws {
        let receipt = try fixture.file(Array("%PDF-1.4 train".utf8), name: "train.pdf")
        let draft = try fixture.run(
            DraftExpense(), as: "ana", "", ExpenseFixture.claim("85.40 EUR", "travel", files: [receipt]))
        #expect(draft.contains("• Receipt: train.pdf"))
        #expect(draft.contains("Your travel budget: 600.00 EUR; left after this claim: 514.60 EUR."))
        #expect(try fixture.notices(to: "georgi").isEmpty)
        _ = try fixture.say("yes", as: "ana")
        let notice = try #require(try fixture.notices(to: "georgi").last)
        #expect(notice.hasPrefix("Ново искане за разход 1 от Ana (менториран): 85,40 EUR, пътуване"), "\(notice)")
    }

    @Test mutating func theSameReceiptIsNotClaimedTwice() throws {
        let receipt = try fixture.file(Array("%PDF-1.4 hotel".utf8), name: "hotel.pdf")
        let first = try submit("ana", ExpenseFixture.claim("200.00 EUR", "travel", files: [receipt]))
        let again = try fixture.run(
            DraftExpense(), as: "ana", "", ExpenseFixture.claim("200.00 EUR", "travel", files: [receipt]))
        #expect(again == "You already claimed hotel.pdf in claim \(first): the same receipt can't be claimed twice.")
        let marco = try fixture.run(
            DraftExpense(), as: "marco", "", ExpenseFixture.claim("20.00 EUR", "food", files: [receipt]))
        #expect(marco == "hotel.pdf was already claimed by someone else: the same receipt can't be claimed twice.")
        #expect(try fixture.count("expense_claims") == 1)
    }

    @Test mutating func aNewDraftMayReuseTheFileOfTheDraftItReplaces() throws {
        let receipt = try fixture.file(Array("%PDF-1.4 bus".utf8), name: "bus.pdf")
        _ = try fixture.run(
            DraftExpense(), as: "ana", "", ExpenseFixture.claim("12.00 EUR", "travel", files: [receipt]))
        let second = try fixture.run(
            DraftExpense(), as: "ana", "", ExpenseFixture.claim("21.00 EUR", "travel", files: [receipt]))
        #expect(second.hasPrefix("Claim 2 — waiting for your yes"))
        let statuses = try fixture.database.read {
            try $0.query("SELECT status FROM expense_claims ORDER BY id").map { $0.string("status") }
        }
        #expect(statuses == ["dropped", "draft"])
    }

    @Test mutating func filesThatAreNotReceiptsAreRefused() throws {
        let word = try fixture.file(
            Array("PK docx".utf8), name: "notes.docx",
            type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        let reply = try fixture.run(
            DraftExpense(), as: "ana", "", ExpenseFixture.claim("10.00 EUR", "travel", files: [word]))
        #expect(reply.hasPrefix("notes.docx is a application/vnd"))
    }

    @Test mutating func aCategoryOutsideTheRolesBudgetIsRefused() throws {
        let reply = try fixture.run(
            DraftExpense(), as: "ana", "", ExpenseFixture.claim("10.00 EUR", "food", lost: "lost it"))
        #expect(
            reply == "You have no budget for food and refreshments. You can claim:\n• travel: up to 600.00 EUR\n"
                + "Say \"expense\" to start again.")
    }

    @Test mutating func aLevaClaimKeepsBothAmounts() throws {
        _ = try fixture.say("курс BGN 1.9 2026-03-01", as: "georgi")
        let reply = try fixture.run(
            DraftExpense(), as: "ana", "", ExpenseFixture.claim("250.00 BGN", "travel", lost: "no paper"))
        #expect(reply.contains("• Amount: 131.58 EUR (250.00 BGN at 1.9 per EUR, rate of 2026-03-01)"), "\(reply)")
        let claim = try #require(try fixture.database.read { try ExpenseRepository($0).claim(id: 1) })
        #expect(claim.amount == Money(minorUnits: 25_000, currency: "BGN"))
        #expect(claim.converted == Money(minorUnits: 13_158, currency: "EUR"))
    }

    @Test mutating func theCoordinatorAsksForAMissingReceiptAndTheClaimantAddsIt() throws {
        let id = try submit("ana", ExpenseFixture.claim("40.00 EUR", "travel", lost: "the machine printed nothing"))
        #expect(
            try fixture.say("поискай \(id) снимка на билета", as: "georgi")
                == "Поисках липсващото за искане \(id). Заявителят е уведомен.")
        let asked = try #require(try fixture.notices(to: "ana").last)
        #expect(asked.hasPrefix("The finance coordinator needs something for claim \(id): снимка на билета"))
        let ticket = try fixture.file([0xFF, 0xD8, 0xFF, 0xE0], name: "ticket.jpg", type: "image/jpeg")
        let added = try fixture.run(
            AddToClaim(), as: "ana", "add", ["note": .text("\(id) here it is"), "files": .attachments([ticket])])
        #expect(added == "Thanks, I added it to claim \(id) and sent it back to the finance coordinator.")
        let claim = try #require(try fixture.database.read { try ExpenseRepository($0).claim(id: id) })
        #expect(claim.status == .submitted && claim.receipts.map(\.filename) == ["ticket.jpg"] && claim.flags.isEmpty)
        #expect(
            try fixture.notices(to: "georgi").last?.hasPrefix("Ana допълни искане \(id): ticket.jpg; here it is")
                == true)
    }

    @Test mutating func decisionsFollowTheWorkflowAndNotifyTheClaimant() throws {
        let id = try submit("ana", ExpenseFixture.claim("40.00 EUR", "travel", lost: "the machine printed nothing"))
        #expect(
            try fixture.say("reject \(id)", as: "georgi")
                == "Защо искане \(id) не се одобрява? (заявителят ще прочете това)")
        #expect(try fixture.say("платено \(id)", as: "georgi").contains("не може да се направи сега"))
        _ = try fixture.say("approve \(id)", as: "georgi")
        #expect(
            try fixture.notices(to: "ana").last
                == "Your claim \(id) (40.00 EUR, travel) was approved. I'll tell you when it is paid.")
        _ = try fixture.say("paid \(id)", as: "georgi")
        #expect(try fixture.notices(to: "ana").last == "Your claim \(id) was paid: 40.00 EUR to BG80 **** **** 5678.")
        let kinds = try fixture.database.read { try ExpenseRepository($0).events(claimID: id).map(\.kind) }
        #expect(kinds == ["drafted", "submitted", "approved", "paid"])
    }

    @Test mutating func onlyTheClaimantTheCoordinatorAndTheCohortsFacilitatorSeeAClaim() throws {
        let receipt = try fixture.file(Array("%PDF-1.4 taxi".utf8), name: "taxi.pdf")
        let id = try submit("ana", ExpenseFixture.claim("30.00 EUR", "travel", files: [receipt]))
        #expect(try fixture.say("claim \(id)", as: "georgi").isEmpty, "the claim comes with its file, queued")
        let georgi = try #require(try fixture.notices(to: "georgi").last)
        #expect(georgi.contains("taxi.pdf") && georgi.contains("BG80 **** **** 5678"))
        #expect(try fixture.files(to: "georgi") == ["taxi.pdf"])
        _ = try fixture.say("claim \(id)", as: "fatma")
        let fatma = try #require(try fixture.notices(to: "fatma").last)
        #expect(fatma.contains("taxi.pdf") && !fatma.contains("BG80"))
        #expect(
            try fixture.say("approve \(id)", as: "fatma")
                == "Bunu yalnızca programın mali koordinatörü yapabilir.")
        #expect(try fixture.say("claim \(id)", as: "olga") == "There is no claim \(id) you can see.")
        #expect(try fixture.say("claims", as: "olga") == "No claims are waiting.")
        // The peer: not their claim, nothing of it in their list, no receipt anywhere.
        let asked = try fixture.run(ReviewClaims(.show), as: "marco", "", ["claim": .integer(Int(id))])
        #expect(asked == "There is no claim \(id) you can see.")
        let peer = try fixture.say("my expenses", as: "marco")
        #expect(!peer.contains("taxi") && !peer.contains("30.00"))
        #expect(try fixture.notices(to: "marco").isEmpty)
    }

    @Test mutating func theHistoryIsAppendOnlyAndBankDetailsAreSealed() throws {
        let id = try submit("ana", ExpenseFixture.claim("40.00 EUR", "travel", lost: "the machine printed nothing"))
        #expect(throws: StoreError.self) {
            try fixture.database.write {
                try $0.run("UPDATE expense_events SET kind = 'paid' WHERE claim_id = ?", [id])
            }
        }
        #expect(throws: StoreError.self) {
            try fixture.database.write { try $0.run("DELETE FROM expense_events WHERE claim_id = ?", [id]) }
        }
        let stored = try fixture.database.read { connection in
            try connection.query("SELECT iban_sealed, holder_sealed, iban_masked FROM bank_details").first
        }
        let row = try #require(stored)
        #expect(!String(decoding: row.blob("iban_sealed"), as: UTF8.self).contains("BNBG"))
        #expect(row.string("iban_masked") == "BG80 **** **** 5678")
        let opened = try fixture.database.write { connection in
            try BankDetailsVault(connection, now: 0).open(participantID: fixture.people["ana"] ?? 0)
        }
        #expect(opened?.iban.electronic == "BG80BNBG96611020345678" && opened?.holder == "Ana Petrova")
    }

    @Test mutating func aBadIBANIsExplainedAndNothingIsStored() throws {
        let reply = try fixture.run(
            SaveBankDetails(), as: "marco", "iban",
            [
                "iban": .text("BG80 BNBG 9661 1020 3456 79"), "holder": .text("Marco"),
            ])
        #expect(reply.hasPrefix("That IBAN has a typo somewhere"))
        #expect(try fixture.count("bank_details") == 1)
    }
}
