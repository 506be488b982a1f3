import Channels
import Engine
import Programme
import Store

/// Private things only in private places: what a person asks for in a group room is answered where only they read
/// it — their direct chat or email — unless the flow declares it fine for a room of the speaker's pair
/// (`group rooms: pair`); the room hears "I've answered you privately". A question is always continued in the
/// direct chat ("I've asked you privately"), where a plain answer or a file is for the bot.
extension Pipeline {
    /// Where a turn's replies and new state go.
    struct TurnPlace {
        /// The conversation the replies go to, whose state becomes the turn's new state; nil when the speaker has no
        /// private place at all (then the turn is not applied: nothing personal is said in the room).
        let conversation: ConversationRecord?
        /// When the turn moved out of a group room: that room's conversation (left idle) and what it hears.
        let left: (conversation: ConversationRecord, note: String)?
    }

    /// The place for `turn` of a message that came from `conversation`.
    func place(
        for turn: Turn, of message: InboundMessage, in conversation: ConversationRecord, participant: ParticipantRecord,
        membership: Membership?, _ connection: Connection, now: Int64
    ) throws -> TurnPlace {
        guard case .group(let others) = message.audience else {
            return TurnPlace(conversation: conversation, left: nil)
        }
        let asked = turn.state.flow != nil
        if !asked {
            let performed = turn.effects.lazy.compactMap { effect -> String? in
                if case .perform(let request) = effect { return request.flow }
                return nil
            }.first
            // Global commands (help, language, the menu) stay in the room; so does a flow fine for this room.
            guard let flowID = performed, let flow = engine.catalog.flow(flowID) else {
                return TurnPlace(conversation: conversation, left: nil)
            }
            if flow.groupRooms == .pair,
               try onlyPairIn(others, channel: message.channel, membership: membership, connection) {
                return TurnPlace(conversation: conversation, left: nil)
            }
        }
        let localizer = engine.catalog.localizer
        let arguments = ["name": participant.name]
        guard let place = try BroadcastAddressBook(connection).place(of: participant.id),
              let channel = place.channel, let address = place.address
        else {
            let note = localizer.text("matrix.no_private_place", participant.language, arguments)
            return TurnPlace(conversation: nil, left: (conversation, note))
        }
        let target = try ConversationRepository(connection).open(
            participantID: participant.id, channel: channel, address: address, now: now)
        let note = localizer.text(
            asked ? "matrix.asked_privately" : "matrix.answered_privately", participant.language, arguments)
        return TurnPlace(conversation: target, left: (conversation, note))
    }

    /// Whether everyone else in the room is in one of the speaker's pairs.
    private func onlyPairIn(_ others: [String], channel: ChannelID, membership: Membership?, _ connection: Connection)
        throws -> Bool
    {
        guard let membership, !others.isEmpty else { return false }
        let peers = Set(membership.peers.map(\.participantID))
        let participants = ParticipantRepository(connection)
        for address in others {
            guard let other = try participants.find(channel: channel, address: address), peers.contains(other.id)
            else { return false }
        }
        return true
    }
}
