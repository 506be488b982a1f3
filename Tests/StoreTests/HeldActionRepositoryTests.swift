import Engine
import Foundation
import Testing
@testable import Store

/// Held requests (bank details typed in a forged or unvouched mail) do not wait in the database after they expire.
struct HeldActionRepositoryTests {
    let database: Database
    static let hour: Int64 = 3_600_000
    static let bankDetails = ActionRequest(
        flow: "expense_bank", action: "save_bank_details",
        slots: ["iban": .text("DE89370400440532013000"), "holder": .text("Ana Petrova")])

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-held-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try Database(path: folder.appendingPathComponent("t.sqlite").path)
        try database.write { connection in
            try connection.run("INSERT INTO participants (id, name, created_at) VALUES (1, 'Ana', 0)")
            try connection.run("""
                INSERT INTO conversations (id, participant_id, channel, address, state, updated_at)
                VALUES (1, 1, 'email', 'ana@example.org', '', 0)
                """)
        }
    }

    private func hold(token: String, expiresAt: Int64) throws {
        try database.write { connection in
            try HeldActionRepository(connection).hold(
                Self.bankDetails, conversationID: 1, participantID: 1, token: token, sourceMessageID: nil, now: 0,
                expiresAt: expiresAt)
        }
    }

    private func requests() throws -> [String: String] {
        try database.read { connection in
            try connection.query("SELECT token, request FROM held_actions").reduce(into: [:]) {
                $0[$1.string("token")] = $1.string("request")
            }
        }
    }

    @Test func anExpiredRequestIsEmptiedAndAWaitingOneKept() throws {
        try hold(token: "expired", expiresAt: 24 * Self.hour)
        try hold(token: "waiting", expiresAt: 72 * Self.hour)
        let emptied = try database.write { try HeldActionRepository($0).forgetExpired(now: 48 * Self.hour) }
        #expect(emptied == 1)
        let stored = try requests()
        #expect(stored["expired"] == "")
        #expect(stored["waiting"]?.contains("DE89370400440532013000") == true)
        let late = try database.read { try HeldActionRepository($0).all(participantID: 1) }
        #expect(late.first { $0.token == "expired" }?.expiresAt == 24 * Self.hour, "a late reply still finds the row")
    }

    @Test func rowsAWeekPastTheirExpiryAreDeleted() throws {
        try hold(token: "old", expiresAt: Self.hour)
        try database.write { _ = try HeldActionRepository($0).forgetExpired(now: 9 * 24 * Self.hour) }
        #expect(try requests().isEmpty)
    }
}
