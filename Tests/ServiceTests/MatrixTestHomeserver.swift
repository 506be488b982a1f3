import Channels
import Foundation
import HTTP
import Service
import Store
import Synchronization

/// A homeserver's client-server side on 127.0.0.1 (our own HTTP server), for the Matrix transport's tests: it
/// records every request and answers joins, joined members, room creation, `m.direct`, sends and redactions —
/// each of which a test can make fail.
final class MatrixTestHomeserver: Sendable {
    let requests = Mutex<[HTTPRequest]>([])
    /// Members per room (user ID → membership) for `GET …/members` (a room not listed answers 404).
    let members = Mutex<[String: [String: String]]>([:])
    /// Status codes for the next message sends, in order (then 200).
    let sendAnswers = Mutex<[HTTPStatus]>([])
    /// The status of `createRoom`.
    let createStatus = Mutex<HTTPStatus>(.ok)
    /// The status of redactions.
    let redactStatus = Mutex<HTTPStatus>(.ok)
    private let created = Atomic<Int>(0)
    private let server: HTTPServer
    let url: String

    init() throws {
        let box = Mutex<MatrixTestHomeserver?>(nil)
        server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 0)) { request in
            box.withLock { $0 }?.answer(request) ?? .json(status: .serviceUnavailable, body: "{}")
        }
        url = "http://127.0.0.1:\(try server.start())"
        box.withLock { $0 = self }
    }

    /// A transport to this homeserver as `@tandem:localhost`.
    func transport(_ database: Database) -> MatrixTransport {
        MatrixTransport(
            client: MatrixClient(homeserver: url, asToken: "as-secret", userID: MatrixFixture.bot), database: database)
    }

    func stop() {
        server.shutdown()
        server.waitUntilStopped()
    }

    /// Requests whose `METHOD path` contains `fragment`.
    func requests(_ fragment: String) -> [HTTPRequest] {
        requests.withLock { $0 }.filter { "\($0.method) \($0.path)".contains(fragment) }
    }

    /// The rooms messages were sent to, percent-decoded, in order.
    var sendRooms: [String] {
        requests("/send/").compactMap { request in
            let parts = request.path.split(separator: "/")
            return parts.count > 5 ? String(parts[4]).removingPercentEncoding : nil
        }
    }

    private func answer(_ request: HTTPRequest) -> HTTPResponse {
        requests.withLock { $0.append(request) }
        let path = request.path
        switch request.method {
        case "POST" where path.contains("/join/"):
            return .json(body: #"{"room_id":"!joined"}"#)
        case "GET" where path.hasSuffix("/members"):
            let room = String(path.split(separator: "/")[4]).removingPercentEncoding ?? ""
            guard let listed = members.withLock({ $0[room] }) else {
                return .json(status: .notFound, body: #"{"errcode":"M_UNRECOGNIZED"}"#)
            }
            let chunk = ([MatrixFixture.bot: "join"].merging(listed) { $1 }).map { user, membership in
                JSONValue.object([
                    "type": .string("m.room.member"), "state_key": .string(user),
                    "content": .object(["membership": .string(membership)]),
                ])
            }
            return .json(body: String(decoding: JSONValue.object(["chunk": .array(chunk)]).serialized, as: UTF8.self))
        case "POST" where path.hasSuffix("/createRoom"):
            let status = createStatus.withLock { $0 }
            guard status == .ok else { return .json(status: status, body: #"{"errcode":"M_FORBIDDEN"}"#) }
            return .json(body: #"{"room_id":"!new\#(created.add(1, ordering: .relaxed).newValue)"}"#)
        case "PUT" where path.contains("/redact/"):
            let status = redactStatus.withLock { $0 }
            return status == .ok ? .json(body: #"{"event_id":"$r"}"#)
                : .json(status: status, body: #"{"errcode":"M_FORBIDDEN"}"#)
        case "PUT" where path.contains("/send/"):
            if let status = sendAnswers.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
                let errcode = status == .contentTooLarge ? "M_TOO_LARGE" : "M_UNKNOWN"
                return .json(status: status, body: #"{"errcode":"\#(errcode)"}"#)
            }
            return .json(body: #"{"event_id":"$e"}"#)
        default:
            return .json(body: "{}")
        }
    }
}
