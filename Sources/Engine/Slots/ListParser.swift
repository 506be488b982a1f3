/// `list` answers: items separated by commas, semicolons, newlines or the lexicon's words for "and" (" and ", " и ",
/// " ve ", case-insensitive, between whitespace). Items keep their case; they are trimmed and empty ones dropped.
enum ListParser {
    static func parse(_ text: String, lexicon: Lexicon) -> Result<SlotValue, SlotError> {
        let conjunctions = Set(lexicon.and)
        let items = text
            .split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline })
            .flatMap { splitAtConjunctions($0, conjunctions) }
            .map { $0.trimmed(Trim.whitespace) }
            .filter { !$0.isEmpty }
        guard !items.isEmpty else { return .failure(SlotError("error.list.empty")) }
        guard items.count <= SlotParser.listLimit else {
            return .failure(SlotError("error.list.too_many", ["max": String(SlotParser.listLimit)]))
        }
        return .success(.list(items))
    }

    /// `part` cut wherever whitespace, one of `conjunctions` (lower-case) and whitespace follow each other (the
    /// regular expression `\s+(?:and|и|ve)\s+`, case-insensitive), the conjunction and its whitespace dropped.
    static func splitAtConjunctions(_ part: Substring, _ conjunctions: Set<String>) -> [Substring] {
        var pieces: [Substring] = []
        var pieceStart = part.startIndex
        var index = part.startIndex
        while index < part.endIndex {
            guard part[index].isWhitespace else {
                index = part.index(after: index)
                continue
            }
            let spaceStart = index
            let wordStart = part[index...].firstIndex { !$0.isWhitespace } ?? part.endIndex
            let wordEnd = part[wordStart...].firstIndex(where: \.isWhitespace) ?? part.endIndex
            if wordStart < wordEnd, wordEnd < part.endIndex,
               conjunctions.contains(part[wordStart..<wordEnd].lowercased()) {
                pieces.append(part[pieceStart..<spaceStart])
                let next = part[wordEnd...].firstIndex { !$0.isWhitespace } ?? part.endIndex
                pieceStart = next
                index = next
            } else {
                index = wordStart
            }
        }
        pieces.append(part[pieceStart...])
        return pieces
    }
}
