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
    /// announcing it (no `Connection: close`), as a server does when a keep-alive connection has idled too long.
    static func withConnectionNumbers(_ body: (String) throws -> Void) throws {
        let (listener, port) = try boundSocket()
        guard listen(listener, 8) == 0 else {
            close(listener)
            throw POSIXError(.EADDRINUSE)
        }
        let open = OpenConnections()
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
                    serveNumbered(connection, number: number)
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

    /// Answers requests on `connection` until the peer closes it or asks for `/close`.
    private static func serveNumbered(_ connection: Int32, number: Int) {
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
            let text = String(number)
            let response = Array("HTTP/1.1 200 OK\r\nContent-Length: \(text.utf8.count)\r\n\r\n\(text)".utf8)
            guard response.withUnsafeBytes({ send(connection, $0.baseAddress, $0.count, noSignal) }) == response.count
            else { return }
            if target.elementsEqual("/close".utf8) { return }
        }
    }
}
