/// `list` answers: items separated by commas, semicolons, newlines or the words " and ", " и ", " ve "
/// (case-insensitive, between whitespace). Items keep their case; they are trimmed and empty ones dropped.
enum ListParser {
    static func parse(_ text: String) -> Result<SlotValue, SlotError> {
        let conjunction = /\s+(?:and|и|ve)\s+/.ignoresCase()
        let items = text
            .split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline })
            .flatMap { $0.split(separator: conjunction) }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard !items.isEmpty else { return .failure(SlotError("error.list.empty")) }
        guard items.count <= SlotParser.listLimit else {
            return .failure(SlotError("error.list.too_many", ["max": String(SlotParser.listLimit)]))
        }
        return .success(.list(items))
    }
}
