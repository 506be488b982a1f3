extension MIMEMessage {
    /// Whether this is a report that a message could not be delivered, for good: a delivery status notification
    /// (RFC 3464, `message/delivery-status`) with `Action: failed` or a `5.x.x` status for any recipient, or — without
    /// such a part — a mail from MAILER-DAEMON or postmaster that is not a read receipt. Delays (`Action: delayed`,
    /// `4.x.x`) and out-of-office replies are not failures.
    public var isDeliveryFailure: Bool {
        let reports = Self.parts(of: root, depth: 0).filter {
            ["message/delivery-status", "message/global-delivery-status"].contains($0.contentType.mediaType)
        }
        guard reports.isEmpty else {
            return reports.contains { part in
                String(decoding: part.body, as: UTF8.self).split(whereSeparator: \.isNewline).contains { line in
                    let field = line.lowercased().filter { $0 != " " && $0 != "\t" }
                    return field == "action:failed" || field.hasPrefix("status:5.")
                }
            }
        }
        let local = from?.address.lowercased().split(separator: "@").first.map(String.init) ?? ""
        let isReceipt = headers.rawValue(for: "content-type").flatMap(MIMEContentType.init(parsing:))?
            .parameters["report-type"]?.lowercased() == "disposition-notification"
        return ["mailer-daemon", "postmaster"].contains(local) && !isReceipt
    }

    /// Every leaf part, depth first (attached messages included), at most 64 levels deep.
    private static func parts(of part: MIMEPart, depth: Int) -> [MIMEPart] {
        guard depth <= 64 else { return [] }
        guard !part.children.isEmpty else { return [part] }
        return part.children.flatMap { parts(of: $0, depth: depth + 1) }
    }
}
