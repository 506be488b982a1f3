import Foundation

/// Example phrasings kept beside the signals (`Dialogs/safeguarding/LANGUAGE.corpus`): a line `+ TEXT` is a
/// disclosure the detector must find, `- TEXT` a harmless message it must leave alone. `tandem dialogs check`
/// names every example the signals get wrong (`FILE:LINE`), so a safeguarding lead who adds a phrasing sees at
/// once whether it is recognised.
public struct DisclosureCorpus: Sendable {
    /// One example line.
    public struct Example: Sendable, Hashable {
        public let text: String
        public let isDisclosure: Bool
        public let language: String
        public let file: String
        public let line: Int
    }

    /// How the detector does on one language's examples.
    public struct Score: Sendable, Hashable {
        public let language: String
        public var disclosures = 0
        public var found = 0
        public var harmless = 0
        public var falseAlarms = 0

        /// Found disclosures / disclosures (1 when there are none).
        public var detectionRate: Double { disclosures == 0 ? 1 : Double(found) / Double(disclosures) }
        /// Harmless messages taken for disclosures / harmless messages (0 when there are none).
        public var falseAlarmRate: Double { harmless == 0 ? 0 : Double(falseAlarms) / Double(harmless) }
    }

    public let examples: [Example]

    /// Reads the `.corpus` files; the examples and every line that is neither `+ TEXT` nor `- TEXT`.
    public static func parse(corpusFiles: [DialogCatalog.SourceFile]) -> (DisclosureCorpus, [FlowFileError]) {
        var examples: [Example] = []
        var errors: [FlowFileError] = []
        for file in corpusFiles {
            let language = String((file.path as NSString).lastPathComponent.prefix { $0 != "." })
            for (index, raw) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmed(Trim.whitespace)
                if line.isEmpty || line.hasPrefix("#") { continue }
                let text = line.dropFirst().trimmed(Trim.whitespace)
                guard let mark = line.first, mark == "+" || mark == "-", !text.isEmpty else {
                    errors.append(FlowFileError(
                        file: file.path, line: index + 1,
                        message: "expected `+ TEXT` (a disclosure) or `- TEXT` (harmless)"))
                    continue
                }
                examples.append(Example(
                    text: text, isDisclosure: mark == "+", language: language, file: file.path, line: index + 1))
            }
        }
        return (DisclosureCorpus(examples: examples), errors)
    }

    /// The examples `detector` gets wrong: a disclosure it misses, a harmless message it flags (and by which signal).
    public func problems(with detector: DisclosureDetector) -> [FlowFileError] {
        examples.compactMap { example in
            let found = detector.detect(example.text, preferring: example.language)
            switch (example.isDisclosure, found) {
            case (true, nil):
                return FlowFileError(
                    file: example.file, line: example.line,
                    message: "not recognised as a disclosure: add a signal to Dialogs/safeguarding/*.signals")
            case (false, let signal?):
                return FlowFileError(
                    file: example.file, line: example.line,
                    message: "taken for a disclosure by the signal at \(signal.file):\(signal.line): narrow it or add "
                        + "a `harmless:` pattern")
            default:
                return nil
            }
        }
    }

    /// Detection and false-alarm counts per language, in language order.
    public func scores(with detector: DisclosureDetector) -> [Score] {
        var scores: [String: Score] = [:]
        for example in examples {
            var score = scores[example.language] ?? Score(language: example.language)
            let found = detector.detect(example.text, preferring: example.language) != nil
            if example.isDisclosure {
                score.disclosures += 1
                if found { score.found += 1 }
            } else {
                score.harmless += 1
                if found { score.falseAlarms += 1 }
            }
            scores[example.language] = score
        }
        return scores.values.sorted { $0.language < $1.language }
    }
}
