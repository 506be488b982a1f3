import Channels
import Foundation
import Service
import Store
import Testing

/// Who really sent an email: a From header proves nothing. Sensitive requests (money, identity, other people's data)
/// run only when a reply token or the trusted mail server vouches for the sender; otherwise the address on record is
/// asked to confirm, and only its reply with that mail's token runs the request, once.
struct EmailSenderAuthenticationTests {
    let world: EmailIdentityFixture
    init() throws { world = try EmailIdentityFixture() }

    private var claimStatus: String? {
        get throws { try world.value("SELECT status AS v FROM expense_claims WHERE id = 1") }
    }

    private var anaIBAN: String? {
        get throws {
            try world.value("""
                SELECT iban_masked AS v FROM bank_details
                WHERE participant_id = (SELECT participant_id FROM addresses WHERE address = 'ana@example.org')
                """)
        }
    }

    @Test func theShippedFlowsThatChangeMoneyIdentityOrOtherPeoplesDataAreSensitive() throws {
        let sensitive = try DialogDirectory(path: TranscriptTests.dialogs).load().flows.filter(\.sensitive).map(\.id)
        #expect(Set(sensitive) == [
            "finance_claims", "show_claim", "approve_claim", "reject_claim", "request_claim_info", "pay_claim",
            "exchange_rate", "send_claim", "expense_bank", "broadcast", "broadcast_schedule", "broadcast_send",
            "erase", "confirm_erase", "forget_me", "concerns", "reassign",
        ])
    }

    // MARK: - Forged requests

    @Test func aForgedApprovalChangesNothingAndAsksTheRealAddressToConfirm() throws {
        try world.send("approve 1", from: "Georgi <georgi@example.org>")
        #expect(try claimStatus == "submitted")
        let mails = try world.mails(to: "georgi@example.org")
        #expect(mails.count == 1)
        #expect(mails.first?.contains(#"reply "yes" to this message within 24 hours"#) == true)
        #expect(mails.first?.contains("approving a claim") == true)
        #expect(mails.first?.contains("Claim: 1") == true)
    }

    @Test func theConfirmationRunsTheRequestOnceAndASecondReplyDoesNothing() throws {
        try world.send("approve 1", from: "georgi@example.org")
        let confirmation = try world.newestMail(to: "georgi@example.org")
        try world.reply("Yes", from: "georgi@example.org", to: confirmation)
        #expect(try claimStatus == "approved")
        #expect(try world.mails(to: "georgi@example.org").last?.contains("approved") == true)
        let events = try world.value("SELECT COUNT(*) AS v FROM expense_events WHERE claim_id = 1")
        try world.reply("yes", from: "georgi@example.org", to: confirmation)
        #expect(try world.mails(to: "georgi@example.org").last?.contains("already answered") == true)
        #expect(try world.value("SELECT COUNT(*) AS v FROM expense_events WHERE claim_id = 1") == events)
    }

    @Test func answeringNoToTheConfirmationDropsTheRequest() throws {
        try world.send("approve 1", from: "georgi@example.org")
        try world.reply("No, that was not me!", from: "georgi@example.org")
        #expect(try claimStatus == "submitted")
        #expect(try world.mails(to: "georgi@example.org").last?.contains("Nothing was changed") == true)
    }

    @Test func aConfirmationAfterItExpiredDoesNothing() throws {
        try world.send("approve 1", from: "georgi@example.org")
        let dayLater = world.later(EmailIdentityFixture.now + Pipeline.heldActionLifetime + 60_000)
        try world.reply("yes", from: "georgi@example.org", via: dayLater)
        #expect(try claimStatus == "submitted")
        #expect(try world.mails(to: "georgi@example.org").last?.contains("has expired") == true)
    }

    @Test func theConfirmationTokenCannotBeGuessedFromAnotherAddressesMail() throws {
        try world.send("approve 1", from: "georgi@example.org")
        let anasMail = try world.send("my log", from: "ana@example.org")
        #expect(anasMail != .duplicate)
        let tag = try #require(try world.newestMail(to: "ana@example.org")).tag
        try world.send("yes", from: "georgi@example.org", to: "tandem+\(tag)@example.org")
        #expect(try claimStatus == "submitted")
    }

    @Test func aForgedIBANChangeOverTwoMailsChangesNothing() throws {
        try world.send("bank details", from: "Ana <ana@example.org>")
        try world.send("GB33BUKB20201555555555", from: "Ana <ana@example.org>")
        try world.send("Mallory Thief", from: "Ana <ana@example.org>")
        #expect(try anaIBAN?.hasSuffix("5678") == true)
        let confirmation = try #require(try world.mails(to: "ana@example.org").last)
        #expect(confirmation.contains("reply \"yes\""))
        #expect(confirmation.contains("• IBAN: •••• 5555"), "the IBAN is masked in the mail: \(confirmation)")
        #expect(!confirmation.contains("1555"))
    }

    @Test func theConfirmMailShowsOnlyTheLastFourCharactersOfAnIBAN() throws {
        try world.send("bank details", from: "Ana <ana@example.org>")
        try world.send("GB33 BUKB 2020 1555 5555 55", from: "Ana <ana@example.org>")
        try world.send("Ana Petrova", from: "Ana <ana@example.org>")
        let confirmation = try #require(try world.mails(to: "ana@example.org").last)
        #expect(confirmation.contains("•••• 5555"))
        #expect(!confirmation.contains("BUKB"))
        #expect(confirmation.contains("Ana Petrova"))
    }

    @Test func aConversationStartedWithProofButContinuedWithoutItIsHeld() throws {
        let pass = EmailIdentityFixture.authenticationResults("dmarc=pass header.from=example.org")
        try world.send("bank details", from: "ana@example.org", headers: [pass])
        try world.send("GB33 BUKB 2020 1555 5555 55\nMallory Thief", from: "ana@example.org")
        #expect(try anaIBAN?.hasSuffix("5678") == true)
        try world.reply("yes", from: "ana@example.org")
        #expect(try anaIBAN?.hasSuffix("5555") == true)
    }

    @Test func aForgedBroadcastToAPairIsNeverSent() throws {
        try world.send("broadcast to pair p1: meet me alone after school", from: "fran@example.org")
        try world.send("send broadcast", from: "fran@example.org")
        #expect(try world.value("SELECT COUNT(*) AS v FROM broadcasts") == "0")
        #expect(try world.mails(to: "ana@example.org").isEmpty)
        #expect(try world.mails(to: "fran@example.org").count == 2)
    }

    @Test func aForgedForgetMeIsHeldUntilTheRealPersonConfirms() throws {
        try world.send("forget me\nyes", from: "ana@example.org")
        #expect(try world.value("SELECT COUNT(*) AS v FROM erasure_requests") == "0")
        try world.reply("yes", from: "ana@example.org")
        #expect(try world.value("SELECT COUNT(*) AS v FROM erasure_requests") == "1")
    }

    @Test func noMoreThanThreeConfirmationsWaitForOnePerson() throws {
        for _ in 0..<5 { try world.send("approve 1", from: "georgi@example.org") }
        #expect(try world.mails(to: "georgi@example.org").filter { $0.contains("reply \"yes\"") }.count == 3)
    }

    @Test func readOnlyAndSelfOnlyRequestsStillWorkFromABareMail() throws {
        try world.send("log yesterday 45 min topics: visa rules\nskip\nskip\nyes", from: "ana@example.org")
        #expect(try world.value("SELECT COUNT(*) AS v FROM log_entries") == "1")
    }

    @Test func aForgedLanguageChangeChangesNothingAndSaysHowToMakeIt() throws {
        let language = "SELECT p.language AS v FROM participants p JOIN addresses a ON a.participant_id = p.id "
            + "WHERE a.address = 'ana@example.org'"
        #expect(try world.value(language) == "en")
        try world.send("language tr", from: "ana@example.org")
        #expect(try world.value(language) == "en")
        let answer = try #require(try world.mails(to: "ana@example.org").last)
        #expect(answer.contains("I did not change your language"))
        #expect(answer.contains(#"reply to one of my emails with "language tr""#))
        #expect(!answer.contains("Türkçe"))
        try world.reply("language tr", from: "ana@example.org")
        #expect(try world.value(language) == "tr")
    }

    @Test func aForgedConcernIsRaisedButMarkedAndItsNoticeSaysToCheck() throws {
        let concern = "tell\nTwo older pupils push me around every day\nno\nskip\nyes"
        try world.send(concern, from: "ana@example.org")
        #expect(try world.value("SELECT unproven AS v FROM concerns ORDER BY id DESC LIMIT 1") == "1")
        let notice = try #require(try world.mails(to: "cora@example.org").last)
        #expect(notice.contains("Two older pupils push me around every day"))
        #expect(notice.contains("without proof that Ana sent it"))

        try world.reply(concern, from: "ana@example.org")
        #expect(try world.value("SELECT unproven AS v FROM concerns ORDER BY id DESC LIMIT 1") == "0")
        let proven = try #require(try world.mails(to: "cora@example.org").last)
        #expect(proven.contains("Two older pupils push me around every day"))
        #expect(!proven.contains("without proof"))
    }

    // MARK: - What proves the sender

    @Test func aReplyThroughTheReplyAddressIsBelieved() throws {
        try world.send("my log", from: "georgi@example.org")
        try world.reply("approve 1", from: "georgi@example.org")
        #expect(try claimStatus == "approved")
    }

    @Test func aReplyAddressTokenIsBoundToItsRecipient() throws {
        try world.send("my log", from: "ana@example.org")
        let tag = try #require(try world.newestMail(to: "ana@example.org")).tag
        try world.send("approve 1", from: "georgi@example.org", to: "tandem+\(tag)@example.org")
        #expect(try claimStatus == "submitted")
    }

    @Test func everyReplyAddressCarriesA128BitToken() throws {
        try world.send("my log", from: "ana@example.org")
        try world.send("my log", from: "ana@example.org")
        let tags = try world.pipeline.database.read {
            try $0.query("SELECT tag FROM email_outgoing").map { $0.string("tag") }
        }
        #expect(tags.count == 2)
        #expect(Set(tags).count == 2)
        #expect(tags.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
    }

    @Test func aPassingDMARCResultFromTheTrustedServerIsBelieved() throws {
        let pass = EmailIdentityFixture.authenticationResults(
            "dkim=pass header.d=example.org; spf=pass smtp.mailfrom=example.org; dmarc=pass header.from=example.org")
        try world.send("approve 1", from: "georgi@example.org", headers: [pass])
        #expect(try claimStatus == "approved")
    }

    @Test func aSpoofedResultFromAnotherServerIsIgnored() throws {
        let spoofed = EmailIdentityFixture.authenticationResults(
            "dmarc=pass header.from=example.org", server: "mx.attacker.example")
        try world.send("approve 1", from: "georgi@example.org", headers: [spoofed])
        #expect(try claimStatus == "submitted")
    }

    @Test func aForgedPassBelowTheTrustedServersFailDoesNotCount() throws {
        try world.send("approve 1", from: "georgi@example.org", headers: [
            EmailIdentityFixture.authenticationResults("dmarc=fail header.from=example.org"),
            EmailIdentityFixture.authenticationResults("dmarc=pass header.from=example.org"),
        ])
        #expect(try claimStatus == "submitted")
    }

    @Test func aPassForAnotherFromDomainDoesNotCount() throws {
        let pass = EmailIdentityFixture.authenticationResults("dmarc=pass header.from=attacker.example")
        try world.send("approve 1", from: "georgi@example.org", headers: [pass])
        #expect(try claimStatus == "submitted")
    }

    @Test func mailThatFailedDMARCIsNotAnsweredAtAll() throws {
        let fail = EmailIdentityFixture.authenticationResults("spf=fail; dmarc=fail header.from=example.org")
        guard case .ignored(let reason) = try world.send("my log", from: "ana@example.org", headers: [fail]) else {
            Issue.record("a DMARC failure was processed")
            return
        }
        #expect(reason.contains("dmarc=fail"))
        #expect(try world.mails(to: "ana@example.org").isEmpty)
    }
}
