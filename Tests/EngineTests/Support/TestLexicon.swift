import Foundation
import Testing
@testable import Engine

/// Lexicons built from the real `Dialogs/locales/<lang>/words.locale` files, merged with English as the engine
/// does for participants, and helpers shared by the slot parser tests.
enum TestLexicon {
    /// The package root: this file is `Tests/EngineTests/Support/TestLexicon.swift`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The entries of `Dialogs/locales/<language>/<name>.locale`; an unreadable file is a test failure.
    static func entries(_ language: String, _ name: String) -> [String: LocaleEntry] {
        let url = root.appendingPathComponent("Dialogs/locales/\(language)/\(name).locale")
        do {
            let text = try String(contentsOf: url, encoding: .utf8)
            return try LocaleFile.parse(text, file: url.path)
        } catch {
            Issue.record("cannot load \(url.path): \(error)")
            return [:]
        }
    }

    static let english = Lexicon(entries: entries("en", "words"))
    static let bulgarian = Lexicon(entries: entries("bg", "words")).merged(with: english)
    static let turkish = Lexicon(entries: entries("tr", "words")).merged(with: english)

    /// Saturday, 14 March 2026: "today" in every test.
    static let today = day("2026-03-14")

    /// A date from an ISO literal written in a test.
    static func day(_ iso: String) -> CalendarDate {
        guard let date = CalendarDate(iso: iso) else { fatalError("bad test date \(iso)") }
        return date
    }

    static func time(_ hour: Int, _ minute: Int) -> ClockTime {
        guard let time = ClockTime(hour: hour, minute: minute) else { fatalError("bad test time \(hour):\(minute)") }
        return time
    }

    static func context(
        _ lexicon: Lexicon = english, direction: DateDirection = .past, options: [ChoiceOption] = [],
        currency: String? = nil, strict: Bool = false
    ) -> SlotParseContext {
        SlotParseContext(
            today: today, lexicon: lexicon, dateDirection: direction, options: options,
            defaultCurrency: currency, strict: strict)
    }

    /// 100,000 characters: far over every limit.
    static let huge = String(repeating: "9", count: 100_000)
    /// One character carrying 3,000 combining marks: short in characters, long in scalars.
    static let zalgo = "e" + String(repeating: "\u{0301}", count: 3_000)
}

extension Result where Failure == SlotError {
    /// The value, or nil on failure.
    var value: Success? { try? get() }

    /// The error key, or nil on success.
    var errorKey: String? {
        if case .failure(let error) = self { return error.key }
        return nil
    }

    /// The error, or nil on success.
    var error: SlotError? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

/// Inputs every non-text parser must reject the same way, with the key they must give.
enum CommonMalformed {
    static let cases: [(String, String)] = [
        ("", "error.empty"),
        ("   ", "error.empty"),
        ("\n\t \r\n", "error.empty"),
        ("\u{00A0}\u{3000}", "error.empty"),
        (TestLexicon.huge, "error.too_long"),
        (String(repeating: "a", count: 201), "error.too_long"),
        (TestLexicon.zalgo, "error.too_long"),
    ]
}
