/// Turns an ``HTTPResponse`` into wire bytes.
enum ResponseSerializer {
    /// `HTTP/1.1 100 Continue` followed by the empty line.
    static let continueBytes: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Serializes `response` as HTTP/1.1 with `Content-Length` (omitted for 1xx, 204 and 304).
    ///
    /// Header fields with invalid names or values (CR, LF, NUL…) are dropped, so a handler cannot split the
    /// response. `Content-Length`, `Transfer-Encoding` and `Connection` from the handler are replaced.
    /// - Parameters:
    ///   - omitBody: `true` for `HEAD`: the length is announced but the body is not written.
    ///   - keepAlive: whether the connection stays open (otherwise `Connection: close` is written).
    ///   - requestVersion: for HTTP/1.0 clients kept alive, `Connection: keep-alive` is written.
    static func serialize(
        _ response: HTTPResponse, omitBody: Bool, keepAlive: Bool, requestVersion: HTTPVersion
    ) -> [UInt8] {
        let status = response.status
        let code = (100...999).contains(status.code) ? status.code : 500
        let reason = String(
            String.UnicodeScalarView(
                status.reasonPhrase.unicodeScalars.filter { $0 == "\t" || ($0.value >= 0x20 && $0.value != 0x7F) }))
        var head = "HTTP/1.1 \(code) \(reason)\r\n"
        for field in response.headers {
            if HTTPHeaders.namesEqual(field.name, "content-length")
                || HTTPHeaders.namesEqual(field.name, "transfer-encoding")
                || HTTPHeaders.namesEqual(field.name, "connection")
            {
                continue
            }
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(HTTPRequestParser.isTokenByte),
                field.value.utf8.allSatisfy(HTTPRequestParser.isFieldValueByte)
            else { continue }
            head += "\(field.name): \(field.value)\r\n"
        }
        let bodyAllowed = !HTTPStatus(code: code).forbidsBody
        if bodyAllowed {
            head += "Content-Length: \(response.body.count)\r\n"
        }
        if !keepAlive {
            head += "Connection: close\r\n"
        } else if requestVersion == .http1_0 {
            head += "Connection: keep-alive\r\n"
        }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if bodyAllowed && !omitBody {
            bytes.append(contentsOf: response.body)
        }
        return bytes
    }
}
