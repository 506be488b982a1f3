import Channels
import Engine
import Programme
import Store

/// Stores one application-service transaction: every event in one SQLite transaction, each event applied once
/// (by event ID), the txnId recorded only to answer a re-sent transaction at once. Messages go through the pipeline; invites queue a join and a
/// welcome; encrypted rooms get one explanation. The homeserver is answered only after this commits.
public struct MatrixIngest: Sendable {
    public let pipeline: Pipeline
    public let router: MatrixEventRouter
    /// Fetches an `mxc://` file (size-capped); nil when Matrix media cannot be fetched.
    public let fetchMedia: (@Sendable (MatrixMedia) -> FetchedMedia?)?

    /// A downloaded file and what its bytes are.
    public struct FetchedMedia: Sendable {
        public let bytes: [UInt8]
        public let sha256: String
        public let mediaType: String

        public init(bytes: [UInt8], sha256: String, mediaType: String) {
            self.bytes = bytes
            self.sha256 = sha256
            self.mediaType = mediaType
        }
    }

    /// What happened to a transaction.
    public enum Outcome: Sendable, Equatable {
        case stored(messages: Int)
        case duplicate
    }

    public init(pipeline: Pipeline, botUserID: String, fetchMedia: (@Sendable (MatrixMedia) -> FetchedMedia?)? = nil) {
        self.pipeline = pipeline
        self.router = MatrixEventRouter(botUserID: botUserID)
        self.fetchMedia = fetchMedia
    }

    /// Stores the transaction `txnID` made of `events`. What cannot repeat decides what is new: each event by its ID
    /// (messages in `inbound_messages`, other events in `matrix_events`). The txnId is only a shortcut — the same
    /// txnId with the same events is a re-send, answered at once — because a homeserver may number its
    /// transactions from 1 again after a restart, and new events under a reused txnId must not be lost.
    public func ingest(txnID: String, events: [MatrixEvent]) throws -> Outcome {
        try receive(txnID: txnID, events: events).outcome
    }

    /// ``ingest(txnID:events:)`` for a transaction the homeserver pushed, which also shows it is up: in the same
    /// write, replies waiting out a backoff become due (``homeserverIsBack()``). `retried` is true when some did.
    public func receive(txnID: String, events: [MatrixEvent]) throws -> (outcome: Outcome, retried: Bool) {
        let database = pipeline.database
        let digest = MatrixTransaction.digest(of: events)
        // The transaction below de-duplicates; a repeat is looked up first only to spare downloading its files again.
        let files = try mediaToFetch(events)
        if !files.isEmpty, try database.read({ try MatrixRepository($0).isRepeat(txnID, eventsHash: digest) }) {
            return (.duplicate, try homeserverIsBack())
        }
        let media = prefetch(files)
        let now = pipeline.clock.now()
        return try database.write { connection in
            let retried = try Self.retryWaitingReplies(connection, now: now)
            return (try store(txnID, digest: digest, events: events, media: media, connection, now: now), retried)
        }
    }

    /// The transaction's events, each applied once, in the caller's write.
    private func store(
        _ txnID: String, digest: String, events: [MatrixEvent], media: [String: FetchedMedia],
        _ connection: Connection, now: Int64
    ) throws -> Outcome {
        let matrix = MatrixRepository(connection)
        guard try matrix.recordTransaction(txnID, eventsHash: digest, events: events.count, now: now) else {
            return .duplicate
        }
        var messages = 0
        for event in events {
            // A state event (invite, membership) applies once; a message is de-duplicated by the pipeline.
            if event.stateKey != nil, try !matrix.recordEvent(event.eventID, now: now) { continue }
            let room = try MatrixRoomRepository(connection).room(event.roomID)
            switch router.route(event, isDirectRoom: room?.isDirect(with: event.sender) ?? false) {
            case .message(let message):
                if try receive(message, in: room, media: media, connection, now: now) { messages += 1 }
            case .invite(let roomID, let inviter, let isDirect, let encrypted):
                try invited(to: roomID, by: inviter, isDirect: isDirect, encrypted: encrypted, connection, now: now)
            case .membership(let roomID, let userID, let membership):
                let rooms = MatrixRoomRepository(connection)
                if userID == router.botUserID {
                    try rooms.setBotMembership(
                        roomID: roomID, membership: membership, sender: event.sender, now: now)
                } else {
                    try rooms.setMembership(roomID: roomID, userID: userID, membership: membership, now: now)
                }
            case .encrypted(let roomID, let sender):
                try warnEncrypted(roomID, sender, connection, now: now)
            case .encryptionEnabled(let roomID):
                try warnEncrypted(roomID, event.sender, connection, now: now)
            case .ignore:
                continue
            }
        }
        return .stored(messages: messages)
    }

    /// The homeserver showed it is up (it sent a transaction or pinged): replies waiting for a retry are due now
    /// rather than after their backoff. True when some were.
    public func homeserverIsBack() throws -> Bool {
        let now = pipeline.clock.now()
        guard try pipeline.database.readConcurrently({
            try OutboxRepository($0).hasRowsWaiting(channel: .matrix, now: now)
        }) else { return false }
        return try pipeline.database.write { try Self.retryWaitingReplies($0, now: now) }
    }

    /// Makes Matrix replies waiting out a backoff due now; true when there were some. Looks before it writes: most
    /// of the time none wait, and the look answers from the queue index.
    private static func retryWaitingReplies(_ connection: Connection, now: Int64) throws -> Bool {
        let outbox = OutboxRepository(connection)
        guard try outbox.hasRowsWaiting(channel: .matrix, now: now) else { return false }
        return try outbox.retryNow(channel: .matrix, now: now) > 0
    }

    /// A message for the bot in `room` (as Tandem knows it), with its file if it had one, through the pipeline; true
    /// when it was processed.
    private func receive(_ message: MatrixMessage, in room: MatrixRoom?, media: [String: FetchedMedia],
                         _ connection: Connection, now: Int64) throws -> Bool {
        var attachments: [AttachmentRef] = []
        if let file = message.media, let fetched = media[file.url],
           try pipeline.mayKeepFiles(channel: .matrix, sender: message.sender, connection, now: now) {
            try AttachmentRepository(connection).store(
                sha256: fetched.sha256, filename: file.filename, mediaType: fetched.mediaType,
                bytes: fetched.bytes, now: now)
            attachments.append(AttachmentRef(
                id: fetched.sha256, filename: file.filename, mediaType: fetched.mediaType,
                size: fetched.bytes.count))
        }
        let audience: InboundMessage.Audience = room?.isDirect(with: message.sender) == true
            ? .sender
            : .group(try MatrixRoomRepository(connection).members(of: message.roomID).filter { $0 != message.sender })
        let inbound = InboundMessage(
            channel: .matrix, externalID: message.eventID, sender: message.sender,
            conversation: message.roomID, text: message.text, attachments: attachments, audience: audience)
        guard case .processed(_, let secret) = try pipeline.process(
            inbound, editing: message.replaces, in: connection, now: now) else { return false }
        if secret {
            // The answer is stored sealed; the room's copy goes too.
            try MatrixRedactionRepository(connection).enqueue(
                message.eventID, in: message.roomID,
                reason: try say("matrix.redacted_reason", to: message.sender, connection),
                fallback: try say("matrix.delete_secret", to: message.sender, connection), now: now)
        }
        return true
    }

    /// A new invite is always joined (joining a room the bot is in changes nothing); a room is welcomed once.
    private func invited(to roomID: String, by inviter: String, isDirect: Bool, encrypted: Bool,
                         _ connection: Connection, now: Int64) throws {
        let isNewRoom = try MatrixRoomRepository(connection).recordInvite(
            roomID: roomID, invitedBy: inviter, isDirect: isDirect, now: now)
        let outbox = OutboxRepository(connection)
        try outbox.enqueue(conversationID: nil, channel: .matrix, kind: .join, address: roomID, body: "", now: now)
        guard isNewRoom else { return }
        if encrypted { return try warnEncrypted(roomID, inviter, connection, now: now) }
        let welcome = isDirect
            ? try directWelcome(to: inviter, connection) : try say("matrix.welcome.group", to: inviter, connection)
        try outbox.enqueue(conversationID: nil, channel: .matrix, address: roomID, body: welcome, now: now)
    }

    /// The welcome in a direct chat, for what the person does: an example of their role's commands (the finance
    /// coordinator's is "claims", not logging a meeting), or how to join for someone not enrolled.
    private func directWelcome(to userID: String, _ connection: Connection) throws -> String {
        let participant = try ParticipantRepository(connection).find(channel: .matrix, address: userID)
        let role = try participant.flatMap { person in
            try Membership.load(participantID: person.id, connection: connection, templates: pipeline.templates)
        }?.enrolments.first.flatMap { Role(rawValue: $0.role) }
        guard let role else { return try say("matrix.welcome.newcomer", to: userID, connection) }
        let language = participant?.language ?? pipeline.defaults.language
        let localizer = pipeline.engine.catalog.localizer
        let example = localizer.text("matrix.example.\(role.isPairRole ? "participant" : role.rawValue)", language)
        return localizer.text("matrix.welcome.direct", language, ["example": example])
    }

    private func warnEncrypted(_ roomID: String, _ sender: String, _ connection: Connection, now: Int64) throws {
        guard try MatrixRoomRepository(connection).markEncrypted(roomID, invitedBy: sender, now: now) else { return }
        try OutboxRepository(connection).enqueue(
            conversationID: nil, channel: .matrix, address: roomID,
            body: try say("matrix.encrypted", to: sender, connection), now: now)
    }

    /// A text in the language of the participant at `userID` (or the default language).
    private func say(_ key: String, to userID: String, _ connection: Connection) throws -> String {
        let language = try ParticipantRepository(connection).find(channel: .matrix, address: userID)?.language
            ?? pipeline.defaults.language
        return pipeline.engine.catalog.localizer.text(key, language, ["bot": router.botUserID])
    }

    /// The files of message events not stored before, once each, and only participants' files: a stranger's would
    /// be dropped anyway, and fetching it would let anyone make Tandem download what they like.
    private func mediaToFetch(_ events: [MatrixEvent]) throws -> [MatrixMedia] {
        guard fetchMedia != nil else { return [] }
        var files: [MatrixMedia] = []
        for event in events {
            guard case .message(let message) = router.route(event, isDirectRoom: true), let media = message.media,
                  !files.contains(where: { $0.url == media.url }) else { continue }
            let wanted = try pipeline.database.read { connection in
                try !InboundRepository(connection).contains(channel: .matrix, externalID: event.eventID)
                    && pipeline.known(.matrix, message.sender, connection) != nil
            }
            if wanted { files.append(media) }
        }
        return files
    }

    /// Downloads files before the database transaction opens (network never inside it).
    private func prefetch(_ files: [MatrixMedia]) -> [String: FetchedMedia] {
        guard let fetchMedia else { return [:] }
        var fetched: [String: FetchedMedia] = [:]
        for media in files { fetched[media.url] = fetchMedia(media) }
        return fetched
    }
}
