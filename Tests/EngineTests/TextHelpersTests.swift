import Foundation
import Testing
@testable import Engine

/// The engine's hand-written text helpers do what the Foundation calls they replace did.
struct TextHelpersTests {
    static let samples = [
        "", " ", "  a b  ", "\t\tx\t", "\n\r\n x \u{0B}\u{0C}\u{85}", "\u{00A0}nbsp\u{00A0}",
        "\u{3000}ideographic\u{3000}",
        "\u{2028}line\u{2029}", "\u{200B}zero width\u{200B}", "\u{1680}\u{2000}\u{200A}\u{202F}\u{205F}x\u{200C}",
        " 🙂 ", " e\u{301} ", "!?ok.,;: ", ",;  topics ;,",
    ]

    @Test(arguments: samples)
    func trimmingWhitespaceIsFoundationTrimming(_ text: String) {
        #expect(text.trimmed(Trim.whitespace) == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmed(Trim.whitespaceOrNewline) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        let punctuation = CharacterSet(charactersIn: "!?.,;: ")
        #expect(text.trimmed(Trim.any(of: "!?.,;: ")) == text.trimmingCharacters(in: punctuation))
    }

    @Test(arguments: [
        ("Saved {count} on {date}.", ["count": "3", "date": "2026-03-01"], "Saved 3 on 2026-03-01."),
        ("{a}{a}", ["a": "x"], "xx"),
        ("keep {unknown} and {}", ["a": "x"], "keep {unknown} and {}"),
        ("{{a}} {a", ["a": "x"], "{x} {a"),
        ("{a} then {b}", ["a": "{b}", "b": "B"], "{b} then B"),
        ("no placeholders", ["a": "x"], "no placeholders"),
        ("{名前}さん 🙂 {a}", ["名前": "Ана", "a": "é"], "Анаさん 🙂 é"),
        // The word for a number: "1 person", "2 people"; a form list without its number or of another length stays.
        ("{count} {count|person|people}", ["count": "1"], "1 person"),
        ("{count} {count|person|people}", ["count": "2"], "2 people"),
        ("{count} {count|човек|души}", ["count": "0"], "0 души"),
        ("{n|a|b} {count|a|b|c}", ["count": "1"], "{n|a|b} {count|a|b|c}"),
    ])
    func placeholdersAreFilledInOnePass(template: String, arguments: [String: String], expected: String) {
        #expect(Localizer.fill(template, arguments) == expected)
    }

    @Test(arguments: ["İstanbul", "I\u{307}stanbul", "KIRMIZI", "DİKKAT", "plain"])
    func foldingIsLowerCasingWithTheTurkishCapitalIAsI(_ word: String) {
        #expect(SlotInput.fold(word) == word.replacingOccurrences(of: "İ", with: "i").lowercased())
    }
}
