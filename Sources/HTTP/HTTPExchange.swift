/// A complete request handed from the event loop to a worker thread: the worker runs the handler, writes the
/// response on `fd` and reports back with an ``HTTPCompletion`` carrying `token`.
struct HTTPExchange: Sendable {
    let fd: Int32
    let token: UInt64
    let request: HTTPRequest
    /// When the request's first byte arrived (for the access log).
    let started: ContinuousClock.Instant
    /// Set by the loop if it must look at the connection as soon as the answer is written.
    let wake: HTTPWakeRequest
}
