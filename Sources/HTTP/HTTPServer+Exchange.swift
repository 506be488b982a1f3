extension HTTPServer {
    /// Runs the handler for `exchange` and writes its response, on a worker thread; `handled` runs between the two
    /// (the request's body is no longer needed). Keeps the connection alive when the request allows it, the handler
    /// did not ask for `Connection: close` and the server is not stopping.
    func answer(_ exchange: HTTPExchange, handled: () -> Void) -> HTTPCompletion {
        let request = exchange.request
        let handlerStart = ContinuousClock.now
        let response = handler(request)
        handled()
        let keepAlive = request.keepAlive && shutdownDeadline == nil
            && !response.headers.hasToken("close", in: "connection")
        let bytes = ResponseSerializer.serialize(
            response, omitBody: request.method == "HEAD", keepAlive: keepAlive, requestVersion: request.version)
        let written = Socket.sendAll(exchange.fd, bytes, deadline: .now + configuration.writeTimeout)
        log(method: request.method, path: request.path, status: response.status, since: exchange.started,
            handlerStart: handlerStart)
        let next: HTTPCompletion.Next = !written ? .drop : keepAlive ? .keepAlive : .close
        return HTTPCompletion(token: exchange.token, next: next)
    }

    /// Reports one answered request to the access log, if there is one.
    func log(
        method: String, path: String, status: HTTPStatus, since start: ContinuousClock.Instant?,
        handlerStart: ContinuousClock.Instant? = nil
    ) {
        guard let accessLog else { return }
        func micros(_ duration: Duration) -> Int64 {
            let (seconds, attoseconds) = duration.components
            return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        }
        let now = ContinuousClock.now
        accessLog(HTTPAccessLogEntry(
            method: method, path: path, status: status, durationMicroseconds: start.map { micros(now - $0) } ?? 0,
            waitedMicroseconds: start.flatMap { start in handlerStart.map { micros($0 - start) } } ?? 0))
    }
}
