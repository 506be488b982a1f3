/// Tandem's own parser for Internet mail (RFC 5322 with MIME, RFC 2045–2049, 2047, 2231).
///
/// Pure code over bytes: no I/O, no Foundation. It is lenient about what real mail gets wrong (bare LF line ends,
/// blank lines before the headers, missing final boundaries, garbage in base64, lowercase quoted-printable,
/// mislabelled charsets) and strict about resources: everything is bounded by `MIMELimits`, and going over a
/// limit is a `MIMEError`, never a crash.
public enum MIMEParser {
    /// Parses a raw message.
    ///
    /// - Throws: `MIMEError` when the input is empty or goes over one of `limits`.
    public static func parse(_ bytes: [UInt8], limits: MIMELimits = .init()) throws(MIMEError) -> MIMEMessage {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= limits.maxTotalBytes else {
            throw .tooLarge(size: bytes.count, limit: limits.maxTotalBytes)
        }
        var context = MIMEParseContext(limits: limits)
        // Blank lines, spaces or a byte-order mark before the header block (left by some scripts, gateways and
        // editors) would otherwise turn every header into body text; a whole message never starts with its body.
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, [0x0A, 0x0D, 0x20, 0x09].contains(bytes[start]) { start += 1 }
        if start > 0 { context.warn("blank lines, spaces or a byte-order mark before the header block skipped") }
        let root = try parsePart(bytes, start..<bytes.count, depth: 0, defaultType: .textPlain, context: &context)
        return MIMEMessage(root: root, warnings: context.warnings)
    }

    // MARK: - Parts

    static func parsePart(
        _ bytes: [UInt8], _ range: Range<Int>, depth: Int, defaultType: MIMEContentType,
        context: inout MIMEParseContext
    ) throws(MIMEError) -> MIMEPart {
        let (headers, bodyStart) = try parseHeaders(bytes, range, limits: context.limits, context: &context)
        var contentType = defaultType
        if let raw = headers.rawValue(for: "content-type") {
            if let parsed = MIMEContentType(parsing: raw) {
                contentType = parsed
            } else {
                context.warn("unreadable Content-Type '\(raw.prefix(60))' read as \(defaultType.mediaType)")
            }
        }
        let (disposition, dispositionParameters) = headers.rawValue(for: "content-disposition")
            .map { MIMEParameterParser.parse($0) } ?? ("", [:])
        let encoding = headers.rawValue(for: "content-transfer-encoding")
            .map { MIMEParameterParser.parse($0).token } ?? "7bit"
        let bodyRange = bodyStart..<range.upperBound

        func make(_ type: MIMEContentType, body: [UInt8], children: [MIMEPart]) -> MIMEPart {
            MIMEPart(
                headers: headers, contentType: type, disposition: disposition.isEmpty ? nil : disposition,
                dispositionParameters: dispositionParameters, transferEncoding: encoding, body: body,
                children: children)
        }

        if contentType.type == "multipart" {
            guard let boundary = contentType.parameters["boundary"], !boundary.isEmpty,
                  boundary.utf8.count <= 200 else {
                context.warn("multipart without a boundary read as text/plain")
                return make(.textPlain, body: Array(bytes[bodyRange]), children: [])
            }
            guard depth < context.limits.maxDepth else { throw .tooDeep(limit: context.limits.maxDepth) }
            let ranges = try splitMultipart(bytes, bodyRange, boundary: Array(boundary.utf8), context: &context)
            guard !ranges.isEmpty else {
                context.warn("multipart/\(contentType.subtype) without any boundary line read as text/plain")
                return make(.textPlain, body: Array(bytes[bodyRange]), children: [])
            }
            let childDefault = contentType.subtype == "digest"
                ? MIMEContentType(type: "message", subtype: "rfc822") : MIMEContentType.textPlain
            var children: [MIMEPart] = []
            children.reserveCapacity(ranges.count)
            for childRange in ranges {
                children.append(
                    try parsePart(bytes, childRange, depth: depth + 1, defaultType: childDefault, context: &context))
            }
            return make(contentType, body: [], children: children)
        }

        let body = MIMETransferDecoder.decode(bytes[bodyRange], encoding: encoding)
        if !["7bit", "8bit", "binary", "base64", "quoted-printable"].contains(encoding) {
            context.warn("unknown Content-Transfer-Encoding '\(encoding.prefix(40))' left as is")
        }
        if contentType.type == "text", let label = contentType.parameters["charset"],
           MIMECharset(label: label) == nil {
            context.warn("unknown charset '\(label.prefix(40))' decoded as UTF-8 (windows-1252 if not valid UTF-8)")
        }
        if contentType.mediaType == "message/rfc822" || contentType.mediaType == "message/global", !body.isEmpty {
            guard depth < context.limits.maxDepth else { throw .tooDeep(limit: context.limits.maxDepth) }
            try context.countPart()
            let inner = try parsePart(
                body, 0..<body.count, depth: depth + 1, defaultType: .textPlain, context: &context)
            return make(contentType, body: body, children: [inner])
        }
        return make(contentType, body: body, children: [])
    }

    // MARK: - Headers

    /// Reads the header block at the start of `range`: the fields and where the body starts. A blank line ends
    /// the block; so does a line that is neither a field nor a continuation (the body then starts there).
    static func parseHeaders(
        _ bytes: [UInt8], _ range: Range<Int>, limits: MIMELimits, context: inout MIMEParseContext
    ) throws(MIMEError) -> (MIMEHeaders, Int) {
        var raw: [(name: String, value: [UInt8])] = []
        var index = range.lowerBound
        var bodyStart = range.upperBound
        while index < range.upperBound {
            let (contentEnd, next) = lineBounds(bytes, from: index, upTo: range.upperBound)
            let tooLong = contentEnd - index > limits.maxHeaderLineLength
            if contentEnd == index {
                bodyStart = next
                break
            }
            let first = bytes[index]
            if (first == 0x20 || first == 0x09) && raw.isEmpty {
                bodyStart = index
                break
            }
            if first == 0x20 || first == 0x09 {
                if tooLong { throw .headerLineTooLong(limit: limits.maxHeaderLineLength) }
                raw[raw.count - 1].value += bytes[index..<contentEnd]
                index = next
                continue
            }
            guard let colon = fieldNameEnd(bytes, index..<contentEnd) else {
                if index == range.lowerBound, bytes[index..<contentEnd].starts(with: Array("From ".utf8)) {
                    index = next  // an mbox separator line
                    continue
                }
                if index != range.lowerBound { context.warn("header block ended without a blank line") }
                bodyStart = index
                break
            }
            if tooLong { throw .headerLineTooLong(limit: limits.maxHeaderLineLength) }
            guard raw.count < limits.maxHeaderCount else { throw .tooManyHeaders(limit: limits.maxHeaderCount) }
            var nameEnd = colon
            while nameEnd > index, bytes[nameEnd - 1] == 0x20 || bytes[nameEnd - 1] == 0x09 { nameEnd -= 1 }
            let name = String(decoding: bytes[index..<nameEnd], as: UTF8.self)
            raw.append((name, Array(bytes[(colon + 1)..<contentEnd])))
            index = next
        }
        // Raw 8-bit header text that is not UTF-8 is read in the charset the part declares, else the likeliest
        // Windows charset.
        var fallback: MIMECharset?
        if let type = raw.first(where: { $0.name.lowercased() == "content-type" }),
           let label = MIMEParameterParser.parse(String(decoding: type.value, as: UTF8.self)).parameters["charset"],
           let charset = MIMECharset(label: label), charset != .utf8, charset != .usASCII {
            fallback = charset
        }
        let fields = raw.map { field in
            MIMEHeaderField(
                name: field.name,
                rawValue: MIMECharset.decodeGuessing(field.value, fallback: fallback).mimeTrimmed())
        }
        return (MIMEHeaders(fields), bodyStart)
    }

    /// The index of the colon ending a field name at the start of the line, or nil when the line is no field.
    private static func fieldNameEnd(_ bytes: [UInt8], _ line: Range<Int>) -> Int? {
        var index = line.lowerBound
        while index < line.upperBound {
            let byte = bytes[index]
            if byte == 0x3A { break }
            guard byte > 0x20, byte < 0x7F else {
                // Allow `Name : value` (obsolete syntax): only whitespace may follow the name.
                var look = index
                while look < line.upperBound, bytes[look] == 0x20 || bytes[look] == 0x09 { look += 1 }
                guard byte == 0x20 || byte == 0x09, look < line.upperBound, bytes[look] == 0x3A else { return nil }
                return index == line.lowerBound ? nil : look
            }
            index += 1
        }
        guard index < line.upperBound, index > line.lowerBound else { return nil }
        return index
    }

    /// The end of the line's content (before CRLF or LF) and the start of the next line.
    static func lineBounds(_ bytes: [UInt8], from start: Int, upTo end: Int) -> (contentEnd: Int, next: Int) {
        var index = start
        while index < end, bytes[index] != 0x0A { index += 1 }
        guard index < end else { return (end, end) }
        let contentEnd = index > start && bytes[index - 1] == 0x0D ? index - 1 : index
        return (contentEnd, index + 1)
    }

    // MARK: - Multipart

    /// The byte ranges of a multipart body's parts (preamble and epilogue dropped). A delimiter line is `--`
    /// boundary, optionally `--`, then only whitespace; a missing close delimiter ends the last part at the end.
    static func splitMultipart(
        _ bytes: [UInt8], _ range: Range<Int>, boundary: [UInt8], context: inout MIMEParseContext
    ) throws(MIMEError) -> [Range<Int>] {
        let delimiter: [UInt8] = [0x2D, 0x2D] + boundary
        var parts: [Range<Int>] = []
        var partStart: Int?
        var closed = false
        var index = range.lowerBound
        while index < range.upperBound {
            let (contentEnd, next) = lineBounds(bytes, from: index, upTo: range.upperBound)
            if contentEnd - index >= delimiter.count, bytes[index] == 0x2D,
               bytes[index..<(index + delimiter.count)].elementsEqual(delimiter) {
                var rest = index + delimiter.count
                let isClose = rest + 2 <= contentEnd && bytes[rest] == 0x2D && bytes[rest + 1] == 0x2D
                if isClose { rest += 2 }
                if bytes[rest..<contentEnd].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    if let start = partStart {
                        try context.countPart()
                        parts.append(start..<max(start, lineStart(bytes, before: index)))
                    }
                    if isClose {
                        closed = true
                        partStart = nil
                        break
                    }
                    partStart = next
                }
            }
            index = next
        }
        if let start = partStart, !closed {
            context.warn("multipart without its final boundary")
            try context.countPart()
            parts.append(start..<range.upperBound)
        }
        return parts
    }

    /// Where the line break before a delimiter line starts: the delimiter's leading CRLF belongs to it.
    private static func lineStart(_ bytes: [UInt8], before index: Int) -> Int {
        guard index > 0, bytes[index - 1] == 0x0A else { return index }
        return index >= 2 && bytes[index - 2] == 0x0D ? index - 2 : index - 1
    }
}
