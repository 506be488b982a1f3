import Channels
import Crypto
import Store

/// Delivers Matrix outbox rows: joins for invites (then reads who is in the room), notices for replies — a row
/// addressed to a user ID goes to their direct chat, opened first if there is none — and after a notice an `m.file`
/// for each file queued with it (uploaded to the homeserver first). Send txnIds are derived from the row
/// (`transactionBase`) and the file, so a resend after a crash is de-duplicated by the homeserver; a file's `mxc://`
/// URI is stored once uploaded, so a retry sends the file event again without a second upload.
public struct MatrixTransport: OutboxTransport {
    public let channel = ChannelID.matrix
    public let client: MatrixClient
    public let database: Database

    public init(client: MatrixClient, database: Database) {
        self.client = client
        self.database = database
    }

    public func deliver(_ message: OutboxMessage) -> DeliveryResult {
        do {
            switch message.kind {
            case .join:
                if let failure = Self.failure(try client.join(message.address)) { return failure }
                if let failure = try readMembers(of: message.address) { return failure }
            case .message:
                if message.isRedaction, let redaction = try database.readConcurrently({
                    try MatrixRedactionRepository($0).redaction(outboxID: message.id)
                }) {
                    return try redact(redaction.eventID, reason: redaction.reason, row: message)
                }
                var room = message.address
                if BroadcastAddressBook.isDirectChatToOpen(room) {
                    switch try directRoom(with: room) {
                    case .success(let opened): room = opened
                    case .failure(let failure): return failure.result
                    }
                    // A retry (after a crash) goes to the same chat under the same txnId, even if a newer one is
                    // known by then.
                    try database.write { try OutboxRepository($0).setAddress(room, id: message.id) }
                }
                let base = Self.transactionBase(id: message.id, address: room, body: message.body)
                if let failure = try sendNotices(message.body, to: room, base: base) { return failure }
                let files = message.hasFiles
                    ? try database.readConcurrently { try OutboxRepository($0).attachments(outboxID: message.id) } : []
                for file in files {
                    if let failure = try send(file, to: room, base: base) { return failure }
                }
            }
        } catch {
            return .retry(afterMilliseconds: nil, reason: "\(error)")
        }
        return .delivered
    }

    /// A redaction row: the event goes from the room; only if the bot may not redact it (403) does the row's text,
    /// asking the person to delete it, go instead.
    private func redact(_ eventID: String, reason: String, row: OutboxMessage) throws -> DeliveryResult {
        let base = Self.transactionBase(row)
        let response = try client.redact(eventID, in: row.address, reason: reason, txnID: "\(base)-redact")
        if response.status == 403 {
            return try sendNotices(row.body, to: row.address, base: base) ?? .delivered
        }
        return Self.failure(response) ?? .delivered
    }

    /// Sends `text` as one notice, or as several when it is too large for one event; a homeserver answering
    /// `M_TOO_LARGE` gets the rest in smaller parts. Each part's txnId comes from the row (`base`), its size limit and
    /// its place, so a retry of the row sends nothing twice. Nil when every part was sent.
    private func sendNotices(_ text: String, to roomID: String, base: String) throws -> DeliveryResult? {
        var rest = text
        var limit = MatrixNoticeSplit.maxContentBytes
        var index = 0
        repeat {
            let part = MatrixNoticeSplit.firstPart(of: rest, limit: limit)
            let whole = index == 0 && part.count == text.count && limit == MatrixNoticeSplit.maxContentBytes
            let response = try client.sendNotice(
                String(part), to: roomID, txnID: whole ? base : "\(base)-\(limit)-\(index)")
            if response.status == 413, limit > MatrixNoticeSplit.minContentBytes {
                limit /= 2
                continue
            }
            if let failure = Self.failure(response) { return failure }
            rest = MatrixNoticeSplit.rest(of: rest, after: part)
            index += 1
        } while !rest.isEmpty
        return nil
    }

    /// Why a direct chat could not be opened, as the row's delivery result.
    struct Unopened: Error {
        let result: DeliveryResult
    }

    /// The direct chat with `userID` for a personal message: the newest known one, else a room the bot makes —
    /// `createRoom` with `is_direct`, the person invited — recorded, then listed in the bot's `m.direct`.
    private func directRoom(with userID: String) throws -> Result<String, Unopened> {
        if let known = try database.readConcurrently({ try MatrixRoomRepository($0).directRoom(of: userID) }) {
            return .success(known)
        }
        let response = try client.createDirectRoom(with: userID)
        if let failure = Self.failure(response) { return .failure(Unopened(result: failure)) }
        guard let roomID = JSONValue.parse(response.body)?["room_id"]?.string, !roomID.isEmpty else {
            return .failure(Unopened(result: .retry(afterMilliseconds: nil, reason: "createRoom answered no room_id")))
        }
        let rooms = try database.write { connection in
            let rooms = MatrixRoomRepository(connection)
            try rooms.recordOpenedDirect(roomID: roomID, with: userID, by: client.userID ?? "", now: Clock.system.now())
            return try rooms.directRooms()
        }
        // Clients show the room as a direct chat either way (is_direct on the invite); the list is a courtesy.
        if let failure = Self.failure(try client.setDirectRooms(rooms)) {
            Log.error("matrix: could not update the bot's m.direct: \(failure)")
        }
        return .success(roomID)
    }

    /// After a join: who is in the room now, as the homeserver lists them. A homeserver that cannot list them leaves
    /// what the invite and the events said; one that fails now is asked again (joining again changes nothing).
    private func readMembers(of roomID: String) throws -> DeliveryResult? {
        let response = try client.members(roomID)
        let listed = MatrixClient.memberships(response)
        if listed == nil, response.status != 403, response.status != 404, let failure = Self.failure(response) {
            return failure
        }
        let bot = client.userID?.lowercased()
        let members = listed?.filter { $0.key.lowercased() != bot }
        let now = Clock.system.now()
        try database.write { connection in
            let rooms = MatrixRoomRepository(connection)
            try rooms.markJoined(roomID, now: now)
            if let members { try rooms.replaceMembers(roomID: roomID, members, now: now) }
        }
        return nil
    }

    /// Uploads the file unless an earlier attempt did, then sends its `m.file`; nil when both succeeded.
    private func send(_ file: OutboxAttachment, to roomID: String, base: String) throws -> DeliveryResult? {
        let contentURI: String
        if let stored = file.contentURI {
            contentURI = stored
        } else {
            let response = try client.upload(
                file.file.bytes, filename: file.file.filename, contentType: file.file.mediaType)
            if let failure = Self.failure(response) { return failure }
            guard let uri = JSONValue.parse(response.body)?["content_uri"]?.string, uri.hasPrefix("mxc://") else {
                return .retry(afterMilliseconds: nil, reason: "upload answered without an mxc:// content_uri")
            }
            try database.write { try OutboxRepository($0).setContentURI(uri, attachmentID: file.id) }
            contentURI = uri
        }
        let response = try client.sendFile(
            file.file.filename, contentURI: contentURI, mediaType: file.file.mediaType,
            size: file.file.bytes.count, to: roomID,
            txnID: "\(base)-file-\(file.id)-\(SHA256.hex(file.file.bytes).prefix(12))")
        return Self.failure(response)
    }

    /// The txnId of a row's message: `tandem-ID-DIGEST`, the digest of its address and text. The id alone comes again
    /// after a restore that lost the newest rows (ids are reused): the homeserver would take a new reply for the
    /// delivered one it lost and drop it. With the digest only the same text to the same place is the same event.
    public static func transactionBase(id: Int64, address: String, body: String) -> String {
        "tandem-\(id)-\(SHA256.hex(Array((address + "\n" + body).utf8)).prefix(12))"
    }

    private static func transactionBase(_ row: OutboxMessage) -> String {
        transactionBase(id: row.id, address: row.address, body: row.body)
    }

    /// What a non-2xx answer means for the row; nil for success.
    static func failure(_ response: HTTPClientResponse) -> DeliveryResult? {
        switch response.status {
        case 200..<300:
            return nil
        case 429:
            return .retry(afterMilliseconds: Self.retryAfter(response), reason: "429 rate limited")
        case 408, 500...:
            return .retry(afterMilliseconds: nil, reason: "HTTP \(response.status)")
        default:
            let errcode = JSONValue.parse(response.body)?["errcode"]?.string ?? "HTTP \(response.status)"
            return .reject(reason: "\(errcode) (\(response.status))")
        }
    }

    /// `Retry-After` seconds, else the deprecated `retry_after_ms` in the body.
    static func retryAfter(_ response: HTTPClientResponse) -> Int64? {
        if let header = response.header("retry-after"), let seconds = Int64(header.trimmingCharacters(in: .whitespaces)) {
            return seconds * 1000
        }
        return JSONValue.parse(response.body)?["retry_after_ms"]?.int.map(Int64.init)
    }
}

extension MatrixClient {
    /// The client for the configured homeserver, or nil when Matrix is not configured.
    public init?(configuration: Configuration) {
        guard !configuration.matrixHomeserverURL.isEmpty, !configuration.matrixASToken.isEmpty else { return nil }
        self.init(
            homeserver: configuration.matrixHomeserverURL, asToken: configuration.matrixASToken,
            userID: configuration.matrixBotUserID,
            http: HTTPClient(idleConnections: OutboxWorker.parallelDeliveries))
    }

    /// Downloads a message's file and names it by content hash. Its media type comes from its first bytes, never
    /// from the sender's `info.mimetype` (a PNG sent as "application/pdf" is stored as image/png).
    public func fetch(_ media: MatrixMedia) -> MatrixIngest.FetchedMedia? {
        guard let bytes = download(media.url) else { return nil }
        return MatrixIngest.FetchedMedia(
            bytes: bytes, sha256: SHA256.hex(bytes), mediaType: MIMEMediaSniffer.mediaType(of: bytes))
    }
}
