import Foundation
import Testing
@testable import Engine

/// The shipped signals against the shipped example phrasings (`Dialogs/safeguarding/*.corpus`) and against every
/// ordinary message of the transcripts: every disclosure found, harmless messages left alone. Prints the rates.
struct DisclosureCorpusTests {
    static let folder = TestLexicon.root.appendingPathComponent("Dialogs/safeguarding")

    static func files(_ suffix: String) -> [DialogCatalog.SourceFile] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().compactMap { name in
            let url = folder.appendingPathComponent(name)
            return (try? String(contentsOf: url, encoding: .utf8)).map { .init(path: url.path, text: $0) }
        }
    }

    static let built = DisclosureDetector.build(signalFiles: files(".signals"))
    static let corpus = DisclosureCorpus.parse(corpusFiles: files(".corpus"))

    @Test func theShippedSignalsAndCorpusAreValid() {
        #expect(Self.built.1.isEmpty, "\(Self.built.1)")
        #expect(Self.corpus.1.isEmpty, "\(Self.corpus.1)")
    }

    @Test func theCorpusHasAtLeast150PhrasingsInEveryLanguageBothWays() {
        let examples = Self.corpus.0.examples
        #expect(examples.count >= 150)
        for language in ["en", "bg", "tr"] {
            #expect(examples.filter { $0.language == language && $0.isDisclosure }.count >= 25, "\(language)")
            #expect(examples.filter { $0.language == language && !$0.isDisclosure }.count >= 25, "\(language)")
        }
    }

    @Test func everyDisclosureOfTheCorpusIsFoundAndTheRatesArePrinted() {
        let scores = Self.corpus.0.scores(with: Self.built.0)
        for score in scores {
            print(String(
                format: "disclosure corpus %@: detected %d/%d (%.1f%%), false alarms %d/%d (%.1f%%)",
                score.language, score.found, score.disclosures, score.detectionRate * 100, score.falseAlarms,
                score.harmless, score.falseAlarmRate * 100))
            #expect(score.detectionRate == 1, "\(score.language)")
        }
        #expect(Set(scores.map(\.language)) == ["en", "bg", "tr"])
        #expect(Self.corpus.0.problems(with: Self.built.0).map(\.description) == [])
    }

    /// Every message people type in the transcripts, except those of the transcripts that raise a concern (which
    /// disclose on purpose: the concern transcripts, and any other where someone says "concern"): ordinary chat —
    /// logs, agendas, claims, in three languages — that must not raise a false alarm.
    @Test func ordinaryMessagesOfTheTranscriptsRaiseNoFalseAlarm() throws {
        let transcripts = TestLexicon.root.appendingPathComponent("Dialogs/transcripts")
        var messages: Set<String> = []
        for name in try FileManager.default.contentsOfDirectory(atPath: transcripts.path)
        where name.hasSuffix(".transcript") && !name.hasPrefix("concern") {
            let text = try String(contentsOf: transcripts.appendingPathComponent(name), encoding: .utf8)
            let lines = text.split(separator: "\n")
            if lines.contains(where: { ["> concern", "> сигнал", "> endişe"].contains($0) }) { continue }
            for line in lines where line.hasPrefix("> ") {
                messages.insert(String(line.dropFirst(2)))
            }
        }
        let alarms = messages.filter { Self.built.0.detect($0) != nil }.sorted()
        print(String(format: "transcript messages: false alarms %d/%d (%.1f%%)", alarms.count, messages.count,
                     Double(alarms.count) / Double(max(messages.count, 1)) * 100))
        #expect(messages.count >= 200)
        #expect(alarms == [])
    }
}
