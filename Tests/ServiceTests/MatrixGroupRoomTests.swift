import Channels
import Service
import Store
import Testing

/// Private things only in private places: a personal command typed in a group room is answered in the person's
/// direct chat and the room hears "I've answered you privately"; a question is continued there; only what a flow
/// declares fine for the pair's own room (`group rooms: pair`) is answered in a room of the pair.
struct MatrixGroupRoomTests {
    let fixture: MatrixFixture

    init() throws {
        fixture = try MatrixFixture()
        try fixture.enrol("""
            Ana,mentee,pa,North,@ana:localhost,
            Boris,mentor,pa,North,@boris:localhost,
            Sally,safeguarding_lead,,,@sally:localhost,
            """)
        try fixture.directChat("@ana:localhost", room: "!ana")
        try fixture.inRoom("!pair", with: ["@ana:localhost", "@boris:localhost"])
        // A shared room with someone who is not in the programme.
        try fixture.inRoom(
            "!cohort", with: ["@ana:localhost", "@boris:localhost", "@sally:localhost", "@eve:localhost"])
    }

    /// What `user` saying `text` in `room` queued, as `address: body`.
    func say(_ text: String, as user: String = "@ana:localhost", in room: String = "!pair") throws
        -> [(address: String, body: String)]
    {
        let before = try fixture.lastOutboxID()
        try fixture.say(text, as: user, in: room)
        return try fixture.queued(after: before)
    }

    @Test func myDataInAGroupRoomIsAnsweredInTheDirectChat() throws {
        let rows = try say("!tandem my data")
        #expect(rows.map(\.address) == ["!pair", "!ana"])
        #expect(rows.first?.body == "Ana, I've answered you privately.")
        #expect(rows.last?.body.contains("Everything Tandem stores about you") == true)
    }

    @Test func concernsAskedForInAGroupRoomGoToADirectChatTheBotOpens() throws {
        let rows = try say("!tandem concerns", as: "@sally:localhost", in: "!cohort")
        #expect(rows.map(\.address) == ["!cohort", "@sally:localhost"])
        #expect(rows.first?.body == "Sally, I've answered you privately.")
    }

    @Test func aQuestionAskedInAGroupRoomIsContinuedInTheDirectChat() throws {
        let rows = try say("!tandem log")
        #expect(rows.map(\.address) == ["!pair", "!ana"])
        #expect(rows.first?.body == "Ana, I've asked you privately — please answer me there.")
        #expect(rows.last?.body.contains("When did you meet?") == true)
        let answer = try say("yesterday", in: "!ana")
        #expect(answer.map(\.address) == ["!ana"])
        #expect(answer.first?.body.contains("What time did you start?") == true, "the plain answer is taken")
    }

    @Test func theGroupRoomIsLeftIdleSoItsNextMessageStartsAfresh() throws {
        _ = try say("!tandem log")
        let rows = try say("!tandem what's next")
        #expect(rows.map(\.address) == ["!pair"])
        #expect(rows.first?.body.contains("you are the mentee") == true)
    }

    @Test func aPairCommandInThePairsRoomIsAnsweredThere() throws {
        let rows = try say("!tandem our log")
        #expect(rows.map(\.address) == ["!pair"])
    }

    @Test func aPairCommandInARoomWithOthersIsAnsweredPrivately() throws {
        let rows = try say("!tandem what's next", in: "!cohort")
        #expect(rows.map(\.address) == ["!cohort", "!ana"])
        #expect(!rows[0].body.contains("mentee"))
    }

    @Test func aStrangerAskingForMyDataInASharedRoomIsAnsweredPrivately() throws {
        let rows = try say("!tandem my data", as: "@eve:localhost", in: "!cohort")
        #expect(rows.map(\.address) == ["!cohort", "@eve:localhost"])
        #expect(!rows.contains { $0.body.contains("Ana") })
    }

    @Test func helpInAGroupRoomIsAnsweredThere() throws {
        let rows = try say("!tandem help")
        #expect(rows.map(\.address) == ["!pair"])
        #expect(rows.first?.body.contains("You can say") == true)
    }
}
