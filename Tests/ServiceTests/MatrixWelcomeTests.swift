import Channels
import Service
import Store
import Testing

/// The welcome in a direct chat fits what the person does; someone in no programme is told how to join — also when
/// they ask for something only people in one can do.
struct MatrixWelcomeTests {
    let fixture: MatrixFixture

    init() throws {
        fixture = try MatrixFixture()
        try fixture.enrol("Ana,mentee,pa,North,@ana:localhost,\nFiona,finance_coordinator,,,@fiona:localhost,")
    }

    func welcome(_ user: String) throws -> String {
        let before = try fixture.lastOutboxID()
        try fixture.directChat(user, room: "!" + user)
        return try #require(try fixture.queued(after: before).first).body
    }

    @Test func theFinanceCoordinatorsWelcomeSuggestsClaimsNotLoggingAMeeting() throws {
        let text = try welcome("@fiona:localhost")
        #expect(text.contains("\"claims\""))
        #expect(!text.contains("log"))
    }

    @Test func aMenteesWelcomeSuggestsLoggingAMeeting() throws {
        #expect(try welcome("@ana:localhost").contains("\"log yesterday 45 min topics: visa rules\""))
    }

    @Test func someoneInNoProgrammeIsWelcomedWithHowToJoin() throws {
        #expect(try welcome("@eve:localhost").contains("say \"join\" and the code"))
    }

    @Test func aStrangersCommandIsAnsweredWithHowToJoin() throws {
        _ = try welcome("@eve:localhost")
        let before = try fixture.lastOutboxID()
        try fixture.say("log yesterday 45 min topics: visa rules", as: "@eve:localhost", in: "!@eve:localhost")
        let hint = fixture.pipeline.engine.catalog.localizer.text("stranger.hint", "en")
        #expect(try fixture.queued(after: before).map(\.body) == [hint])
        #expect(hint.contains("\"join\" and the code"))
    }
}
