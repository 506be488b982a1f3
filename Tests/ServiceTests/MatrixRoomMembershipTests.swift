import Channels
import Service
import Store
import Testing

/// Direct or group is decided by who is in a room now — `m.room.member` events and the homeserver's list of joined
/// members — not by the invite's `is_direct` flag.
struct MatrixRoomMembershipTests {
    let fixture: MatrixFixture
    init() throws { fixture = try MatrixFixture() }

    /// Alice's plain "help" in `room`: answered (true) or ignored as chatter (false).
    func plainHelpIsAnswered(room: String = "!dm", id: String) throws -> Bool {
        let before = try fixture.count("SELECT COUNT(*) AS n FROM outbox")
        _ = try fixture.ingest.ingest(txnID: "t\(id)", events: [MatrixFixture.text("help", id: id, room: room)])
        return try fixture.count("SELECT COUNT(*) AS n FROM outbox") > before
    }

    func joinedMembers(_ members: [String], room: String = "!dm") throws {
        try fixture.database.write {
            try MatrixRoomRepository($0).replaceMembers(
                roomID: room, Dictionary(uniqueKeysWithValues: members.map { ($0, "join") }), now: 1)
        }
    }

    func directUser(_ room: String = "!dm") throws -> String? {
        try fixture.database.read { try MatrixRoomRepository($0).room(room)?.directUser }
    }

    @Test func aRoomWithTheBotAndOnePersonIsTheirDirectChatWhateverTheInviteSaid() throws {
        _ = try fixture.ingest.ingest(txnID: "1", events: [MatrixFixture.invite(id: "$i", direct: false)])
        try joinedMembers(["@alice:localhost"])
        #expect(try directUser() == "@alice:localhost")
        #expect(try plainHelpIsAnswered(id: "$m"))
    }

    @Test func anInviteMarkedDirectIntoARoomOfSeveralIsAGroup() throws {
        _ = try fixture.ingest.ingest(txnID: "1", events: [MatrixFixture.invite(id: "$i", direct: true)])
        try joinedMembers(["@alice:localhost", "@bob:localhost"])
        #expect(try directUser() == nil)
        #expect(try !plainHelpIsAnswered(id: "$m"))
    }

    @Test func aThirdMemberJoiningADirectChatMakesItAGroup() throws {
        _ = try fixture.ingest.ingest(txnID: "1", events: [MatrixFixture.invite(id: "$i")])
        try joinedMembers(["@alice:localhost"])
        #expect(try plainHelpIsAnswered(id: "$m1"))
        _ = try fixture.ingest.ingest(txnID: "2", events: [MatrixFixture.member("@bob:localhost", "join", id: "$j")])
        #expect(try directUser() == nil)
        #expect(try !plainHelpIsAnswered(id: "$m2"))
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM inbound_messages WHERE external_id = '$m2'") == 0)
    }

    @Test func aThirdMemberInvitedIntoADirectChatMakesItAGroupAtOnce() throws {
        _ = try fixture.ingest.ingest(txnID: "1", events: [MatrixFixture.invite(id: "$i")])
        try joinedMembers(["@alice:localhost"])
        _ = try fixture.ingest.ingest(txnID: "2", events: [
            MatrixFixture.member("@bob:localhost", "invite", id: "$j", sender: "@alice:localhost"),
        ])
        #expect(try directUser() == nil)
    }

    @Test func aGroupRoomLeftByAllButOnePersonBecomesTheirDirectChat() throws {
        _ = try fixture.ingest.ingest(txnID: "1", events: [MatrixFixture.invite(id: "$i", direct: false)])
        try joinedMembers(["@alice:localhost", "@bob:localhost"])
        _ = try fixture.ingest.ingest(txnID: "2", events: [MatrixFixture.member("@bob:localhost", "leave", id: "$l")])
        #expect(try directUser() == "@alice:localhost")
    }

    @Test func aReinviteWithoutIsDirectLeavesAOneToOneRoomDirect() throws {
        _ = try fixture.ingest.ingest(txnID: "1", events: [MatrixFixture.invite(id: "$i1")])
        try joinedMembers(["@alice:localhost"])
        _ = try fixture.ingest.ingest(txnID: "2", events: [
            MatrixFixture.member(MatrixFixture.bot, "leave", id: "$kick", sender: "@alice:localhost"),
        ])
        #expect(try directUser() == nil, "the bot is out of the room")
        _ = try fixture.ingest.ingest(txnID: "3", events: [MatrixFixture.invite(id: "$i2", direct: false)])
        _ = try fixture.ingest.ingest(txnID: "4", events: [MatrixFixture.member(MatrixFixture.bot, "join", id: "$b")])
        #expect(try directUser() == "@alice:localhost")
        #expect(try plainHelpIsAnswered(id: "$m"))
    }

    @Test func anEncryptedDirectChatIsNeverWhereTheirPersonalMessagesGo() throws {
        _ = try fixture.ingest.ingest(txnID: "1", events: [MatrixFixture.invite(id: "$i")])
        try joinedMembers(["@alice:localhost"])
        _ = try fixture.ingest.ingest(txnID: "2", events: [MatrixFixture.event(
            #"{"type":"m.room.encryption","event_id":"$e","sender":"@alice:localhost","room_id":"!dm","#
                + #""state_key":"","content":{"algorithm":"m.megolm.v1.aes-sha2"}}"#)])
        #expect(try directUser() == "@alice:localhost")
        #expect(try fixture.database.read { try MatrixRoomRepository($0).directRoom(of: "@alice:localhost") } == nil)
    }

    @Test func afterJoiningTheTransportReadsWhoIsInTheRoom() throws {
        let homeserver = try MatrixTestHomeserver()
        defer { homeserver.stop() }
        homeserver.members.withLock { $0["!dm"] = ["@alice:localhost": "join", "@bob:localhost": "invite"] }
        _ = try fixture.ingest.ingest(txnID: "1", events: [MatrixFixture.invite(id: "$i", direct: true)])
        let join = try #require(try fixture.database.read {
            try OutboxRepository($0).queued(channel: .matrix, address: "!dm").first
        })
        #expect(homeserver.transport(fixture.database).deliver(join) == .delivered)
        #expect(homeserver.requests("GET /_matrix/client/v3/rooms/%21dm/members").count == 1)
        #expect(try fixture.database.read { try MatrixRoomRepository($0).members(of: "!dm") }
            == ["@alice:localhost", "@bob:localhost"])
        #expect(try directUser() == nil, "someone else is invited: a group, though the invite said direct")
    }
}
