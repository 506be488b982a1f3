/// An incremental HTTP/1.x request parser: a pure state machine value type with no I/O.
///
/// Feed bytes in chunks of any size with ``append(_:)`` (even one byte at a time), then call ``next()`` until it
/// returns `nil` (more bytes are needed). Each request yields ``HTTPParserEvent/head(_:)`` as soon as its head is
/// complete, then ``HTTPParserEvent/request(_:)`` once its body has been read; pipelined requests come out in order.
///
/// The parser is strict, because it sits in front of the network: lines must end in CRLF (a bare CR or LF is an
/// error), obsolete line folding is refused, `Content-Length` and `Transfer-Encoding` together are refused, and
/// every size is bounded by ``HTTPLimits``. The body limit is asked for as soon as the head is parsed, so an
/// oversized `Content-Length` fails with 413 before any body byte is read. Errors are sticky: once `next()` has
/// thrown, it throws the same error again and further input is ignored. It never traps, whatever the input.
public struct HTTPRequestParser: Sendable {
    private enum State: Sendable {
        case requestLine
        case headers
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case failed(HTTPParseError)
    }

    private struct RequestLine: Sendable {
        var method: String
        var path: String
        var query: String?
        var version: HTTPVersion
    }

    /// The limits this parser enforces.
    public let limits: HTTPLimits

    private var state: State = .requestLine
    private var buffer: [UInt8] = []
    /// The first byte not yet consumed.
    private var readIndex = 0
    /// Bytes in `readIndex..<scanIndex` are known to contain no LF (saves rescanning on byte-wise input).
    private var scanIndex = 0

    // Per-request state, reset by `finishRequest()`.
    private var skippedLineBytes = 0
    private var requestLine: RequestLine?
    private var fields: [HTTPHeaders.Field] = []
    private var sectionBytes = 0
    private var head: HTTPRequestHead?
    private var bodyLimit = 0
    private var body: [UInt8] = []
    private var chunkOverhead = 0
    private var trailerFields: [HTTPHeaders.Field] = []

    /// Creates a parser enforcing `limits`.
    public init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    /// The number of received bytes not yet consumed.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// Whether the parser sits between requests with nothing buffered: no partial request is in progress.
    public var isIdle: Bool {
        if case .requestLine = state, readIndex == buffer.count, skippedLineBytes == 0 { return true }
        return false
    }

    /// The method and path of the request being parsed, once its request line has been read, until the request
    /// completes. After a failure it still describes the request that failed (if its request line was valid), so
    /// that the error can be logged against it.
    public var currentRequestLine: (method: String, path: String)? {
        requestLine.map { ($0.method, $0.path) }
    }

    /// The body bytes to come for the request whose head ``next()`` has just returned: its `Content-Length` (0 for
    /// none), or `nil` for a chunked body, whose size is not known in advance. Meaningless at other times.
    public var expectedBodyBytes: Int? {
        if case .fixedBody(let remaining) = state { return remaining }
        return nil
    }

    /// Whether the parser has failed (``next()`` throws).
    public var hasFailed: Bool {
        if case .failed = state { return true }
        return false
    }

    /// Appends received bytes. Ignored once the parser has failed.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if case .failed = state { return }
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Returns the next event, or `nil` when more bytes are needed.
    /// - Throws: the ``HTTPParseError`` that makes the input unacceptable (the same one on every later call).
    public mutating func next() throws(HTTPParseError) -> HTTPParserEvent? {
        if case .failed(let error) = state { throw error }
        do {
            return try step()
        } catch {
            state = .failed(error)
            buffer = []
            readIndex = 0
            scanIndex = 0
            throw error
        }
    }

    // MARK: - State machine

    private mutating func step() throws(HTTPParseError) -> HTTPParserEvent? {
        while true {
            switch state {
            case .failed(let error):
                throw error

            case .requestLine:
                let budget = limits.maxRequestLineBytes - skippedLineBytes
                guard let line = try nextLine(limit: budget, tooLong: .requestLineTooLong) else { return nil }
                if line.isEmpty {
                    // RFC 9112 §2.2: ignore empty lines before a request line (within the same budget).
                    skippedLineBytes += 2
                    continue
                }
                requestLine = try parseRequestLine(line)
                state = .headers

            case .headers:
                let budget = limits.maxHeaderBytes - sectionBytes
                guard let line = try nextLine(limit: budget, tooLong: .headersTooLarge) else { return nil }
                sectionBytes += line.count + 2
                if line.isEmpty {
                    return .head(try finishHead())
                }
                guard fields.count < limits.maxHeaderCount else { throw .tooManyHeaders }
                fields.append(try parseField(line))

            case .fixedBody(let remaining):
                let taken = takeBody(upTo: remaining)
                if taken < remaining {
                    state = .fixedBody(remaining: remaining - taken)
                    return nil
                }
                return .request(finishRequest())

            case .chunkSize:
                guard let line = try nextLine(limit: limits.maxChunkLineBytes, tooLong: .invalidChunkSize) else {
                    return nil
                }
                try addChunkOverhead(line.count + 2)
                let size = try parseChunkSize(line)
                if size == 0 {
                    sectionBytes = 0
                    state = .trailers
                } else {
                    state = .chunkData(remaining: size)
                }

            case .chunkData(let remaining):
                let taken = takeBody(upTo: remaining)
                if taken < remaining {
                    state = .chunkData(remaining: remaining - taken)
                    return nil
                }
                state = .chunkDataEnd

            case .chunkDataEnd:
                let available = buffer.count - readIndex
                if available >= 1, buffer[readIndex] != 0x0D { throw .invalidChunkTerminator }
                if available < 2 { return nil }
                guard buffer[readIndex + 1] == 0x0A else { throw .invalidChunkTerminator }
                readIndex += 2
                try addChunkOverhead(2)
                state = .chunkSize

            case .trailers:
                let budget = limits.maxHeaderBytes - sectionBytes
                guard let line = try nextLine(limit: budget, tooLong: .headersTooLarge) else { return nil }
                sectionBytes += line.count + 2
                if line.isEmpty {
                    return .request(finishRequest())
                }
                guard trailerFields.count < limits.maxHeaderCount else { throw .tooManyHeaders }
                trailerFields.append(try parseField(line))
            }
        }
    }

    /// Drops consumed bytes from the front of the buffer when that is cheap (amortised O(1) per byte).
    private mutating func compact() {
        guard readIndex > 0 else { return }
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 16)
        } else if readIndex >= 4096, readIndex * 2 >= buffer.count {
            buffer.removeSubrange(0..<readIndex)
        } else {
            return
        }
        scanIndex = max(0, scanIndex - readIndex)
        readIndex = 0
    }

    /// Finds the next CRLF-terminated line; returns its content (without CRLF) and consumes it, or `nil` when the
    /// line is not complete yet. `limit` bounds the line length including CRLF.
    private mutating func nextLine(limit: Int, tooLong: HTTPParseError) throws(HTTPParseError) -> ArraySlice<UInt8>? {
        let end = buffer.count
        var index = max(scanIndex, readIndex)
        while index < end {
            let byte = buffer[index]
            if byte == 0x0A {
                guard index > readIndex, buffer[index - 1] == 0x0D else { throw .invalidLineEnding }
                guard index + 1 - readIndex <= limit else { throw tooLong }
                let line = buffer[readIndex..<(index - 1)]
                readIndex = index + 1
                scanIndex = readIndex
                return line
            }
            if byte == 0x0D, index + 1 < end, buffer[index + 1] != 0x0A { throw .invalidLineEnding }
            index += 1
        }
        scanIndex = end
        // Everything from readIndex on is one unterminated line; fail as soon as it cannot fit.
        // A complete line would need at least one more byte (LF), so `limit` unterminated bytes cannot fit.
        if end - readIndex >= limit { throw tooLong }
        return nil
    }

    private mutating func takeBody(upTo remaining: Int) -> Int {
        let taken = min(remaining, buffer.count - readIndex)
        if taken > 0 {
            body.append(contentsOf: buffer[readIndex..<(readIndex + taken)])
            readIndex += taken
        }
        return taken
    }

    private mutating func addChunkOverhead(_ bytes: Int) throws(HTTPParseError) {
        chunkOverhead += bytes
        if chunkOverhead > limits.maxChunkedOverheadBytes { throw .chunkedOverheadTooLarge }
    }

    // MARK: - Request line

    private func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> RequestLine {
        guard let firstSpace = line.firstIndex(of: 0x20) else { throw .malformedRequestLine }
        let methodBytes = line[line.startIndex..<firstSpace]
        let rest = line[(firstSpace + 1)...]
        guard let secondSpace = rest.firstIndex(of: 0x20) else { throw .malformedRequestLine }
        let targetBytes = rest[rest.startIndex..<secondSpace]
        let versionBytes = rest[(secondSpace + 1)...]
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(Self.isTokenByte) else { throw .malformedRequestLine }
        let version = try parseVersion(versionBytes)
        guard !targetBytes.isEmpty else { throw .malformedRequestLine }
        let method = String(decoding: methodBytes, as: UTF8.self)
        let (path, query) = try parseTarget(targetBytes, method: method)
        return RequestLine(method: method, path: path, query: query, version: version)
    }

    private func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        let prefix: [UInt8] = Array("HTTP/".utf8)
        guard bytes.count == 8, bytes.prefix(5).elementsEqual(prefix) else { throw .malformedRequestLine }
        let major = bytes[bytes.startIndex + 5]
        let dot = bytes[bytes.startIndex + 6]
        let minor = bytes[bytes.startIndex + 7]
        guard Self.isDigit(major), dot == 0x2E, Self.isDigit(minor) else { throw .malformedRequestLine }
        let version = HTTPVersion(major: Int(major - 0x30), minor: Int(minor - 0x30))
        guard version == .http1_1 || version == .http1_0 else { throw .unsupportedVersion }
        return version
    }

    private func parseTarget(
        _ bytes: ArraySlice<UInt8>, method: String
    ) throws(HTTPParseError) -> (path: String, query: String?) {
        // Visible ASCII only; '#' (a fragment) never belongs in a request target.
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x23 }) else { throw .invalidRequestTarget }
        var target = bytes
        if target.first == 0x2F {
            // origin-form
        } else if target.elementsEqual([0x2A]) {
            guard method == "OPTIONS" else { throw .invalidRequestTarget }
            return ("*", nil)
        } else {
            // absolute-form: scheme "://" authority [path-abempty] ["?" query]
            let text = String(decoding: target, as: UTF8.self)
            let lower = text.lowercased()
            let schemeLength: Int
            if lower.hasPrefix("http://") {
                schemeLength = 7
            } else if lower.hasPrefix("https://") {
                schemeLength = 8
            } else {
                throw .invalidRequestTarget
            }
            let afterScheme = target.dropFirst(schemeLength)
            guard let authorityEnd = afterScheme.firstIndex(where: { $0 == 0x2F || $0 == 0x3F }) else {
                guard !afterScheme.isEmpty else { throw .invalidRequestTarget }
                return ("/", nil)
            }
            guard authorityEnd > afterScheme.startIndex else { throw .invalidRequestTarget }
            target = target[authorityEnd...]
        }
        if let mark = target.firstIndex(of: 0x3F) {
            var path = String(decoding: target[target.startIndex..<mark], as: UTF8.self)
            if path.isEmpty { path = "/" }
            return (path, String(decoding: target[(mark + 1)...], as: UTF8.self))
        }
        return (String(decoding: target, as: UTF8.self), nil)
    }

    // MARK: - Fields

    private func parseField(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPHeaders.Field {
        guard let first = line.first else { throw .invalidHeaderName }
        if first == 0x20 || first == 0x09 { throw .obsoleteLineFolding }
        guard let colon = line.firstIndex(of: 0x3A) else { throw .invalidHeaderName }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(Self.isTokenByte) else { throw .invalidHeaderName }
        var value = line[(colon + 1)...]
        while let byte = value.first, byte == 0x20 || byte == 0x09 { value.removeFirst() }
        while let byte = value.last, byte == 0x20 || byte == 0x09 { value.removeLast() }
        guard value.allSatisfy(Self.isFieldValueByte) else { throw .invalidHeaderValue }
        return (name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
    }

    private mutating func finishHead() throws(HTTPParseError) -> HTTPRequestHead {
        guard let line = requestLine else { throw .malformedRequestLine }
        let headers = HTTPHeaders(fields)
        let hosts = headers.values(for: "host").count
        if hosts > 1 || (line.version == .http1_1 && hosts == 0) { throw .invalidHost }

        let keepAlive: Bool
        if line.version == .http1_1 {
            keepAlive = !headers.hasToken("close", in: "connection")
        } else {
            keepAlive = headers.hasToken("keep-alive", in: "connection")
                && !headers.hasToken("close", in: "connection")
        }

        let transferEncodings = headers.values(for: "transfer-encoding")
        let contentLengths = headers.values(for: "content-length")
        let limit = max(0, limits.maxBodyBytes(line.method, line.path))
        bodyLimit = limit
        let chunked: Bool
        var length = 0
        if !transferEncodings.isEmpty {
            guard contentLengths.isEmpty else { throw .contentLengthWithTransferEncoding }
            guard line.version == .http1_1 else { throw .invalidTransferEncoding }
            let codings = transferEncodings.flatMap { $0.split(separator: ",") }.map { HTTPHeaders.trimmed($0) }
            if codings.contains(where: { !HTTPHeaders.namesEqual($0, "chunked") }) {
                guard codings.allSatisfy({ $0.utf8.allSatisfy(Self.isTokenByte) && !$0.isEmpty }) else {
                    throw .invalidTransferEncoding
                }
                throw .unsupportedTransferEncoding
            }
            guard codings.count == 1 else { throw .invalidTransferEncoding }
            chunked = true
        } else {
            chunked = false
            if !contentLengths.isEmpty {
                length = try Self.parseContentLength(contentLengths)
                guard length <= limit else { throw .bodyTooLarge(limit: limit) }
            }
        }

        let expectsContinue = line.version == .http1_1 && (chunked || length > 0)
            && headers.hasToken("100-continue", in: "expect")
        let head = HTTPRequestHead(
            method: line.method, path: line.path, query: line.query, version: line.version, headers: headers,
            keepAlive: keepAlive, expectsContinue: expectsContinue)
        self.head = head
        fields = []
        if chunked {
            state = .chunkSize
        } else {
            body.reserveCapacity(length)  // within the route's limit; pages are only touched as bytes arrive
            state = .fixedBody(remaining: length)
        }
        return head
    }

    /// Parses one or more `Content-Length` values (each possibly a comma list); all must be the same number.
    /// A number too large for `Int` becomes `Int.max`, which any body limit refuses with 413.
    private static func parseContentLength(_ values: [String]) throws(HTTPParseError) -> Int {
        var result: Int?
        for value in values {
            let parts = value.split(separator: ",", omittingEmptySubsequences: false)
            for part in parts {
                let digits = HTTPHeaders.trimmed(part).utf8
                guard !digits.isEmpty, digits.allSatisfy(isDigit) else { throw .invalidContentLength }
                var number = 0
                for digit in digits {
                    let (times10, overflow1) = number.multipliedReportingOverflow(by: 10)
                    let (sum, overflow2) = times10.addingReportingOverflow(Int(digit - 0x30))
                    if overflow1 || overflow2 {
                        number = Int.max
                        break
                    }
                    number = sum
                }
                if let result, result != number { throw .invalidContentLength }
                result = number
            }
        }
        guard let result else { throw .invalidContentLength }
        return result
    }

    // MARK: - Chunks

    private func parseChunkSize(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        var size = 0
        var index = line.startIndex
        while index < line.endIndex, let digit = Self.hexValue(line[index]) {
            let (shifted, overflow) = size.multipliedReportingOverflow(by: 16)
            guard !overflow, shifted <= Int.max - digit else { throw .bodyTooLarge(limit: bodyLimit) }
            size = shifted + digit
            index += 1
        }
        guard index > line.startIndex else { throw .invalidChunkSize }
        let rest = line[index...]
        // Optional whitespace, then nothing or ";" extensions (not interpreted, but no control characters).
        let afterSpace = rest.drop { $0 == 0x20 || $0 == 0x09 }
        if let first = afterSpace.first {
            guard first == 0x3B, afterSpace.allSatisfy(Self.isFieldValueByte) else { throw .invalidChunkSize }
        }
        guard size <= bodyLimit - body.count else { throw .bodyTooLarge(limit: bodyLimit) }
        return size
    }

    private mutating func finishRequest() -> HTTPRequest {
        let request = HTTPRequest(
            head: head ?? HTTPRequestHead(method: "", path: ""), body: body, trailers: HTTPHeaders(trailerFields))
        state = .requestLine
        skippedLineBytes = 0
        requestLine = nil
        fields = []
        sectionBytes = 0
        head = nil
        bodyLimit = 0
        body = []
        chunkOverhead = 0
        trailerFields = []
        return request
    }

    // MARK: - Character classes

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }

    /// tchar (RFC 9110 §5.6.2).
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default: false
        }
    }

    /// field-vchar, SP or HTAB (RFC 9110 §5.5): no NUL, CR, LF, DEL or other controls.
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
    }
}
