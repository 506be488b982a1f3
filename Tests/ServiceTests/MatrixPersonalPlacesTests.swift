import Channels
import Service
import Store
import Testing

/// Personal messages — notices, broadcasts' personal copies — go only to the person's direct chat (opened by the
/// bot when there is none) or email: never to a group room, even when that is where the person spoke last.
struct MatrixPersonalPlacesTests {
    let fixture: MatrixFixture
    static let people = """
        Ana,mentee,pa,North,@ana:localhost,
        Boris,mentor,pa,North,@boris:localhost,
        Fran,facilitator,,North,@fran:localhost,
        Fiona,finance_coordinator,,,@fiona:localhost,
        Sally,safeguarding_lead,,,@sally:localhost,
        Mira,mentor,pb,North,,mira@example.org
        """

    init() throws {
        fixture = try MatrixFixture()
        try fixture.enrol(Self.people)
    }

    func place(_ name: String) throws -> (channel: ChannelID?, address: String?) {
        try fixture.database.read { connection in
            let id = try #require(try connection.query("SELECT id FROM participants WHERE name = ?", [name]).first)
                .int64("id")
            let place = try BroadcastAddressBook(connection).place(of: id)
            return (place?.channel, place?.address)
        }
    }

    /// Ana raises a safeguarding concern from her direct chat.
    func anaRaisesAConcern() throws {
        for text in ["concern", "tell", "Someone pushes me around in the corridor", "no", "skip", "yes"] {
            try fixture.say(text, as: "@ana:localhost", in: "!ana")
        }
    }

    @Test func someoneWithAMatrixIDAndNoDirectChatIsReachedAtTheirMatrixID() throws {
        #expect(try place("Fiona") == (.matrix, "@fiona:localhost"))
    }

    @Test func aDirectChatWithNoConversationYetIsTheirPlace() throws {
        try fixture.directChat("@fiona:localhost", room: "!fiona")
        #expect(try place("Fiona") == (.matrix, "!fiona"))
    }

    @Test func someoneWithOnlyAnEmailAddressIsReachedByEmail() throws {
        #expect(try place("Mira") == (.email, "mira@example.org"))
    }

    @Test func someoneWithNoAddressAtAllIsUnreachable() throws {
        try fixture.database.write { try $0.run("DELETE FROM addresses WHERE address = 'mira@example.org'") }
        #expect(try place("Mira") == (nil, nil))
    }

    @Test func aGroupRoomIsNeverTheirPlaceEvenWhenTheySpokeThereLast() throws {
        try fixture.directChat("@boris:localhost", room: "!boris")
        try fixture.say("help", as: "@boris:localhost", in: "!boris")
        try fixture.inRoom("!pair", with: ["@ana:localhost", "@boris:localhost"])
        try fixture.say("!tandem help", as: "@boris:localhost", in: "!pair")
        #expect(try place("Boris") == (.matrix, "!boris"))
    }

    /// The newest of several: the private conversation used last, the direct chat opened last, whatever order the
    /// rows were written in; and of two email addresses always the same one (the first in byte order).
    @Test func theNewestPrivatePlaceWinsWhateverOrderItsRowsWereWrittenIn() throws {
        try fixture.directChat("@fiona:localhost", room: "!fiona-new")
        try fixture.directChat("@fiona:localhost", room: "!fiona-old")
        try fixture.database.write { connection in
            try connection.run("UPDATE matrix_rooms SET created_at = 100 WHERE room_id = '!fiona-old'")
            try connection.run("UPDATE matrix_rooms SET created_at = 200 WHERE room_id = '!fiona-new'")
        }
        #expect(try place("Fiona") == (.matrix, "!fiona-new"))

        try fixture.directChat("@boris:localhost", room: "!boris")
        try fixture.say("help", as: "@boris:localhost", in: "!boris")
        let boris = try fixture.database.write { connection in
            let id = try #require(try connection.query("SELECT id FROM participants WHERE name = 'Boris'").first)
                .int64("id")
            try ParticipantRepository(connection)
                .addAddress(channel: .email, address: "boris@example.org", participantID: id)
            try connection.run("""
                INSERT INTO conversations (participant_id, channel, address, state, updated_at)
                VALUES (?, 'email', 'boris@example.org', '{}', ?)
                """, [id, Int64.max / 2])
            return id
        }
        #expect(try place("Boris") == (.email, "boris@example.org"))
        try fixture.database.write { connection in
            try connection.run("UPDATE conversations SET updated_at = 1 WHERE channel = 'email' AND participant_id = ?",
                               [boris])
        }
        #expect(try place("Boris") == (.matrix, "!boris"))

        try fixture.database.write { connection in
            let id = try #require(try connection.query("SELECT id FROM participants WHERE name = 'Mira'").first)
                .int64("id")
            try ParticipantRepository(connection)
                .addAddress(channel: .email, address: "mira@a.example", participantID: id)
        }
        #expect(try place("Mira") == (.email, "mira@a.example"))
    }

    @Test func aSafeguardingConcernNoticeForTheLeadNeverLandsInAGroupRoom() throws {
        try fixture.directChat("@ana:localhost", room: "!ana")
        try fixture.inRoom("!cohort", with: ["@sally:localhost", "@ana:localhost", "@fran:localhost"])
        try fixture.say("!tandem help", as: "@sally:localhost", in: "!cohort")
        let before = try fixture.lastOutboxID()
        try anaRaisesAConcern()
        let rows = try fixture.queued(after: before)
        #expect(rows.contains { $0.address == "@sally:localhost" && $0.body.contains("corridor") },
                "the lead gets it in a direct chat the bot opens")
        #expect(!rows.contains { $0.address == "!cohort" })
    }

    @Test func aConcernNoticeGoesToTheLeadsDirectChatWhenThereIsOne() throws {
        try fixture.directChat("@ana:localhost", room: "!ana")
        try fixture.directChat("@sally:localhost", room: "!sally")
        try fixture.inRoom("!cohort", with: ["@sally:localhost", "@ana:localhost"])
        try fixture.say("!tandem help", as: "@sally:localhost", in: "!cohort")
        let before = try fixture.lastOutboxID()
        try anaRaisesAConcern()
        let toSally = try fixture.queued(after: before).filter { $0.body.contains("corridor") && $0.address != "!ana" }
        #expect(toSally.map(\.address) == ["!sally"])
    }

    @Test func aBroadcastReachesEveryDirectChatAndNoSharedRoom() throws {
        try fixture.directChat("@fran:localhost", room: "!fran")
        try fixture.directChat("@ana:localhost", room: "!ana")
        try fixture.inRoom("!pair", with: ["@ana:localhost", "@boris:localhost"])
        try fixture.say("!tandem help", as: "@ana:localhost", in: "!pair")
        try fixture.say("!tandem help", as: "@boris:localhost", in: "!pair")
        let before = try fixture.lastOutboxID()
        for text in ["broadcast to pair pa: please log your sessions", "send broadcast"] {
            try fixture.say(text, as: "@fran:localhost", in: "!fran")
        }
        let rows = try fixture.queued(after: before)
        let copies = rows.filter { $0.address != "!fran" && $0.body.contains("please log your sessions") }
        #expect(copies.map(\.address).sorted() == ["!ana", "@boris:localhost"])
        #expect(!rows.contains { $0.address == "!pair" })
    }
}
