#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

extension HTTPClientTestServer {
    /// Serves keep-alive HTTP/1.1 on 127.0.0.1 and numbers the connections it accepts (1, 2, …): every request (a
    /// head without a body) is answered `200` with the number of its connection as the body, so a test sees which
    /// connection carried each request. After answering `/close`, the server closes that connection without
    /// announcing it (no `Connection: close`), as a server does when a keep-alive connection has idled too long. A
    /// request for `/together/{k}` is answered only once `k` such requests wait (or after 5 s), so that a test can
    /// hold `k` transfers in flight at once.
    static func withConnectionNumbers(_ body: (String) throws -> Void) throws {
        let (listener, port) = try boundSocket()
        guard listen(listener, 8) == 0 else {
            close(listener)
            throw POSIXError(.EADDRINUSE)
        }
        let open = OpenConnections()
        let gate = Gate()
        let threads = DispatchGroup()
        threads.enter()
        Thread.detachNewThread {
            defer { threads.leave() }
            var accepted = 0
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }  // the listener was shut down
                accepted += 1
                open.fds.withLock { _ = $0.insert(connection) }
                threads.enter()
                Thread.detachNewThread { [number = accepted] in
                    defer { threads.leave() }
                    serveNumbered(connection, number: number, gate: gate)
                    open.fds.withLock { _ = $0.remove(connection) }
                    close(connection)
                }
            }
        }
        defer {
            shutdown(listener, Int32(SHUT_RDWR))  // wakes accept()
            open.fds.withLock { $0.forEach { shutdown($0, Int32(SHUT_RDWR)) } }  // wakes recv() on idle connections
            threads.wait()
            close(listener)
        }
        try body("http://127.0.0.1:\(port)")
    }

    /// The connections being served, so that the end of the test can wake the threads blocked reading them.
    private final class OpenConnections: Sendable {
        let fds = Mutex<Set<Int32>>([])
    }

    /// Holds `/together/{k}` requests until `k` of them wait, then lets them all go.
    private final class Gate: @unchecked Sendable {
        private let condition = NSCondition()
        private var waiting = 0
        private var round = 0

        func pass(together count: Int) {
            condition.lock()
            defer { condition.unlock() }
            waiting += 1
            if waiting >= count {
                waiting = 0
                round += 1
                condition.broadcast()
                return
            }
            let mine = round
            let deadline = Date(timeIntervalSinceNow: 5)
            while round == mine, condition.wait(until: deadline) {}
        }
    }

    /// Answers requests on `connection` until the peer closes it or asks for `/close`.
    private static func serveNumbered(_ connection: Int32, number: Int, gate: Gate) {
        let terminator = Array("\r\n\r\n".utf8)
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            while pending.firstRange(of: terminator) == nil {
                let received = recv(connection, &buffer, buffer.count, 0)
                guard received > 0 else { return }
                pending += buffer[..<received]
            }
            guard let end = pending.firstRange(of: terminator) else { return }
            let requestLine = pending[..<end.lowerBound].split(separator: UInt8(ascii: "\r")).first ?? []
            let target = requestLine.split(separator: UInt8(ascii: " ")).dropFirst().first ?? []
            pending.removeSubrange(..<end.upperBound)
            if target.starts(with: "/together/".utf8),
                let count = Int(String(decoding: target.dropFirst("/together/".utf8.count), as: UTF8.self)) {
                gate.pass(together: count)
            }
            let text = String(number)
            let response = Array("HTTP/1.1 200 OK\r\nContent-Length: \(text.utf8.count)\r\n\r\n\(text)".utf8)
            guard response.withUnsafeBytes({ send(connection, $0.baseAddress, $0.count, noSignal) }) == response.count
            else { return }
            if target.elementsEqual("/close".utf8) { return }
        }
    }
}
