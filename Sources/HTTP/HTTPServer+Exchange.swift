extension HTTPServer {
    /// Runs the handler for `exchange` and writes its response, on a worker thread; `handled` runs between the two
    /// (the request's body is no longer needed). Keeps the connection alive when the request allows it, the handler
    /// did not ask for `Connection: close` and the server is not stopping.
    func answer(_ exchange: HTTPExchange, handled: () -> Void) -> HTTPCompletion {
        let request = exchange.request
        let response = handler(request)
        handled()
        let keepAlive = request.keepAlive && shutdownDeadline == nil
            && !response.headers.hasToken("close", in: "connection")
        let bytes = ResponseSerializer.serialize(
            response, omitBody: request.method == "HEAD", keepAlive: keepAlive, requestVersion: request.version)
        let written = Socket.sendAll(exchange.fd, bytes, deadline: .now + configuration.writeTimeout)
        log(method: request.method, path: request.path, status: response.status, since: exchange.started)
        let next: HTTPCompletion.Next = !written ? .drop : keepAlive ? .keepAlive : .close
        return HTTPCompletion(token: exchange.token, next: next)
    }

    /// Reports one answered request to the access log, if there is one.
    func log(method: String, path: String, status: HTTPStatus, since start: ContinuousClock.Instant?) {
        guard let accessLog else { return }
        var micros: Int64 = 0
        if let start {
            let (seconds, attoseconds) = (ContinuousClock.now - start).components
            micros = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        }
        accessLog(HTTPAccessLogEntry(method: method, path: path, status: status, durationMicroseconds: micros))
    }
}
