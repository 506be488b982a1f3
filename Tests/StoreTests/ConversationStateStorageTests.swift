import Engine
import Foundation
import Testing
@testable import Store

/// Conversation states survive a save and a load whole, in the compact stored form; rows written as JSON by
/// earlier versions are still read; a damaged row is an error, never a crash.
struct ConversationStateStorageTests {
    let database: Database

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try Database(path: folder.appendingPathComponent("t.sqlite").path)
        try database.write { connection in
            try connection.run("INSERT INTO participants (id, name, created_at) VALUES (1, 'Ana', 0)")
        }
    }

    static var everyKindOfAnswer: ConversationState {
        var state = ConversationState()
        state.flow = "log_meeting"
        state.state = "topics"
        state.updatedAt = 1_767_225_600_123
        state.history = ["date", "duration", "date"]
        state.skipped = ["start", "next_steps"]
        state.slots = [
            "text": .text("line one\nline two, NUL \u{0} and 😀 — ünïcode"),
            "empty": .text(""),
            "choice": .choice("online"),
            "yes": .yesno(true),
            "no": .yesno(false),
            "integer": .integer(-42),
            "largest": .integer(Int.max),
            "smallest": .integer(Int.min),
            "date": .date(CalendarDate(year: 2026, month: 2, day: 28)!),
            "time": .time(ClockTime(hour: 0, minute: 5)!),
            "duration": .duration(minutes: 90),
            "money": .money(Money(minorUnits: -1_250, currency: "EUR")),
            "files": .attachments([
                AttachmentRef(id: "ab12", filename: "receipt 1.pdf", mediaType: "application/pdf", size: 123_456),
                AttachmentRef(id: "cd34", filename: "", mediaType: "image/jpeg", size: 0),
            ]),
            "topics": .list(["visa rules", "", "housing: 3:2;1"]),
            "none": .list([]),
        ]
        return state
    }

    func saveAndOpen(_ state: ConversationState) throws -> ConversationState {
        try database.write { connection in
            let repository = ConversationRepository(connection)
            let conversation = try repository.open(participantID: 1, channel: .matrix, address: "!r", now: 1)
            try repository.save(state, id: conversation.id, now: 2)
            return try repository.open(participantID: 1, channel: .matrix, address: "!r", now: 3).state
        }
    }

    func storeText(_ text: String) throws {
        try database.write { connection in
            _ = try ConversationRepository(connection).open(participantID: 1, channel: .matrix, address: "!r", now: 1)
            try connection.run("UPDATE conversations SET state = ?", [text])
        }
    }

    func open() throws -> ConversationState {
        try database.write { connection in
            try ConversationRepository(connection)
                .open(participantID: 1, channel: .matrix, address: "!r", now: 3).state
        }
    }

    @Test func everyKindOfAnswerSurvivesSaveAndLoad() throws {
        #expect(try saveAndOpen(Self.everyKindOfAnswer) == Self.everyKindOfAnswer)
    }

    @Test func theIdleStateSurvivesSaveAndLoad() throws {
        #expect(try saveAndOpen(ConversationState()) == ConversationState())
    }

    @Test func aNewConversationIsIdle() throws {
        #expect(try open() == ConversationState())
    }

    @Test func aStateStoredAsJSONIsStillRead() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try storeText(String(decoding: try encoder.encode(Self.everyKindOfAnswer), as: UTF8.self))
        #expect(try open() == Self.everyKindOfAnswer)
    }

    @Test func theCompactFormIsStored() throws {
        _ = try saveAndOpen(Self.everyKindOfAnswer)
        let text = try database.read { try $0.query("SELECT state FROM conversations").first?.string("state") }
        #expect(text?.hasPrefix("C2") == true)
    }

    @Test func aFlowWaitingBehindAConcernSurvivesSaveAndLoad() throws {
        var state = ConversationState()
        state.flow = "concern_report"
        state.state = "what"
        let waiting = Self.everyKindOfAnswer
        state.suspended = SuspendedFlow(
            flow: "log_session", state: "topics", slots: waiting.slots, skipped: waiting.skipped,
            history: waiting.history)
        #expect(try saveAndOpen(state) == state)
    }

    @Test func everyTruncationOfAStateWithAWaitingFlowIsAnError() throws {
        var state = Self.everyKindOfAnswer
        state.suspended = SuspendedFlow(flow: "log", state: nil, slots: ["d": .duration(minutes: 5)], skipped: [],
                                        history: ["d"])
        let full = Array(ConversationStateCodec.encode(state).utf8)
        for length in 0..<full.count {
            #expect(throws: ConversationStateCodec.Corrupt.self) {
                try ConversationStateCodec.decode(String(decoding: full[..<length], as: UTF8.self))
            }
        }
    }

    @Test func aStateStoredBeforeFlowsCouldWaitIsStillRead() throws {
        try storeText("C1" + "3:log6:topics" + "7;" + "1;4:date" + "0;" + "1;8:duration" + "u45;")
        var expected = ConversationState()
        expected.flow = "log"
        expected.state = "topics"
        expected.updatedAt = 7
        expected.history = ["date"]
        expected.slots = ["duration": .duration(minutes: 45)]
        #expect(try open() == expected)
    }

    @Test func everyTruncationOfAStoredStateIsAnError() throws {
        let full = Array(ConversationStateCodec.encode(Self.everyKindOfAnswer).utf8)
        for length in 0..<full.count {
            #expect(throws: ConversationStateCodec.Corrupt.self) {
                try ConversationStateCodec.decode(String(decoding: full[..<length], as: UTF8.self))
            }
        }
    }

    @Test(arguments: [
        "C3-", "C2--0;0;0;0;", "C2--0;0;0;0;X", "C1--0;0;0;x", "C1--0;0;0;1;1:at99:x", "C1--0;0;0;1;1:d2026;2;30;",
        "C1--0;0;0;1;1:h24;0;",
        "C1--99999999999999999999;0;0;0;", "C1--0;5;", "C1--0;0;0;0;extra", "C1-5:ab-0;0;0;0;",
    ])
    func aDamagedStateIsAnError(_ text: String) throws {
        try storeText(text)
        #expect(throws: ConversationStateCodec.Corrupt.self) { try open() }
    }
}
