import Foundation
import Testing
@testable import Engine

/// The slot parsers read ASCII text on its bytes (issue 17). Each shortcut must give exactly what reading the text
/// character by character gives: checked on every utterance of the corpora and on random ASCII made of the
/// characters the parsers care about.
struct SlotInputASCIITests {
    /// Every utterance of the English, Bulgarian and Turkish corpora that is ASCII (Turkish typed without diacritics,
    /// Bulgarian in Latin letters, English).
    static let utterances: [String] = ["en", "bg", "tr", "issue13"].flatMap { name -> [String] in
        let url = TestLexicon.root.appendingPathComponent("Tests/Corpus/\(name).corpus")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), !line.hasPrefix("@"),
                  let utterance = line.components(separatedBy: " => ").first,
                  utterance.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
            return utterance
        }
    }

    /// Random ASCII of digits, letters of both cases, white space of every kind and punctuation, seeded.
    static let randomTexts: [String] = {
        let alphabet = Array("aZ09 \t\n\r\u{0B}\u{0C}.,;:!?'-/h$€".unicodeScalars.filter(\.isASCII))
            + Array("ampAMminHd5.".unicodeScalars)
        var state: UInt64 = 0x5EED
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        return (0..<2_000).map { _ in
            String(String.UnicodeScalarView((0..<(next() % 14)).map { _ in alphabet[next() % alphabet.count] }))
        }
    }()

    @Test func theCorporaAreReadByTheShortcuts() {
        #expect(Self.utterances.count > 250)
    }

    @Test func wordsOnBytesAreTheWordsOnCharacters() {
        let edges = ["10:15.", "a.m.", "11'de", "'tis", "ok..", "ABC. 9.", ".", "x."]
        for text in Self.utterances + Self.randomTexts + edges {
            #expect(SlotInput.asciiWords(text) == SlotInput.characterWords(text), "\(text.debugDescription)")
        }
    }

    @Test func tokensOnBytesAreTheTokensOnCharacters() {
        for text in Self.utterances + Self.randomTexts + ["1h30", "2:30pm", "45 min", "\r\n3 days", "  $12.50 "] {
            #expect(SlotToken.splitASCII(text) == SlotToken.splitCharacters(text), "\(text.debugDescription)")
        }
    }
}
