/// Parses address-list header values (From, To, Cc, Reply-To): `"Name, Jr." <a@b>, c@d (Comment), Group: e@f;`.
enum MIMEAddressParser {
    /// The mailboxes in a raw (not yet RFC 2047-decoded) header value; group names are dropped, empty entries
    /// skipped.
    static func parse(_ raw: String) -> [MIMEAddress] {
        var result: [MIMEAddress] = []
        var current = String.UnicodeScalarView()
        var inQuote = false
        var inAngle = false
        var commentDepth = 0
        var escaped = false
        for scalar in raw.unicodeScalars {
            if escaped {
                current.append(scalar)
                escaped = false
                continue
            }
            switch scalar {
            case "\\" where inQuote || commentDepth > 0:
                current.append(scalar)
                escaped = true
            case "\"" where commentDepth == 0:
                inQuote.toggle()
                current.append(scalar)
            case "(" where !inQuote:
                commentDepth += 1
                current.append(scalar)
            case ")" where !inQuote && commentDepth > 0:
                commentDepth -= 1
                current.append(scalar)
            case "<" where !inQuote && commentDepth == 0:
                inAngle = true
                current.append(scalar)
            case ">" where !inQuote && commentDepth == 0:
                inAngle = false
                current.append(scalar)
            case ",", ";":
                if inQuote || inAngle || commentDepth > 0 {
                    current.append(scalar)
                } else {
                    if let address = mailbox(String(current)) { result.append(address) }
                    current = String.UnicodeScalarView()
                }
            case ":" where !inQuote && !inAngle && commentDepth == 0 && !String(current).contains("@"):
                current = String.UnicodeScalarView()  // a group name
            default:
                current.append(scalar)
            }
        }
        if let address = mailbox(String(current)) { result.append(address) }
        return result
    }

    /// One mailbox: `Name <addr>`, `"Quoted, Name" <addr>`, `addr (Name)` or a bare `addr`.
    static func mailbox(_ text: String) -> MIMEAddress? {
        let trimmed = text.mimeTrimmed()
        guard !trimmed.isEmpty else { return nil }
        if let open = trimmed.lastIndex(of: "<"), let close = trimmed[open...].firstIndex(of: ">") {
            var address = trimmed[trimmed.index(after: open)..<close].mimeTrimmed()
            // An obsolete source route: `<@relay1,@relay2:user@host>`.
            if address.hasPrefix("@"), let colon = address.firstIndex(of: ":") {
                address = String(address[address.index(after: colon)...])
            }
            let name = displayName(String(trimmed[..<open]))
            guard !address.isEmpty || name != nil else { return nil }
            return MIMEAddress(address: address, displayName: name)
        }
        var address = String.UnicodeScalarView()
        var comment = String.UnicodeScalarView()
        var depth = 0
        for scalar in trimmed.unicodeScalars {
            if scalar == "(" {
                depth += 1
                if depth == 1 { continue }
            } else if scalar == ")" && depth > 0 {
                depth -= 1
                if depth == 0 { continue }
            }
            if depth > 0 { comment.append(scalar) } else if scalar != " " && scalar != "\t" { address.append(scalar) }
        }
        let bare = String(address).replacingQuotes()
        guard !bare.isEmpty else { return nil }
        return MIMEAddress(address: bare, displayName: displayName(String(comment)))
    }

    private static func displayName(_ raw: String) -> String? {
        var name = raw.mimeTrimmed()
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast())
            var unescaped = String.UnicodeScalarView()
            var escaped = false
            for scalar in name.unicodeScalars {
                if scalar == "\\" && !escaped {
                    escaped = true
                    continue
                }
                escaped = false
                unescaped.append(scalar)
            }
            name = String(unescaped)
        }
        name = MIMEEncodedWords.decode(name).mimeTrimmed()
        if name.count >= 2, name.hasPrefix("'"), name.hasSuffix("'") { name = String(name.dropFirst().dropLast()) }
        return name.isEmpty ? nil : name
    }
}

private extension String {
    func replacingQuotes() -> String {
        String(unicodeScalars.filter { $0 != "\"" })
    }
}
