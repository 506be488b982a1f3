/// Finds what a person newly wrote in an email reply, without the quoted history and the signature.
///
/// Understands English, Bulgarian and Turkish mail clients (Gmail, Outlook, Apple Mail, Thunderbird, phones).
public enum ReplyText {
    /// The new text of a reply: the first block of text that is not quoted history, trimmed.
    ///
    /// Cut at, and not kept: `>` quoted lines (when text came before them); an attribution line, which may wrap over
    /// up to three lines ("On … wrote:", Bulgarian "… написа:" / "… написа следното:" / "… пише:", Turkish
    /// "… yazdı:" / "… şunu yazdı:" / "… şunları yazdı:", and a few other languages); Outlook's
    /// `-----Original Message-----` and other `-----…-----` separators, `________` rules and header blocks
    /// (`From:`/`От:`/`Kimden:` followed by `Sent:`/`Date:`/`Изпратено:`/`Дата:`/`Gönderildi:`/`Tarih:`);
    /// "Begin forwarded message:"; the signature separator `-- ` and everything after it; phone signatures
    /// ("Sent from my iPhone", "Изпратено от моя iPhone", "iPhone'umdan gönderildi", "Get Outlook for iOS").
    /// When the quote comes first (bottom-posting), the text after it is the new text.
    public static func newText(of body: String) -> String {
        let lines = body.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var kept: [String] = []
        var collected = false
        var index = 0
        scan: while index < lines.count {
            let line = lines[index]
            let trimmed = line.mimeTrimmed()
            if trimmed.hasPrefix(">") {
                if collected { break scan }
                index += 1
                continue
            }
            if line == "-- " || trimmed == "--" || isPhoneSignature(trimmed) || isSeparator(trimmed)
                || isHeaderBlock(lines, at: index) {
                break scan
            }
            if let span = attributionSpan(lines, at: index) {
                if collected { break scan }
                index += span
                continue
            }
            kept.append(line)
            if !trimmed.isEmpty { collected = true }
            index += 1
        }
        return kept.joined(separator: "\n").mimeTrimmed()
    }

    // MARK: - Attribution lines

    /// Endings that mark an attribution line in any case.
    private static let distinctiveEndings = [
        "написа:", "написа следното:", "пише:", "написал:", "написала:", "написал(а):", "yazdı:", "yazdi:",
        "schrieb:", "a écrit :", "a écrit:", "escribió:", "ha scritto:", "skrev:", "napisał(a):", "napisał:",
        "schreef:", "escreveu:", "kirjoitti:", "napsal:", "napsala:", "írta:", "a scris:",
    ]

    /// The number of lines (1–3) of an attribution starting at `index`, or nil.
    ///
    /// An attribution is known by its shape, not by where it stands: one to three lines that end in "wrote:" (or
    /// its translation) and hold a date or a time and a name or an address — or, without a date, are followed by
    /// quoted lines. A line right above a complete attribution that adds nothing of one (no date, address or
    /// "On …") is the writer's own answer, kept even without a blank line between (Apple Mail, Android, Russian
    /// clients put "… wrote:" directly under the reply).
    static func attributionSpan(_ lines: [String], at index: Int) -> Int? {
        guard let found = shape(lines, at: index) else { return nil }
        if found.span > 1, let later = shape(lines, at: index + 1), later.span == found.span - 1,
           later.complete || !hasAttributionFeature(lines[index].mimeTrimmed()) {
            return nil
        }
        return found.span
    }

    /// The attribution that starts at `index`, if any: its number of lines, and whether it holds a date or time and
    /// a name or address by itself (`complete`) rather than being known only by the quote under it.
    private static func shape(_ lines: [String], at index: Int) -> (span: Int, complete: Bool)? {
        var joined = ""
        for span in 1...3 where index + span <= lines.count {
            let next = lines[index + span - 1].mimeTrimmed()
            if next.isEmpty || next.hasPrefix(">") { return nil }
            joined = (joined + " " + next).mimeTrimmed()
            guard joined.count <= 400 else { return nil }
            let lower = joined.lowercased()
            let wrote = lower.hasSuffix("wrote:") || lower.hasSuffix("wrote :")
            guard wrote || distinctiveEndings.contains(where: { lower.hasSuffix($0) }) else { continue }
            let complete = hasDateOrTime(lower) && hasNameOrAddress(lower)
            let followedByQuote = lines[(index + span)...].first { !$0.mimeTrimmed().isEmpty }?
                .mimeTrimmed().hasPrefix(">") ?? false
            return complete || followedByQuote ? (span, complete) : nil
        }
        return nil
    }

    private static let attributionStarts = ["on ", "на ", "le ", "am ", "el ", "il ", "op ", "w dniu ", "den "]

    /// Whether a line carries something of an attribution: a date or time, an address, or an "On …" start.
    private static func hasAttributionFeature(_ line: String) -> Bool {
        let lower = line.lowercased()
        return hasDateOrTime(lower) || lower.contains("@") || lower.contains("<")
            || attributionStarts.contains { lower.hasPrefix($0) }
    }

    /// A name or an address besides the date and the "wrote:": an `@`, or a word of two letters or more.
    private static func hasNameOrAddress(_ lower: String) -> Bool {
        lower.contains("@") || lower.split(whereSeparator: { !$0.isLetter }).contains { $0.count >= 2 }
    }

    /// A time (`13:31`), a year (`2026`) or a numeric date (`4.12.2026`, `04/12/26`).
    static func hasDateOrTime(_ text: String) -> Bool {
        var runs: [(digits: Substring, after: Character?)] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index].isASCII, text[index].isNumber else {
                index = text.index(after: index)
                continue
            }
            let start = index
            while index < text.endIndex, text[index].isASCII, text[index].isNumber { index = text.index(after: index) }
            runs.append((text[start..<index], index < text.endIndex ? text[index] : nil))
        }
        for (position, run) in runs.enumerated() {
            if run.digits.count == 4, run.digits.hasPrefix("19") || run.digits.hasPrefix("20") { return true }
            guard position + 1 < runs.count, run.digits.count <= 2 else { continue }
            let next = runs[position + 1]
            if run.after == ":", next.digits.count == 2 { return true }
            if let separator = run.after, "./-".contains(separator), next.digits.count <= 2, next.after == separator,
               position + 2 < runs.count, (2...4).contains(runs[position + 2].digits.count) {
                return true
            }
        }
        return false
    }

    // MARK: - Separators and header blocks

    private static let separatorPhrases = [
        "begin forwarded message:", "начало на препратеното съобщение:", "iletilen ileti başlangıcı:",
        "начало на пренасоченото съобщение:",
    ]

    /// `-----Original Message-----`, `---------- Forwarded message ---------`, their translations, `_____` rules.
    static func isSeparator(_ trimmed: String) -> Bool {
        let lower = trimmed.lowercased()
        if separatorPhrases.contains(lower) { return true }
        if trimmed.count >= 10, trimmed.allSatisfy({ $0 == "_" }) { return true }
        guard lower.hasPrefix("---"), lower.hasSuffix("---") || lower.hasSuffix("--") else { return false }
        let words = lower.filter { $0 != "-" }.mimeTrimmed()
        return !words.isEmpty && words.count <= 60
    }

    private static let fromLabels = ["from:", "от:", "kimden:", "gönderen:", "de:", "von:", "van:", "od:"]
    private static let sentLabels = [
        "sent:", "date:", "изпратено:", "изпратен:", "дата:", "gönderildi:", "gönderilme:", "tarih:", "gesendet:",
        "datum:", "envoyé :", "envoyé:", "enviado:", "fecha:", "wysłano:",
    ]

    /// An Outlook-style header block of the quoted message: a From label with a Sent/Date label within 5 lines.
    static func isHeaderBlock(_ lines: [String], at index: Int) -> Bool {
        guard startsWithLabel(lines[index], fromLabels) else { return false }
        for offset in 1...5 where index + offset < lines.count {
            if startsWithLabel(lines[index + offset], sentLabels) { return true }
        }
        return false
    }

    private static func startsWithLabel(_ line: String, _ labels: [String]) -> Bool {
        let lower = line.mimeTrimmed().lowercased().filter { $0 != "*" }
        return labels.contains { lower.hasPrefix($0) }
    }

    // MARK: - Signatures

    private static let phonePrefixes = [
        "sent from my ", "sent from outlook", "sent from mail for", "sent from yahoo", "sent from samsung",
        "sent from the ", "sent via ", "sent with ", "get outlook for ", "изпратено от ", "изпратено с ",
        "изпратено чрез ", "outlook for ios", "outlook for android",
    ]

    /// "Sent from my iPhone" and its kind, in the three languages.
    static func isPhoneSignature(_ trimmed: String) -> Bool {
        guard !trimmed.isEmpty, trimmed.count <= 70 else { return false }
        let lower = trimmed.lowercased()
        if phonePrefixes.contains(where: { lower.hasPrefix($0) }) { return true }
        return lower.hasSuffix("gönderildi") || lower.hasSuffix("gönderildi.")
    }
}
