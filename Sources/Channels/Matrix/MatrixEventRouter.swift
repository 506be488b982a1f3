/// Decides what each event means: events whose sender is not a Matrix user ID, Tandem's own events (but its
/// membership), notices from other bots and most state events are ignored; membership events say who is in a room;
/// in group rooms only text messages that mention the bot or start with `!tandem` are for it (``MatrixAddressing``).
/// A reply's quote of the message it answers is dropped; an edit carries the edited message's ID.
public struct MatrixEventRouter: Sendable {
    /// The bot's full user ID, e.g. `@tandem:example.org`.
    public let botUserID: String
    let addressing: MatrixAddressing

    public init(botUserID: String) {
        self.botUserID = botUserID
        addressing = MatrixAddressing(botUserID: botUserID)
    }

    /// - Parameter isDirectRoom: whether the event's room is the sender's direct chat with the bot.
    public func route(_ event: MatrixEvent, isDirectRoom: Bool) -> MatrixInput {
        guard MatrixUserID.isValid(event.sender) else { return .ignore("sender is not a Matrix user ID") }
        if event.type == "m.room.member", let stateKey = event.stateKey {
            return member(event, stateKey: stateKey)
        }
        // Only Tandem can act as users in its exclusive namespace (the bot); a differently-cased copy is ours too.
        guard !isBot(event.sender) else { return .ignore("own event") }
        if event.stateKey != nil {
            if event.type == "m.room.encryption" { return .encryptionEnabled(roomID: event.roomID) }
            return .ignore("state event \(event.type)")
        }
        switch event.type {
        case "m.room.encrypted":
            return .encrypted(roomID: event.roomID, sender: event.sender)
        case "m.room.message":
            return message(event, isDirectRoom: isDirectRoom)
        default:
            return .ignore("event type \(event.type)")
        }
    }

    /// An `m.room.member` event — the bot's own too: an invite of the bot, or who is in the room now.
    private func member(_ event: MatrixEvent, stateKey: String) -> MatrixInput {
        let membership = event.content["membership"]?.string ?? ""
        guard ["join", "invite", "leave", "ban", "knock"].contains(membership), MatrixUserID.isValid(stateKey) else {
            return .ignore("membership \(membership)")
        }
        if isBot(stateKey), membership == "invite", !isBot(event.sender) {
            let state = event.unsigned["invite_room_state"]?.array ?? []
            return .invite(
                roomID: event.roomID, inviter: event.sender, isDirect: event.content["is_direct"]?.bool ?? false,
                encrypted: state.contains { $0["type"]?.string == "m.room.encryption" })
        }
        return .membership(
            roomID: event.roomID, userID: isBot(stateKey) ? botUserID : stateKey, membership: membership)
    }

    private func isBot(_ userID: String) -> Bool { userID.lowercased() == botUserID.lowercased() }

    private func message(_ event: MatrixEvent, isDirectRoom: Bool) -> MatrixInput {
        let relation = event.content["m.relates_to"]
        var replaces: String?
        var content = event.content
        if relation?["rel_type"]?.string == "m.replace" {
            // An edit: what the message says now is in m.new_content (the body is a "* …" fallback).
            guard let original = relation?["event_id"]?.string, let newContent = event.content["m.new_content"],
                  case .object = newContent else { return .ignore("edit without new content") }
            replaces = original
            content = newContent
        }
        let msgtype = content["msgtype"]?.string ?? ""
        guard msgtype != "m.notice" else { return .ignore("notice") }
        var text = content["body"]?.string ?? ""
        var html = content["formatted_body"]?.string
        if replaces == nil, relation?["m.in_reply_to"] != nil {
            text = MatrixReplyFallback.strippingBody(text)
            html = html.map(MatrixReplyFallback.strippingHTML)
        }
        text = text.trimmingWhitespace()
        var media: MatrixMedia?
        switch msgtype {
        case "m.text", "m.emote":
            break
        case "m.image", "m.file":
            guard replaces == nil else { return .ignore("edited file") }
            guard let url = content["url"]?.string else { return .ignore("file without url (encrypted file?)") }
            let info = content["info"]
            let filename = content["filename"]?.string ?? text
            media = MatrixMedia(
                url: url, filename: filename.isEmpty ? "file" : filename, mimetype: info?["mimetype"]?.string,
                size: info?["size"]?.int)
            text = ""
        default:
            return .ignore("msgtype \(msgtype)")
        }
        if !isDirectRoom {
            // Files shared between peers in their room are theirs; receipts go to the bot in a direct chat.
            guard media == nil else { return .ignore("file in a group room") }
            guard let request = addressing.request(in: text, html: html, mentions: content["m.mentions"]) else {
                return .ignore("group message not addressed to the bot")
            }
            text = request
        }
        return .message(MatrixMessage(eventID: event.eventID, roomID: event.roomID, sender: event.sender, text: text,
                                      media: media, replaces: replaces))
    }
}
