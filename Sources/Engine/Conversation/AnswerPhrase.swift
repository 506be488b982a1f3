/// A phrase that marks an answer inside a sentence, written with `{}` where the answer stands:
/// `talked about {}`, `говорихме за {}`, `{} konuştuk` (Turkish puts the verb last).
struct AnswerPhrase: Sendable, Hashable {
    /// The words before and after the answer, folded.
    let before: [String]
    let after: [String]

    init?(_ text: String) {
        let parts = text.components(separatedBy: "{}")
        guard parts.count == 2 else { return nil }
        before = SlotInput.words(parts[0])
        after = SlotInput.words(parts[1])
        guard !before.isEmpty || !after.isEmpty else { return nil }
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
        let marker = before.isEmpty ? after : before
        guard marker.count <= words.count else { return nil }
        for start in 0...(words.count - marker.count)
        where Array(folded[start..<(start + marker.count)]) == marker && !used[start] {
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
