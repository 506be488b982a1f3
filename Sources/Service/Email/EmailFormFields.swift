import Channels

/// The fields of an HTML form post (`application/x-www-form-urlencoded` or `multipart/form-data`), as bytes: a
/// Mailgun route posts the raw message in `body-mime` and its signature in `timestamp`, `token`, `signature`.
enum EmailFormFields {
    /// The fields of `body` sent with `contentType` (the first value of each name), or nil when the type is not
    /// a form or the body cannot be read as one.
    static func parse(_ body: [UInt8], contentType: String) -> [String: [UInt8]]? {
        guard isForm(contentType) else { return nil }
        if contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") { return urlEncoded(body) }
        // The MIME parser reads a form like a multipart message: one header line, a blank line, the parts.
        let message = Array("Content-Type: \(contentType)\r\n\r\n".utf8) + body
        let limits = MIMELimits(maxTotalBytes: message.count, maxDepth: 2, maxParts: 200)
        guard let parsed = try? MIMEParser.parse(message, limits: limits), parsed.root.isMultipart else { return nil }
        var fields: [String: [UInt8]] = [:]
        for part in parsed.root.children {
            guard let name = part.dispositionParameters["name"], fields[name] == nil else { continue }
            fields[name] = part.body
        }
        return fields
    }

    /// Whether `contentType` is one of the two form types (checked from the request head, before the body is read).
    static func isForm(_ contentType: String) -> Bool {
        let type = contentType.lowercased()
        return type.hasPrefix("application/x-www-form-urlencoded") || type.hasPrefix("multipart/form-data")
    }

    /// `a=1&b=x+y%21`: `+` is a space, `%XX` a byte.
    static func urlEncoded(_ body: [UInt8]) -> [String: [UInt8]] {
        var fields: [String: [UInt8]] = [:]
        for pair in body.split(separator: UInt8(ascii: "&")) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(decoding: decode(parts[0]), as: UTF8.self)
            guard fields[name] == nil else { continue }
            fields[name] = parts.count > 1 ? decode(parts[1]) : []
        }
        return fields
    }

    private static func decode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                output.append(0x20)
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
                      let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                output.append(high << 4 | low)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
