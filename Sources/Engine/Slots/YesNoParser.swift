import Foundation

/// `yesno` answers: a word of `lexicon.yes` or `lexicon.no` ("yes", "y", "да", "evet", "hayır"), optionally
/// followed by `!` or `.`.
enum YesNoParser {
    static func parse(_ text: String, lexicon: Lexicon) -> Result<SlotValue, SlotError> {
        var word = Substring(SlotInput.fold(text))
        while let last = word.last, "!.".contains(last) { word = word.dropLast() }
        let answer = word.trimmed(Trim.whitespace)
        if lexicon.yes.contains(answer) { return .success(.yesno(true)) }
        if lexicon.no.contains(answer) { return .success(.yesno(false)) }
        return .failure(SlotError("error.yesno.invalid"))
    }
}
