import Engine
import Foundation
import Testing

/// The public utterance corpus (`Tests/Corpus`): what people really write, in English, Bulgarian and Turkish, must
/// be understood — at least 95 % of it in each language, and every example of issue 13 always.
struct CorpusTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpus")

    func outcomes(_ names: [String]) throws -> [CorpusRunner.Outcome] {
        let runner = CorpusRunner(engine: Engine(catalog: try TranscriptTests.runner().catalog))
        return try names.flatMap { name in
            let url = Self.folder.appendingPathComponent(name)
            return runner.run(try Corpus.parse(try String(contentsOf: url, encoding: .utf8), file: name))
        }
    }

    @Test func atLeastNinetyFivePercentIsUnderstoodInEachLanguage() throws {
        let all = try outcomes(["en.corpus", "bg.corpus", "tr.corpus", "issue13.corpus"])
        #expect(all.count >= 300)
        let scores = CorpusRunner.scores(all)
        #expect(Set(scores.keys) == ["en", "bg", "tr"])
        for (language, score) in scores {
            #expect(score.percent >= 95, "\(language): \(score.understood) of \(score.total)")
        }
    }

    @Test func everyExampleOfIssue13IsUnderstood() throws {
        let failed = try outcomes(["issue13.corpus"]).filter { !$0.passed }.map(\.description)
        #expect(failed == [])
    }
}
