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
        "написа:", "написа следното:", "пише:", "написал:", "написала:", "yazdı:", "yazdi:", "schrieb:",
        "a écrit :", "a écrit:", "escribió:", "ha scritto:", "skrev:", "napisał(a):", "napisał:", "schreef:",
    ]

    /// The number of lines (1–3) of an attribution starting at `index`, or nil.
    static func attributionSpan(_ lines: [String], at index: Int) -> Int? {
        var joined = ""
        for span in 1...3 where index + span <= lines.count {
            let next = lines[index + span - 1].mimeTrimmed()
            if span > 1 && next.isEmpty { return nil }
            // A later line that itself starts like an attribution begins it: the lines before it are the
            // writer's own (Gmail on Android puts "On … wrote:" right under the last line of the reply).
            if span > 1 && startsLikeAttribution(next.lowercased()) { return nil }
            joined = (joined + " " + next).mimeTrimmed()
            let lower = joined.lowercased()
            guard lower.count <= 400 else { return nil }
            let startsLikeOne = startsLikeAttribution(lines[index].mimeTrimmed().lowercased())
            if distinctiveEndings.contains(where: { lower.hasSuffix($0) }) {
                if span == 1 || startsLikeOne || lower.contains("@") || lower.contains("<") { return span }
            }
            if lower.hasSuffix("wrote:") || lower.hasSuffix("wrote :") {
                let followedByQuote = lines[(index + span)...].first { !$0.mimeTrimmed().isEmpty }?
                    .mimeTrimmed().hasPrefix(">") ?? false
                if startsLikeOne || lower.contains("@") || followedByQuote { return span }
            }
        }
        return nil
    }

    private static let attributionStarts = ["on ", "на ", "le ", "am ", "el ", "il ", "op ", "w dniu ", "den "]

    /// Whether a lowercased, trimmed line starts the way attribution lines do ("On …", "На …", "Le …", …).
    private static func startsLikeAttribution(_ lower: String) -> Bool {
        attributionStarts.contains { lower.hasPrefix($0) }
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
