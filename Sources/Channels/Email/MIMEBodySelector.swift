/// Chooses the readable text of a message and collects its attachments.
enum MIMEBodySelector {
    /// Media types of leaf parts that are neither body text nor files a person attached.
    private static let structuralTypes: Set<String> = [
        "application/pgp-signature", "application/pkcs7-signature", "application/x-pkcs7-signature",
        "application/pgp-encrypted", "message/delivery-status", "message/global-delivery-status",
        "message/disposition-notification", "message/feedback-report", "text/rfc822-headers",
        "message/global-headers",
    ]

    /// The best text of the message (see `MIMEMessage.textBody`).
    static func text(of root: MIMEPart) -> String {
        (bodyText(root, depth: 0) ?? "").mimeTrimmed()
    }

    private static func bodyText(_ part: MIMEPart, depth: Int) -> String? {
        guard depth <= 64 else { return nil }
        guard part.isMultipart else {
            guard !isAttachmentLike(part) else { return nil }
            switch part.contentType.mediaType {
            case "text/plain": return plainText(part)
            case "text/html": return part.text.map(HTMLToText.plainText)
            default: return nil
            }
        }
        let children = part.children
        switch part.contentType.subtype {
        case "alternative":
            for child in children where child.contentType.mediaType == "text/plain" && !isAttachmentLike(child) {
                if let text = plainText(child), !text.mimeTrimmed().isEmpty { return text }
            }
            for child in children.reversed() {
                if let text = bodyText(child, depth: depth + 1), !text.mimeTrimmed().isEmpty { return text }
            }
            return nil
        case "related":
            let start = part.contentType.parameters["start"].flatMap { MIMEMessageIDs.parse($0).first }
            let root = children.first { start != nil && $0.contentID == start } ?? children.first
            return root.flatMap { bodyText($0, depth: depth + 1) }
        case "signed", "encrypted", "report":
            return children.first.flatMap { bodyText($0, depth: depth + 1) }
        default:
            let texts = children.compactMap { bodyText($0, depth: depth + 1) }.filter { !$0.mimeTrimmed().isEmpty }
            return texts.isEmpty ? nil : texts.map { $0.mimeTrimmed() }.joined(separator: "\n\n")
        }
    }

    /// A text/plain part's text with `\n` line ends, format=flowed (RFC 3676) lines rejoined.
    static func plainText(_ part: MIMEPart) -> String? {
        guard var text = part.text else { return nil }
        text = text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
        guard part.contentType.parameters["format"]?.lowercased() == "flowed" else { return text }
        return MIMEFlowed.unflowed(text, deleteSpace: part.contentType.parameters["delsp"]?.lowercased() == "yes")
    }

    /// Every attached file, walking the tree in order.
    static func attachments(of root: MIMEPart) -> [MIMEAttachment] {
        var result: [MIMEAttachment] = []
        collect(root, into: &result, depth: 0)
        return result
    }

    private static func collect(_ part: MIMEPart, into result: inout [MIMEAttachment], depth: Int) {
        guard depth <= 64 else { return }
        if part.isMultipart {
            for child in part.children { collect(child, into: &result, depth: depth + 1) }
            return
        }
        let declared = part.contentType.mediaType
        if declared == "message/rfc822" || declared == "message/global" {
            let subject = part.children.first?.headers["subject"]
            let name = part.declaredFilename ?? subject.map { $0 + ".eml" }
            result.append(attachment(part, name: name, detected: "message/rfc822"))
            return
        }
        let explicit = isAttachmentLike(part)
        if !explicit {
            if part.contentType.type == "text" || structuralTypes.contains(declared) { return }
            if part.body.isEmpty { return }
        }
        let detected = MIMEMediaSniffer.mediaType(of: part.body)
        result.append(attachment(part, name: part.declaredFilename, detected: detected))
    }

    private static func attachment(_ part: MIMEPart, name: String?, detected: String) -> MIMEAttachment {
        let declared = part.contentType.mediaType
        let typeForName = detected == "application/octet-stream" ? declared : detected
        return MIMEAttachment(
            filename: MIMEFilename.sanitise(name, mediaType: typeForName), declaredMediaType: declared,
            detectedMediaType: detected,
            isInline: part.disposition == "inline" || (part.disposition == nil && part.contentID != nil),
            contentID: part.contentID, bytes: part.body)
    }

    /// A leaf the sender marked as a file: `Content-Disposition: attachment`, or any file name.
    private static func isAttachmentLike(_ part: MIMEPart) -> Bool {
        part.disposition == "attachment" || part.declaredFilename != nil
    }
}
