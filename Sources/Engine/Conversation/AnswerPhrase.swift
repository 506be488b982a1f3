/// A phrase that marks an answer inside a sentence, written with `{}` where the answer stands:
/// `talked about {}`, `говорихме за {}`, `{} konuştuk` (Turkish puts the verb last).
/// Its words are also read with one typo (words of five letters or more, the first letter right: "talkd about") and
/// shortened as people text them ("talked abt").
struct AnswerPhrase: Sendable, Hashable {
    /// The words before and after the answer, folded.
    let before: [String]
    let after: [String]
    /// The words that mark the answer (`before`, or `after` when nothing comes before it) and their texting forms.
    private let marker: [String]
    private let shortenedMarker: [String?]
    /// Whether each marker word is long enough to be read with a typo.
    private let typoTolerant: [Bool]

    init?(_ text: String) {
        let parts = text.components(separatedBy: "{}")
        guard parts.count == 2 else { return nil }
        before = SlotInput.words(parts[0])
        after = SlotInput.words(parts[1])
        guard !before.isEmpty || !after.isEmpty else { return nil }
        marker = before.isEmpty ? after : before
        shortenedMarker = marker.map(Spelling.shortened)
        typoTolerant = marker.map { $0.count >= 5 }
    }

    /// Whether the folded `words` from `start` read as the marker.
    private func marks(_ words: [String], at start: Int) -> Bool {
        for (offset, word) in marker.enumerated() {
            let written = words[start + offset]
            guard written == word || written == shortenedMarker[offset]
                || (typoTolerant[offset] && written.utf8.first == word.utf8.first
                    && abs(written.utf8.count - word.utf8.count) <= 4 && written.first == word.first
                    && Spelling.withinOneEdit(word, written)) else { return false }
        }
        return true
    }

    /// The answer in `text`, when the phrase is there: the words after `before` up to the end (or a clause mark
    /// ",", "." or ";"), or the words before `after` back to the start (or a clause mark).
    func capture(in text: String) -> String? {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let folded = words.map { SlotInput.words($0).first ?? "" }
        return capture(words, folded: folded, used: Array(repeating: false, count: words.count))?.text
    }

    /// The answer among `words` (with their folded forms), skipping words already `used` by other answers; the
    /// range of words the phrase and the answer take.
    func capture(_ words: [String], folded: [String], used: [Bool]) -> (text: String, range: Range<Int>)? {
        guard marker.count <= words.count else { return nil }
        for start in 0...(words.count - marker.count) where !used[start] && marks(folded, at: start) {
            var answer: [String] = []
            if !before.isEmpty {
                var index = start + marker.count
                while index < words.count, !used[index] {
                    let word = words[index]
                    answer.append(word)
                    index += 1
                    if word.last.map({ ",.;!?".contains($0) }) == true { break }
                }
                let text = Self.clean(answer.joined(separator: " "))
                if !text.isEmpty { return (text, start..<index) }
            } else {
                var index = start
                while index > 0, !used[index - 1], !(words[index - 1].last.map { ",.;!?".contains($0) } ?? false) {
                    index -= 1
                    answer.insert(words[index], at: 0)
                }
                let text = Self.clean(answer.joined(separator: " "))
                if !text.isEmpty { return (text, index..<(start + marker.count)) }
            }
        }
        return nil
    }

    /// The answer without the punctuation around it.
    static func clean(_ text: String) -> String {
        text.trimmed { $0 == "," || $0 == "." || $0 == ";" || $0 == "!" || $0 == "?" || Trim.whitespace($0) }
    }
}
