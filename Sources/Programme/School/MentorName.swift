import Foundation

/// Finds the person a coordinator named in a command ("Elif", "to Elif", "Elif Demir", Turkish "Elif'e") among the
/// programme's mentors: any case, without accents, without the little words around a name (`words.reassign.to`) or
/// a Turkish suffix after an apostrophe. A full name wins over a first name or surname.
struct MentorName {
    /// Someone who may be named.
    struct Person: Sendable, Hashable {
        let id: Int64
        let name: String
    }

    /// Little words that may stand before the name ("to", "на").
    let connectors: [String]

    /// The people `typed` names: those whose full name it is, else those with it as one of their names.
    func matches(_ typed: String, among people: [Person]) -> [Person] {
        var words = Self.words(typed)
        while let first = words.first, words.count > 1, connectors.contains(first) { words.removeFirst() }
        guard !words.isEmpty else { return [] }
        let full = people.filter { Self.words($0.name) == words }
        if !full.isEmpty { return full }
        guard words.count == 1, let word = words.first else { return [] }
        return people.filter { Self.words($0.name).contains(word) }
    }

    /// Lower-cased words without accents, apostrophe suffixes or punctuation.
    static func words(_ text: String) -> [String] {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace)
            .map { word in
                let bare = word.split(whereSeparator: { $0 == "'" || $0 == "’" }).first ?? word
                return String(bare.filter { $0.isLetter || $0.isNumber || $0 == "-" })
            }
            .filter { !$0.isEmpty }
    }
}
