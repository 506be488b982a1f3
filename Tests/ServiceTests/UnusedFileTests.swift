import Channels
import Crypto
import Engine
import Foundation
import Service
import Store
import Testing

/// Files are kept only while something needs them: once every flow that could still use one has expired, the
/// scheduler deletes files of cancelled flows, of strangers and of dropped drafts; receipts of claims stay.
struct UnusedFileTests {
    let world: EmailIdentityFixture
    init() throws { world = try EmailIdentityFixture() }

    /// After the longest `expires:` of the shipped flows (48 h).
    private var dayLater: Int64 { EmailIdentityFixture.now + 49 * 3_600_000 }

    /// Stores a PDF receipt and sends `text` with it as Ana in the terminal; then sends `then`, one by one.
    private func receipt(_ name: String, _ text: String, then answers: [String]) throws -> String {
        let bytes = Array("%PDF-1.4\n\(name)\n%%EOF\n".utf8)
        let sha = SHA256.hex(bytes)
        try world.pipeline.database.write { connection in
            _ = try AttachmentRepository(connection).store(
                sha256: sha, filename: name, mediaType: "application/pdf", bytes: bytes, now: EmailIdentityFixture.now)
        }
        let file = AttachmentRef(id: sha, filename: name, mediaType: "application/pdf", size: bytes.count)
        for (index, message) in ([text] + answers).enumerated() {
            try world.pipeline.receive(InboundMessage(
                channel: .console, externalID: "\(name)-\(index)", sender: "ana@example.org", text: message,
                attachments: index == 0 ? [file] : []))
        }
        return sha
    }

    private func isStored(_ sha: String) throws -> Bool {
        try world.pipeline.database.read { try AttachmentRepository($0).bytes(sha256: sha) != nil }
    }

    private func sweep(at now: Int64) throws -> SchedulerRun {
        try Scheduler(
            database: world.pipeline.database, templates: world.pipeline.templates, engine: world.pipeline.engine,
            clock: Clock { now }
        ).runDue(now: now)
    }

    @Test func theFileOfACancelledFlowIsDeletedOnceNoFlowCouldStillUseIt() throws {
        let sha = try receipt("bus.pdf", "expense", then: ["cancel"])
        #expect(try sweep(at: EmailIdentityFixture.now + 3_600_000).files == 0)
        #expect(try isStored(sha))
        #expect(try sweep(at: dayLater).files == 1)
        #expect(try !isStored(sha))
    }

    @Test func aDroppedDraftsReceiptIsDeletedAndASentClaimsIsKept() throws {
        let claim = ["12 EUR", "travel", "yesterday", "Bus", "skip"]
        let dropped = try receipt("dropped.pdf", "expense", then: claim + ["no"])
        let sent = try receipt("sent.pdf", "expense", then: claim + ["yes"])
        _ = try sweep(at: dayLater)
        #expect(try !isStored(dropped))
        #expect(try isStored(sent))
    }

    @Test func theFileOfAnAbandonedFlowIsDeletedToo() throws {
        let sha = try receipt("abandoned.pdf", "expense", then: ["12 EUR"])
        #expect(try sweep(at: dayLater).files == 1)
        #expect(try !isStored(sha))
    }

    @Test func theFileOfAFlowStillOpenIsKept() throws {
        let sha = try receipt("open.pdf", "expense", then: [])
        let answeredLater = Pipeline(
            database: world.pipeline.database, engine: world.pipeline.engine, templates: world.pipeline.templates,
            clock: Clock { EmailIdentityFixture.now + 20 * 3_600_000 })
        try answeredLater.receive(InboundMessage(
            channel: .console, externalID: "late", sender: "ana@example.org", text: "12 EUR"))
        #expect(try sweep(at: dayLater).files == 0)
        #expect(try isStored(sha))
    }
}
