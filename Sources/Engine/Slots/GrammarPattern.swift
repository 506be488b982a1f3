/// A phrase of the grammar with places for numbers, as a coordinator writes it in a locale file:
/// `{n} days ago`, `преди {n} дни`, `{n}/{max}`, `{max} üzerinden {n}`. A place takes digits or a number word.
public struct GrammarPattern: Sendable, Hashable {
    enum Piece: Sendable, Hashable {
        case word(String)
        case number(String)
    }

    let pieces: [Piece]

    /// Reads a pattern; nil when it has no `{name}` place, a place is not a name, or a brace is left open.
    public init?(_ text: String) {
        var pieces: [Piece] = []
        var rest = Substring(SlotInput.fold(text))
        while !rest.isEmpty {
            guard let open = rest.firstIndex(of: "{") else {
                pieces += SlotToken.split(String(rest)).map { .word($0.text) }
                break
            }
            pieces += SlotToken.split(String(rest[..<open])).map { .word($0.text) }
            guard let close = rest[open...].firstIndex(of: "}") else { return nil }
            let name = rest[rest.index(after: open)..<close]
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
            pieces.append(.number(String(name)))
            rest = rest[rest.index(after: close)...]
        }
        guard pieces.contains(where: { if case .number = $0 { true } else { false } }) else { return nil }
        self.pieces = pieces
    }

    /// The numbers in `text` when the pattern is all of it (words folded, digits or number words in the places).
    func match(_ text: String, numbers: [String: Int]) -> [String: Int]? {
        match(SlotToken.split(SlotInput.fold(text)), numbers: numbers)
    }

    /// The numbers in `tokens` (of a folded text) when the pattern is all of them.
    func match(_ tokens: [SlotToken], numbers: [String: Int]) -> [String: Int]? {
        guard tokens.count == pieces.count else { return nil }
        var found: [String: Int] = [:]
        for (piece, token) in zip(pieces, tokens) {
            switch piece {
            case .word(let word):
                guard SlotInput.bare(token.text) == word || token.text == word else { return nil }
            case .number(let name):
                guard let value = token.kind == .number
                    ? SlotInput.number(token.text, maxDigits: 6) : numbers[token.text]
                else { return nil }
                found[name] = value
            }
        }
        return found
    }
}
