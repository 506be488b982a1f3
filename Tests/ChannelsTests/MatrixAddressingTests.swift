import Channels
import Testing

/// Group-room messages for the bot as Element sends them: a mention anywhere (pill, `m.mentions`, the bot's name),
/// a reply that quotes the bot, an edit.
struct MatrixAddressingTests {
    let router = MatrixEventRouter(botUserID: "@tandem:localhost")
    static let pill = #"<a href=\"https://matrix.to/#/@tandem:localhost\">Tandem</a>"#
    static let mentionsBot = #""m.mentions":{"user_ids":["@tandem:localhost"]}"#

    func event(_ content: String, id: String = "$1") -> MatrixEvent {
        let json = #"{"type":"m.room.message","event_id":"\#(id)","sender":"@ana:localhost","room_id":"!r","#
            + #""content":{\#(content)}}"#
        guard let value = JSONValue.parse(Array(json.utf8)), let event = MatrixEvent(value) else {
            fatalError("bad test event \(json)")
        }
        return event
    }

    /// What the bot is asked in a group room, or nil when the message is not for it.
    func request(_ content: String, direct: Bool = false) -> String? {
        guard case .message(let message) = router.route(event(content), isDirectRoom: direct) else { return nil }
        return message.text
    }

    @Test func aMentionByDisplayNameMidSentenceIsForTheBot() {
        #expect(request(#""msgtype":"m.text","body":"what's next for us, Tandem?","#
            + #""format":"org.matrix.custom.html","formatted_body":"what's next for us, \#(Self.pill)?","#
            + Self.mentionsBot) == "what's next for us?")
    }

    @Test func aGreetingBeforeTheMentionGoesWithIt() {
        #expect(request(#""msgtype":"m.text","body":"hey Tandem, what's next for us?","#
            + #""formatted_body":"hey \#(Self.pill), what's next for us?","# + Self.mentionsBot)
            == "what's next for us?")
    }

    @Test func aPillUnderAnotherDisplayNameIsTakenOut() {
        let pill = #"<a href=\"https://matrix.to/#/%40tandem%3Alocalhost\">Mentor Bot</a>"#
        #expect(request(#""msgtype":"m.text","body":"Mentor Bot: my log","formatted_body":"\#(pill): my log","#
            + Self.mentionsBot) == "my log")
    }

    @Test func mentionsThatDoNotNameTheBotAreNotForItWhateverTheText() {
        #expect(request(#""msgtype":"m.text","body":"we write it in tandem","m.mentions":{}"#) == nil)
    }

    @Test func withoutMentionsTheBotsNameInTheTextAddressesIt() {
        #expect(request(#""msgtype":"m.text","body":"what's next, tandem?""#) == "what's next?")
        #expect(request(#""msgtype":"m.text","body":"hi @tandem:localhost status""#) == "status")
    }

    @Test func aWordThatOnlyContainsTheNameIsNotAMention() {
        #expect(request(#""msgtype":"m.text","body":"tandemly we went on""#) == nil)
    }

    @Test func theCommandPrefixStillWorks() {
        #expect(request(#""msgtype":"m.text","body":"!tandem my log""#) == "my log")
    }

    @Test func aReplysQuoteIsNotPartOfTheAnswer() {
        let body = #""msgtype":"m.text","body":"> <@tandem:localhost> When did you meet?\n\nyesterday","#
            + #""formatted_body":"<mx-reply><blockquote>In reply to \#(Self.pill)</blockquote></mx-reply>yesterday","#
            + #""m.relates_to":{"m.in_reply_to":{"event_id":"$q"}}"#
        #expect(request(body, direct: true) == "yesterday")
    }

    @Test func aReplyToTheBotInAGroupRoomIsForItThroughItsMentionsNotThroughTheQuote() {
        let quote = #""msgtype":"m.text","body":"> <@tandem:localhost> Hello, pair!\n\nthanks all","#
            + #""formatted_body":"<mx-reply><blockquote>\#(Self.pill)</blockquote></mx-reply>thanks all","#
            + #""m.relates_to":{"m.in_reply_to":{"event_id":"$q"}}"#
        #expect(request(quote) == nil)
        #expect(request(quote + "," + Self.mentionsBot) == "thanks all")
    }

    @Test func anEditCarriesTheEditedMessageAndWhatItSaysNow() {
        let edit = #""msgtype":"m.text","body":"* 2 days ago","#
            + #""m.new_content":{"msgtype":"m.text","body":"2 days ago"},"#
            + #""m.relates_to":{"rel_type":"m.replace","event_id":"$answer"}"#
        #expect(router.route(event(edit, id: "$edit"), isDirectRoom: true) == .message(MatrixMessage(
            eventID: "$edit", roomID: "!r", sender: "@ana:localhost", text: "2 days ago", media: nil,
            replaces: "$answer")))
    }

    @Test func anEditInAGroupRoomNotForTheBotIsIgnored() {
        let edit = #""msgtype":"m.text","body":"* see you at 5","#
            + #""m.new_content":{"msgtype":"m.text","body":"see you at 5","m.mentions":{}},"#
            + #""m.relates_to":{"rel_type":"m.replace","event_id":"$x"}"#
        #expect(request(edit) == nil)
    }
}
