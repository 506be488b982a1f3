import Engine
import Store
import Testing
@testable import Programme

/// An erasure finds a person everywhere: "erase N" names them first and erases nothing; "confirm erase N" replaces
/// their name and words in messages to others and in claim history, deletes their files (also unlinked ones),
/// closes their open claims with a reason the finance coordinator is told, and keeps paid receipts under a neutral
/// name. Without a coordinator, the person is told the request is confirmed on the server.
struct ErasureTracesTests {
    let fixture: RecordsFixture
    let coordinator: Int64, finance: Int64

    init() throws {
        fixture = try RecordsFixture()
        let ids = try fixture.staff([("Cora", "coordinator"), ("Finn", "finance_coordinator")])
        (coordinator, finance) = (ids[0], ids[1])
    }

    /// Ana's claims: 1 submitted (with a receipt), 2 paid (with a receipt); Finn's note on claim 1 quotes her.
    func claims() throws {
        try fixture.database.write { connection in
            for (id, status, file) in [(1, "submitted", "ana-taxi.pdf"), (2, "paid", "ana-hotel.pdf")] {
                try connection.run("""
                    INSERT INTO expense_claims (id, programme_id, participant_id, role, category, expense_date,
                        description, amount_minor, currency, converted_minor, converted_currency, status, created_at,
                        updated_at)
                    VALUES (?, 1, ?, 'mentee', 'travel', '2026-03-10', 'Zelda taxi to Plovdiv', 1000, 'EUR', 1000,
                        'EUR', ?, 1, 1)
                    """, [id, fixture.ana, status])
                try AttachmentRepository(connection).store(
                    sha256: "sha-\(id)", filename: file, mediaType: "application/pdf", bytes: [1, 2, UInt8(id)], now: 1)
                try connection.run("INSERT INTO expense_receipts (claim_id, sha256, position) VALUES (?, ?, 1)",
                                   [id, "sha-\(id)"])
            }
            try ExpenseRepository(connection).record(
                claimID: 1, actorID: fixture.ana, kind: "added", detail: "the Zelda taxi receipt", now: 2)
            try ExpenseRepository(connection).record(
                claimID: 1, actorID: finance, kind: "asked", detail: "Ana, which Zelda taxi?", now: 3)
        }
    }

    func request() throws {
        _ = try fixture.run(RequestErasure(), as: fixture.ana)
    }

    @Test func eraseNNamesThePersonAndErasesNothing() throws {
        try request()
        let review = try fixture.run(ReviewErasure(), as: coordinator, ["request": .integer(1)])
        #expect(review.first?.hasPrefix("Erasure request 1 is from Ana (mentee, Pilot), asked on 2026-03-14.") == true)
        #expect(review.first?.hasSuffix("To erase the personal data of Ana, say \"confirm erase 1\".") == true)
        #expect(try fixture.read { try ParticipantRepository($0).find(id: fixture.ana)?.name } == "Ana")
        #expect(try fixture.run(ReviewErasure(), as: fixture.marco, ["request": .integer(1)])
            == ["Only a coordinator of the programme can confirm an erasure."])
    }

    @Test func herWordsAndNameAreReplacedInWhatOthersWereSent() throws {
        _ = try fixture.run(SaveLogEntry(), as: fixture.ana, [
            "date": .date(RecordsFixture.today), "duration": .duration(minutes: 45),
            "topics": .list(["the Zelda project"]),
        ])
        #expect(try fixture.outbox("marco@example.org").first?.contains("Ana logged a meeting") == true)
        try request()
        #expect(try fixture.run(ConfirmErasure(), as: coordinator, ["request": .integer(1)])
            == ["Done: the personal data of request 1 is erased — Tandem no longer knows their name either. Anonymous counts stay."])
        let marco = try #require(try fixture.outbox("marco@example.org").first)
        #expect(marco.hasPrefix("[removed] logged a meeting") && marco.contains("— [removed]."))
        #expect(!marco.contains("Zelda"))
        let everything = try fixture.read { connection in
            try connection.query("SELECT body FROM outbox").map { $0.string("body") }.joined()
        }
        #expect(!everything.contains("Zelda") && !everything.contains("Ana "))
        #expect(!everything.contains("ana@example.org"))
    }

    @Test func herOpenClaimsCloseWithAReasonAndHerFilesGo() throws {
        try claims()
        try fixture.database.write { connection in
            // A photo she sent that no record uses.
            try AttachmentRepository(connection).store(
                sha256: "sha-stray", filename: "ana-selfie.jpg", mediaType: "image/jpeg", bytes: [9], now: 1)
            let conversation = try ConversationRepository(connection).open(
                participantID: fixture.ana, channel: .email, address: "ana@example.org", now: 1)
            let message = try #require(try InboundRepository(connection).record(
                channel: .email, externalID: "m1", sender: "ana@example.org", body: "here", receivedAt: 1))
            try InboundRepository(connection).attach(message, toConversation: conversation.id)
            try InboundRepository(connection).link(message, files: ["sha-stray"])
        }
        try request()
        let reply = try fixture.run(ConfirmErasure(), as: coordinator, ["request": .integer(1)])
        #expect(reply.last == "Their open expense claims (1) are closed; "
            + "the finance coordinator can see why in each claim's history.")
        #expect(try fixture.outbox("finn@example.org").last == "Claim(s) 1 of Pilot are closed: the claimant's "
            + "personal data was erased (erasure request 1). Say \"claim N\" to see the history.")
        try fixture.read { connection in
            let statuses = try connection.query("SELECT id, status FROM expense_claims ORDER BY id")
                .map { "\($0.int("id")):\($0.string("status"))" }
            #expect(statuses == ["1:dropped", "2:paid"])
            let events = try connection.query("SELECT kind, detail FROM expense_events WHERE claim_id = 1 ORDER BY id")
                .map { "\($0.string("kind")): \($0.string("detail"))" }
            #expect(events == ["added: [removed]", "asked: [removed]",
                               "erased: closed: the claimant's personal data was erased (erasure request 1)"])
            let files = try connection.query("SELECT sha256, filename FROM attachments ORDER BY sha256")
                .map { "\($0.string("sha256")) \($0.string("filename"))" }
            #expect(files == ["sha-2 receipt.pdf"])
            #expect(try connection.query("SELECT COUNT(*) AS n FROM inbound_attachments").first?.int("n") == 0)
        }
    }

    @Test func withoutACoordinatorTheRequestIsConfirmedOnTheServer() throws {
        try fixture.database.write { try $0.run("DELETE FROM enrolments WHERE role = 'coordinator'") }
        #expect(try fixture.run(RequestErasure(), as: fixture.ana) == [
            "Your erasure request 1 is saved. Your programme has no coordinator, so the people who run Tandem confirm "
                + "it on the server (with \"tandem erase 1\"; \"tandem doctor\" shows them it is waiting). "
                + "Until then nothing is erased.",
        ])
    }
}
