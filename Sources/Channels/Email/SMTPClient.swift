internal import CCurl

/// Hands messages to an SMTP server through libcurl (`smtp://host:587` with STARTTLS, or `smtps://host:465`).
///
/// TLS is required: `smtp://` sets `CURLOPT_USE_SSL = CURLUSESSL_ALL`, so a server that does not offer STARTTLS
/// fails instead of receiving the message in the clear; certificates are verified (libcurl's defaults). The one
/// exception is a loopback host (`127.0.0.0/8`, `::1`, `localhost`), where STARTTLS is used if offered and plain
/// SMTP accepted otherwise — for a local relay and for tests; nothing leaves the machine on that hop.
/// A fresh connection per message; libcurl dot-stuffs the body. Never logs anything.
public struct SMTPClient: Sendable {
    /// The server, e.g. `smtp://mail.example.org:587` or `smtps://mail.example.org:465`.
    public let url: String
    /// For `AUTH`; empty for none.
    public let username: String
    public let password: String
    /// Limit for one whole message transfer.
    public let timeout: Duration
    /// Whether the host is loopback (plain SMTP allowed).
    public let isLoopback: Bool

    /// Checks the URL.
    /// - Throws: `SMTPError.invalidConfiguration` for another scheme, no host, or spaces/control characters.
    public init(url: String, username: String = "", password: String = "", timeout: Duration = .seconds(60))
        throws(SMTPError)
    {
        let lower = url.lowercased()
        guard lower.hasPrefix("smtp://") || lower.hasPrefix("smtps://") else {
            throw .invalidConfiguration("email.smtp_url must start with smtp:// or smtps://")
        }
        guard !url.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else {
            throw .invalidConfiguration("email.smtp_url contains spaces or control characters")
        }
        guard let host = Self.host(of: url), !host.isEmpty else {
            throw .invalidConfiguration("email.smtp_url has no host")
        }
        self.url = url
        self.username = username
        self.password = password
        self.timeout = timeout
        self.isLoopback = Self.isLoopback(host)
    }

    /// Sends `message` (a complete RFC 5322 message, CRLF line ends) from `sender` to `recipients` (envelope).
    /// - Throws: `SMTPError`; `isPermanent` tells whether a later retry can succeed.
    public func send(from sender: String, to recipients: [String], message: [UInt8]) throws(SMTPError) {
        for address in [sender] + recipients { try Self.validate(address) }
        guard !recipients.isEmpty else { throw .invalidAddress("no recipient") }
        let easy: CurlEasy<SMTPError> = try connection(connectTimeoutCap: 15_000)
        try easy.set(CURLOPT_MAIL_FROM, string: "<\(sender)>")
        try easy.set(CURLOPT_MAIL_RCPT, list: recipients.map { "<\($0)>" })

        let upload = SMTPUpload(message)
        try easy.set(CURLOPT_UPLOAD, 1)
        try easy.set(CURLOPT_INFILESIZE_LARGE, offset: Int64(upload.count))
        try easy.set(CURLOPT_READDATA, pointer: Unmanaged.passUnretained(upload).toOpaque())
        try easy.set(CURLOPT_READFUNCTION) { buffer, size, count, userData in
            guard let buffer, let userData else { return 0 }
            let upload = Unmanaged<SMTPUpload>.fromOpaque(userData).takeUnretainedValue()
            return upload.read(into: buffer, capacity: size * count)
        }
        let (code, detail) = withExtendedLifetime(upload) { easy.performDescribingFailure() }
        guard code != CURLE_OK else { return }
        let message = detail.isEmpty ? Curl.message(code) : detail
        let reply = easy.responseCode()
        if code != CURLE_LOGIN_DENIED && code != CURLE_USE_SSL_FAILED {
            if (500..<600).contains(reply) { throw .rejected(replyCode: reply, message: message) }
            if (400..<500).contains(reply) { throw .deferred(replyCode: reply, message: message) }
        }
        throw .transferFailed(curlCode: Int(code.rawValue), message: message)
    }

    /// A handle set up to reach the server as ``url`` says: TLS required except on loopback, `AUTH` when a user is
    /// set, the whole exchange within ``timeout`` and connecting within at most `connectTimeoutCap` milliseconds.
    func connection<Failure: CurlFailure>(connectTimeoutCap: Int) throws(Failure) -> CurlEasy<Failure> {
        let easy = try CurlEasy<Failure>()
        let milliseconds = max(1, Curl.milliseconds(timeout))
        try easy.set(CURLOPT_URL, string: url)
        try easy.set(CURLOPT_PROTOCOLS_STR, string: "smtp,smtps")
        try easy.set(CURLOPT_NOSIGNAL, 1)
        try easy.set(CURLOPT_TIMEOUT_MS, milliseconds)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, min(milliseconds, connectTimeoutCap))
        try easy.set(CURLOPT_USE_SSL, Int((isLoopback ? CURLUSESSL_TRY : CURLUSESSL_ALL).rawValue))
        if !username.isEmpty {
            try easy.set(CURLOPT_USERNAME, string: username)
            try easy.set(CURLOPT_PASSWORD, string: password)
        }
        return easy
    }

    /// An envelope address: not empty, has an `@`, no spaces, control characters, `<`, `>` or quotes.
    static func validate(_ address: String) throws(SMTPError) {
        guard !address.isEmpty, address.contains("@"), address.utf8.count <= 254,
              !address.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 })
        else { throw .invalidAddress("not a usable address") }
    }

    /// The host of an `smtp(s)://[user@]host[:port][/…]` URL, without brackets.
    static func host(of url: String) -> String? {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        var authority = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            return String(authority[authority.index(after: authority.startIndex)..<close])
        }
        return String(authority.prefix { $0 != ":" })
    }

    /// `localhost`, `127.x.y.z` or `::1`.
    static func isLoopback(_ host: String) -> Bool {
        let lower = host.lowercased()
        if lower == "localhost" || lower == "::1" { return true }
        let octets = lower.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
