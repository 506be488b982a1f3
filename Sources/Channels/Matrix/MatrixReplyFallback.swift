/// Reply fallbacks: a reply (`m.relates_to.m.in_reply_to`) may quote the message it answers — in `body` as leading
/// `> ` lines and a blank line, in `formatted_body` as an `<mx-reply>` block. The quote is not what the person said.
public enum MatrixReplyFallback {
    /// `body` without its leading quote.
    public static func strippingBody(_ body: String) -> String {
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard lines.first?.hasPrefix(">") == true else { return body }
        while let line = lines.first, line.hasPrefix(">") { lines = lines.dropFirst() }
        if lines.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines = lines.dropFirst() }
        return lines.joined(separator: "\n")
    }

    /// `formatted_body` without its `<mx-reply>…</mx-reply>` block.
    public static func strippingHTML(_ html: String) -> String {
        guard let start = html.range(of: "<mx-reply>", options: .caseInsensitive),
              let end = html.range(
                  of: "</mx-reply>", options: .caseInsensitive, range: start.upperBound..<html.endIndex)
        else { return html }
        return String(html[..<start.lowerBound] + html[end.upperBound...])
    }
}
