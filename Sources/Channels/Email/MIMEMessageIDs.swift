/// Reads message identifiers from `Message-ID`, `In-Reply-To`, `References` and `Content-ID` values.
enum MIMEMessageIDs {
    /// The ids in order, without angle brackets. Values without brackets are split on whitespace; comments and
    /// the odd phrase some old mailers put in In-Reply-To are skipped.
    static func parse(_ value: String) -> [String] {
        var ids: [String] = []
        var remainder = Substring(value)
        var sawBracket = false
        while let open = remainder.firstIndex(of: "<") {
            sawBracket = true
            guard let close = remainder[open...].firstIndex(of: ">") else { break }
            let id = remainder[remainder.index(after: open)..<close].mimeTrimmed()
            if !id.isEmpty { ids.append(id) }
            remainder = remainder[remainder.index(after: close)...]
        }
        if !sawBracket {
            ids = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
                .map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("(") }
        }
        return ids
    }
}
