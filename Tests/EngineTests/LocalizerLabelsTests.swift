import Foundation
import Testing
@testable import Engine

/// The labels of options and answers are looked up once per text (issue 17): each must be what splitting the text
/// at its commas gives, for every text of every language and register, and for a key no locale has.
struct LocalizerLabelsTests {
    /// Every `.locale` file of `Dialogs/locales`, per voice (`bg/informal/` is the voice `bg~informal`).
    static let localizer: Localizer = {
        let root = TestLexicon.root.appendingPathComponent("Dialogs/locales")
        var entries: [String: [String: LocaleEntry]] = [:]
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "locale" } ?? []
        for file in files {
            let parts = file.deletingLastPathComponent().path.dropFirst(root.path.count + 1).split(separator: "/")
            let voice = parts.joined(separator: String(Localizer.registerMark))
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            let parsed = (try? LocaleFile.parse(text, file: file.path)) ?? [:]
            entries[voice, default: [:]].merge(parsed) { first, _ in first }
        }
        return Localizer(entries: entries)
    }()

    static func split(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmed(Trim.whitespace) }.filter { !$0.isEmpty }
    }

    @Test func theLocalesAndARegisterAreRead() {
        #expect(Set(Self.localizer.entries.keys).isSuperset(of: ["en", "bg", "tr", "bg~informal"]))
    }

    @Test func everyTextsLabelsAreItsCommaSeparatedNames() {
        let localizer = Self.localizer
        let keys = Set(localizer.entries.values.flatMap(\.keys))
        for voice in localizer.entries.keys {
            for key in keys {
                #expect(localizer.labels(key, voice) == Self.split(localizer.text(key, voice)), "\(voice) \(key)")
            }
        }
    }

    @Test func aKeyNoLocaleHasIsItsOwnLabel() {
        #expect(Self.localizer.labels("option.nowhere", "tr") == ["option.nowhere"])
        #expect(Self.localizer.labels(" a , b,, ", "en") == ["a", "b"])
    }
}
