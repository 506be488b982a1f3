import Channels
import Testing

/// What each kind of Matrix event means for the bot.
struct MatrixEventRouterTests {
    let router = MatrixEventRouter(botUserID: "@tandem:localhost")

    func event(_ json: String) -> MatrixEvent {
        guard let value = JSONValue.parse(Array(json.utf8)), let event = MatrixEvent(value) else {
            fatalError("bad test event \(json)")
        }
        return event
    }

    func text(_ body: String, from sender: String = "@alice:localhost", msgtype: String = "m.text") -> MatrixEvent {
        event(#"{"type":"m.room.message","event_id":"$1","sender":"\#(sender)","room_id":"!r","#
            + #""content":{"msgtype":"\#(msgtype)","body":"\#(body)"}}"#)
    }

    @Test func aDirectMessageIsForTheBot() {
        #expect(router.route(text("log today"), isDirectRoom: true)
            == .message(MatrixMessage(eventID: "$1", roomID: "!r", sender: "@alice:localhost", text: "log today",
                                      media: nil)))
    }

    @Test func ownEventsAreIgnored() {
        #expect(router.route(text("hi", from: "@tandem:localhost"), isDirectRoom: true) == .ignore("own event"))
    }

    @Test func ourNamespaceInAnotherCaseIsOurs() {
        #expect(router.route(text("hi", from: "@TANDEM:localhost"), isDirectRoom: true) == .ignore("own event"))
    }

    @Test(arguments: [
        "", "ana", "ana:localhost", "@", "@:localhost", "@ana", "@ana:", "@an a:localhost", "@ana:local host",
        "@ana:localhost:", "@ana:localhost:99999x", "@ana:[::1", "@ana\\u0000:localhost", "@ánа:localhost",
        "#room:localhost", "!room:localhost", "@" + String(repeating: "a", count: 250) + ":localhost",
    ])
    func aSenderThatIsNotAUserIDIsIgnored(sender: String) {
        #expect(router.route(text("who is behind", from: sender), isDirectRoom: true)
            == .ignore("sender is not a Matrix user ID"))
    }

    @Test(arguments: ["@ana:localhost", "@ana:localhost:8448", "@ana:[::1]:8448", "@ana:127.0.0.1", "@=old_Name!:ex.org"])
    func wellFormedSendersAreAccepted(sender: String) {
        guard case .message(let message) = router.route(text("status", from: sender), isDirectRoom: true) else {
            return #expect(Bool(false), "\(sender)")
        }
        #expect(message.sender == sender)
    }

    @Test func noticesFromOthersAreIgnored() {
        #expect(router.route(text("beep", msgtype: "m.notice"), isDirectRoom: true) == .ignore("notice"))
    }

    @Test func groupMessagesNeedThePrefixOrAMention() {
        #expect(router.route(text("hello all"), isDirectRoom: false) == .ignore("group message not addressed to the bot"))
        guard case .message(let message) = router.route(text("!tandem my log"), isDirectRoom: false) else {
            return #expect(Bool(false))
        }
        #expect(message.text == "my log")
        guard case .message(let mention) = router.route(text("tandem: status"), isDirectRoom: false) else {
            return #expect(Bool(false))
        }
        #expect(mention.text == "status")
    }

    @Test func anInviteOfTheBotIsRecognised() {
        let invite = event(#"{"type":"m.room.member","event_id":"$2","sender":"@alice:localhost","room_id":"!r","#
            + #""state_key":"@tandem:localhost","content":{"membership":"invite","is_direct":true}}"#)
        #expect(router.route(invite, isDirectRoom: false)
            == .invite(roomID: "!r", inviter: "@alice:localhost", isDirect: true, encrypted: false))
    }

    @Test func anInviteToAnEncryptedRoomSaysSo() {
        let invite = event(#"{"type":"m.room.member","event_id":"$2","sender":"@alice:localhost","room_id":"!r","#
            + #""state_key":"@tandem:localhost","content":{"membership":"invite"},"#
            + #""unsigned":{"invite_room_state":[{"type":"m.room.encryption","state_key":"","#
            + #""content":{"algorithm":"m.megolm.v1.aes-sha2"}}]}}"#)
        #expect(router.route(invite, isDirectRoom: false)
            == .invite(roomID: "!r", inviter: "@alice:localhost", isDirect: false, encrypted: true))
    }

    @Test func otherStateEventsAreIgnored() {
        let name = event(#"{"type":"m.room.name","event_id":"$3","sender":"@bob:localhost","room_id":"!r","#
            + #""state_key":"","content":{"name":"Pair room"}}"#)
        #expect(router.route(name, isDirectRoom: true) == .ignore("state event m.room.name"))
    }

    @Test func aMembershipChangeSaysWhoIsInTheRoom() {
        let join = event(#"{"type":"m.room.member","event_id":"$3","sender":"@bob:localhost","room_id":"!r","#
            + #""state_key":"@bob:localhost","content":{"membership":"join"}}"#)
        #expect(router.route(join, isDirectRoom: true)
            == .membership(roomID: "!r", userID: "@bob:localhost", membership: "join"))
    }

    @Test func theBotsOwnJoinIsAMembershipChange() {
        let join = event(#"{"type":"m.room.member","event_id":"$3","sender":"@tandem:localhost","room_id":"!r","#
            + #""state_key":"@tandem:localhost","content":{"membership":"join"}}"#)
        #expect(router.route(join, isDirectRoom: false)
            == .membership(roomID: "!r", userID: "@tandem:localhost", membership: "join"))
    }

    @Test func encryptedEventsAreFlagged() {
        let encrypted = event(#"{"type":"m.room.encrypted","event_id":"$4","sender":"@alice:localhost","room_id":"!r","#
            + #""content":{"algorithm":"m.megolm.v1.aes-sha2","ciphertext":"xx"}}"#)
        #expect(router.route(encrypted, isDirectRoom: true) == .encrypted(roomID: "!r", sender: "@alice:localhost"))
    }

    @Test func imagesCarryTheirMedia() {
        let image = event(#"{"type":"m.room.message","event_id":"$5","sender":"@alice:localhost","room_id":"!r","#
            + #""content":{"msgtype":"m.image","body":"receipt.jpg","url":"mxc://localhost/abc","#
            + #""info":{"mimetype":"image/jpeg","size":1234}}}"#)
        #expect(router.route(image, isDirectRoom: false) == .ignore("file in a group room"))
        guard case .message(let message) = router.route(image, isDirectRoom: true) else { return #expect(Bool(false)) }
        #expect(message.media == MatrixMedia(url: "mxc://localhost/abc", filename: "receipt.jpg", mimetype: "image/jpeg",
                                             size: 1234))
    }

    @Test(arguments: ["", "not json", "[1,2]", #"{"events": 5}"#, "\u{0}"])
    func malformedTransactionsAreRefused(_ body: String) {
        #expect(throws: MatrixTransaction.DecodeError.self) { try MatrixTransaction.decode(Array(body.utf8)) }
    }

    @Test func eventsMissingFieldsAreSkipped() throws {
        let events = try MatrixTransaction.decode(Array(#"{"events":[{"type":"m.room.message"},{"type":"x","#
            .utf8) + Array(#""sender":"@a:b","room_id":"!r","event_id":"$e"},"#.utf8)
            + Array(#"{"type":"x","sender":"@a:b","room_id":"!r","event_id":12345}]}"#.utf8))
        #expect(events.map(\.eventID) == ["$e"])
    }
}
