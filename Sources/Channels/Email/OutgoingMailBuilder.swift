import Crypto

/// Turns an `OutgoingMail` into the bytes of an RFC 5322 message with MIME (RFC 2045–2049): UTF-8 text as
/// quoted-printable, `multipart/alternative` when there is HTML, `multipart/mixed` with base64 files when there
/// are attachments. Header values never carry a line break of their own (see `OutgoingMailHeaderEncoder`), so
/// no field can inject another. Lines end with CRLF; the SMTP client does the dot-stuffing.
public enum OutgoingMailBuilder {
    /// The message bytes.
    public static func render(_ mail: OutgoingMail) -> [UInt8] {
        var lines: [String] = []
        func header(_ name: String, _ value: String) { lines.append("\(name): \(value)") }
        header("From", OutgoingMailHeaderEncoder.mailbox(mail.from))
        header("To", mail.to.map(OutgoingMailHeaderEncoder.mailbox).joined(separator: ",\r\n "))
        if let replyTo = mail.replyTo { header("Reply-To", OutgoingMailHeaderEncoder.mailbox(replyTo)) }
        header("Subject", OutgoingMailHeaderEncoder.text(mail.subject, nameLength: "Subject: ".count))
        header("Date", OutgoingMailDate.format(mail.date))
        header("Message-ID", OutgoingMailHeaderEncoder.messageID(mail.messageID))
        if let parent = mail.inReplyTo { header("In-Reply-To", OutgoingMailHeaderEncoder.messageID(parent)) }
        if !mail.references.isEmpty {
            header("References", mail.references.map(OutgoingMailHeaderEncoder.messageID).joined(separator: "\r\n "))
        }
        header("Auto-Submitted", mail.autoSubmitted.rawValue)
        // Outlook and Exchange: send no out-of-office or other automatic answers to this message.
        header("X-Auto-Response-Suppress", "All")
        header("MIME-Version", "1.0")

        let seed = SHA256.hex(Array(mail.messageID.utf8)).prefix(24)
        let body = bodyPart(mail, boundary: "=_tandem_alt_\(seed)")
        if mail.attachments.isEmpty {
            lines += body
        } else {
            let boundary = "=_tandem_mixed_\(seed)"
            header("Content-Type", "multipart/mixed;\r\n boundary=\"\(boundary)\"")
            lines.append("")
            lines.append("This is a multi-part message in MIME format.")
            lines.append("--\(boundary)")
            lines += body
            for attachment in mail.attachments {
                lines.append("--\(boundary)")
                lines += attachmentPart(attachment)
            }
            lines.append("--\(boundary)--")
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// The text (and HTML) as header lines, a blank line and the body, ready to follow a header block.
    private static func bodyPart(_ mail: OutgoingMail, boundary: String) -> [String] {
        let text = textPart("plain", mail.text)
        guard let html = mail.html else { return text }
        return ["Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"", "", "--\(boundary)"]
            + text + ["--\(boundary)"] + textPart("html", html) + ["--\(boundary)--"]
    }

    private static func textPart(_ subtype: String, _ text: String) -> [String] {
        var encoded = OutgoingMailQuotedPrintable.encode(text)
        if encoded.hasSuffix("\r\n") { encoded.removeLast() }  // one Character; joining the lines adds it back
        return [
            "Content-Type: text/\(subtype); charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "", encoded,
        ]
    }

    private static func attachmentPart(_ attachment: OutgoingMailAttachment) -> [String] {
        let name = OutgoingMailHeaderEncoder.sanitized(attachment.filename)
        let mediaType = OutgoingMailHeaderEncoder.sanitized(attachment.mediaType)
        let parameter: String
        if name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            let quoted = name.replacing("\\", with: "").replacing("\"", with: "'")
            parameter = "filename=\"\(quoted)\""
        } else {
            parameter = "filename*=utf-8''" + percentEncoded(name)
        }
        var encoded = OutgoingMailBase64.lines(attachment.bytes)
        if encoded.hasSuffix("\r\n") { encoded.removeLast() }  // one Character; joining the lines adds it back
        return [
            "Content-Type: \(mediaType.isEmpty ? "application/octet-stream" : mediaType)",
            "Content-Disposition: attachment;\r\n \(parameter)",
            "Content-Transfer-Encoding: base64", "", encoded,
        ]
    }

    /// RFC 2231 value characters: letters, digits and `!#$&+-.^_`|~` as is, everything else `%XX`.
    private static func percentEncoded(_ text: String) -> String {
        PercentEncoding.encode(text) { PercentEncoding.isAlphanumeric($0) || "!#$&+-.^_`|~".utf8.contains($0) }
    }
}
