/// Why ``HTTPServer/start()`` failed.
public enum HTTPServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `start()` was called on a server that is already running or was shut down.
    case alreadyStarted
    /// The host could not be resolved to an address (`getaddrinfo` failure text).
    case invalidAddress(host: String, reason: String)
    /// `socket(2)` or `pipe2(2)` failed with `errno`.
    case socketFailed(errno: Int32)
    /// `bind(2)` failed with `errno` (e.g. `EADDRINUSE`).
    case bindFailed(host: String, port: UInt16, errno: Int32)
    /// `listen(2)` or `getsockname(2)` failed with `errno`.
    case listenFailed(errno: Int32)
    /// The accept thread could not be created (`pthread_create` result).
    case threadFailed(code: Int32)

    public var description: String {
        switch self {
        case .alreadyStarted: "server already started"
        case .invalidAddress(let host, let reason): "cannot resolve \(host): \(reason)"
        case .socketFailed(let errno): "socket() failed: errno \(errno)"
        case .bindFailed(let host, let port, let errno): "cannot bind \(host):\(port): errno \(errno)"
        case .listenFailed(let errno): "listen() failed: errno \(errno)"
        case .threadFailed(let code): "cannot create accept thread: \(code)"
        }
    }
}
