import Channels
import Foundation
import HTTP
import Service
import Store
import Synchronization
import Testing

/// A reply that carries a file, delivered to a homeserver on 127.0.0.1 (our HTTP server playing the client-server
/// API): the notice, one upload with the appservice token and the bot's user_id, then the `m.file` event — and a
/// retry after a failed file event does not upload again.
struct MatrixFileDeliveryTests {
    /// The homeserver's side: every request it got, and how to answer the next `m.file`.
    final class Homeserver: Sendable {
        let requests = Mutex<[HTTPRequest]>([])
        /// Status codes for the next `m.file` sends (then 200).
        let fileAnswers = Mutex<[HTTPStatus]>([])
        /// The status of uploads.
        let uploadStatus = Mutex<HTTPStatus>(.ok)

        func answer(_ request: HTTPRequest) -> HTTPResponse {
            requests.withLock { $0.append(request) }
            if request.method == "POST", request.path == "/_matrix/media/v3/upload" {
                let status = uploadStatus.withLock { $0 }
                return status == .ok
                    ? .json(body: #"{"content_uri":"mxc://example.org/ics1"}"#)
                    : .json(status: status, body: #"{"errcode":"M_TOO_LARGE","error":"too big"}"#)
            }
            if request.method == "PUT", request.bodyText.contains(#""msgtype":"m.file""#),
               let status = fileAnswers.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
                return .json(status: status, body: #"{"errcode":"M_UNKNOWN"}"#)
            }
            return .json(body: #"{"event_id":"$e"}"#)
        }

        var uploads: [HTTPRequest] { requests.withLock { $0 }.filter { $0.path.hasSuffix("/upload") } }
        var fileSends: [HTTPRequest] { requests.withLock { $0 }.filter { $0.bodyText.contains(#""m.file""#) } }
    }

    static let calendar = Array("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n".utf8)
    let homeserver = Homeserver()
    let server: HTTPServer
    let database: Database
    let transport: MatrixTransport

    init() throws {
        let homeserver = self.homeserver
        server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 0)) { homeserver.answer($0) }
        let port = try server.start()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-mxfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try Database(path: folder.appendingPathComponent("t.sqlite").path)
        transport = MatrixTransport(
            client: MatrixClient(
                homeserver: "http://127.0.0.1:\(port)", asToken: "as-secret", userID: "@tandem:example.org"),
            database: database)
    }

    /// Queues a notice with the calendar file to a room; returns the row.
    func queue() throws -> OutboxMessage {
        try database.write { connection in
            let outbox = OutboxRepository(connection)
            try outbox.enqueue(
                conversationID: nil, channel: .matrix, address: "!pair:example.org", body: "Your agenda is saved.",
                attachments: [OutboxFile(
                    filename: "mentoring-sessions.ics", mediaType: "text/calendar; charset=utf-8; method=PUBLISH",
                    bytes: Self.calendar)],
                now: 1)
            return try #require(try outbox.queued(channel: .matrix, address: "!pair:example.org").first)
        }
    }

    func stop() {
        server.shutdown()
        server.waitUntilStopped()
    }

    @Test func theNoticeIsFollowedByOneUploadAndAnMFileEvent() throws {
        defer { stop() }
        let row = try queue()
        #expect(transport.deliver(row) == .delivered)
        let requests = homeserver.requests.withLock { $0 }
        #expect(requests.map(\.method) == ["PUT", "POST", "PUT"])
        let txnID = MatrixTransport.transactionBase(id: row.id, address: row.address, body: row.body)
        #expect(requests.first?.path
            == "/_matrix/client/v3/rooms/%21pair%3Aexample.org/send/m.room.message/\(txnID)")
        #expect(requests.allSatisfy { $0.headers["authorization"] == "Bearer as-secret" })

        let upload = try #require(homeserver.uploads.first)
        #expect(upload.query == "filename=mentoring-sessions.ics&user_id=%40tandem%3Aexample.org")
        #expect(upload.headers["content-type"] == "text/calendar; charset=utf-8; method=PUBLISH")
        #expect(upload.body == Self.calendar)

        let file = try #require(homeserver.fileSends.first)
        let attachmentID = try database.read { try OutboxRepository($0).attachments(outboxID: row.id).first?.id }
        #expect(file.path.contains("/send/m.room.message/\(txnID)-file-\(try #require(attachmentID))-"))
        let content = try #require(JSONValue.parse(file.body))
        #expect(content["msgtype"]?.string == "m.file")
        #expect(content["body"]?.string == "mentoring-sessions.ics")
        #expect(content["url"]?.string == "mxc://example.org/ics1")
        #expect(content["info"]?["mimetype"]?.string == "text/calendar")
        #expect(content["info"]?["size"]?.int == Self.calendar.count)
    }

    @Test func aRetryAfterAFailedFileEventSendsItAgainWithoutASecondUpload() throws {
        defer { stop() }
        homeserver.fileAnswers.withLock { $0 = [.serviceUnavailable] }
        let row = try queue()
        guard case .retry(_, let reason) = transport.deliver(row) else { Issue.record("not a retry"); return }
        #expect(reason == "HTTP 503")
        let stored = try database.read { try OutboxRepository($0).attachments(outboxID: row.id) }
        #expect(stored.map(\.contentURI) == ["mxc://example.org/ics1"], "the upload is remembered")

        #expect(transport.deliver(row) == .delivered)
        #expect(homeserver.uploads.count == 1)
        #expect(homeserver.fileSends.count == 2)
        let txns = homeserver.fileSends.map { $0.path.split(separator: "/").last }
        #expect(txns.first == txns.last, "the same txnId, so the homeserver keeps one event")
    }

    @Test func anUploadTheHomeserverRefusesGivesUpOnTheRow() throws {
        defer { stop() }
        homeserver.uploadStatus.withLock { $0 = .contentTooLarge }
        #expect(transport.deliver(try queue()) == .reject(reason: "M_TOO_LARGE (413)"))
        #expect(homeserver.fileSends.isEmpty)
    }
}
