import Channels
import Service
import Store
import Testing

/// A personal message for someone the bot has no direct chat with: the transport opens one (`createRoom` with
/// `is_direct`, the person invited, the bot's `m.direct` updated) and sends it there — and uses it from then on.
struct MatrixDirectChatTests {
    let fixture: MatrixFixture
    let homeserver: MatrixTestHomeserver
    let transport: MatrixTransport

    init() throws {
        fixture = try MatrixFixture()
        homeserver = try MatrixTestHomeserver()
        transport = homeserver.transport(fixture.database)
    }

    /// Queues `body` to `address` and returns the row.
    func queue(_ body: String, to address: String = "@fiona:localhost") throws -> OutboxMessage {
        try fixture.database.write { connection in
            let outbox = OutboxRepository(connection)
            let id = try outbox.enqueue(conversationID: nil, channel: .matrix, address: address, body: body, now: 1)
            return try #require(try outbox.queued(channel: .matrix, address: address).first { $0.id == id })
        }
    }

    @Test func aMessageForSomeoneWithoutADirectChatOpensOneAndIsSentThere() throws {
        defer { homeserver.stop() }
        #expect(transport.deliver(try queue("Claim 1 waits for you")) == .delivered)
        let create = try #require(homeserver.requests("POST /_matrix/client/v3/createRoom").first)
        let body = try #require(JSONValue.parse(create.body))
        #expect(body["is_direct"]?.bool == true)
        #expect(body["invite"]?.array == [.string("@fiona:localhost")])
        #expect(body["preset"]?.string == "trusted_private_chat")
        let direct = try #require(homeserver.requests("/account_data/m.direct").first)
        #expect(direct.method == "PUT")
        #expect(direct.path.contains("/user/%40tandem%3Alocalhost/"))
        #expect(JSONValue.parse(direct.body)?["@fiona:localhost"]?.array == [.string("!new1")])
        #expect(homeserver.sendRooms == ["!new1"])
        let room = try fixture.database.read { try MatrixRoomRepository($0).directRoom(of: "@fiona:localhost") }
        #expect(room == "!new1")
    }

    @Test func laterMessagesUseTheChatItOpened() throws {
        defer { homeserver.stop() }
        #expect(transport.deliver(try queue("first")) == .delivered)
        #expect(transport.deliver(try queue("second")) == .delivered)
        #expect(homeserver.requests("createRoom").count == 1)
        #expect(homeserver.sendRooms == ["!new1", "!new1"])
    }

    @Test func anExistingDirectChatIsUsedWithoutOpeningAnother() throws {
        defer { homeserver.stop() }
        try fixture.directChat("@fiona:localhost", room: "!fiona")
        #expect(transport.deliver(try queue("hello")) == .delivered)
        #expect(homeserver.requests("createRoom").isEmpty)
        #expect(homeserver.sendRooms == ["!fiona"])
    }

    @Test func theConversationWaitingForTheChatMovesIntoIt() throws {
        defer { homeserver.stop() }
        let conversation = try fixture.database.write { connection in
            let person = try ParticipantRepository(connection).create(
                name: "Fiona", language: "en", timeZone: "UTC", channel: .matrix, address: "@fiona:localhost", now: 1)
            return try ConversationRepository(connection).open(
                participantID: person.id, channel: .matrix, address: "@fiona:localhost", now: 1).id
        }
        #expect(transport.deliver(try queue("Which date?")) == .delivered)
        let address = try fixture.database.read {
            try $0.query("SELECT address FROM conversations WHERE id = ?", [conversation]).first?.string("address")
        }
        #expect(address == "!new1")
    }

    @Test func aRefusedRoomCreationGivesUpOnTheRow() throws {
        defer { homeserver.stop() }
        homeserver.createStatus.withLock { $0 = .forbidden }
        #expect(transport.deliver(try queue("hello")) == .reject(reason: "M_FORBIDDEN (403)"))
        #expect(homeserver.sendRooms.isEmpty)
    }
}
