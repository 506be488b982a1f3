/// Finds possible disclosures — abuse, sexual abuse, fear, self-harm, neglect, bullying, a child asking whom to
/// tell — in any message, in every language at once, whatever the person's language setting. The signals are
/// data (`Dialogs/safeguarding/*.signals`) a safeguarding lead extends; harmless look-alikes in the same files
/// ("this homework is killing me") mask the words they cover, in every language, before any signal is looked for.
public struct DisclosureDetector: Sendable {
    struct Signal: Sendable {
        let kind: String
        let language: String
        let file: String
        let line: Int
        let pattern: DisclosurePattern
    }

    let signals: [Signal]
    let harmless: [DisclosurePattern]

    /// A detector that finds nothing (no signal files).
    public init() {
        signals = []
        harmless = []
    }

    init(files: [DisclosureSignalFile]) {
        signals = files.flatMap { file in
            file.signals.map { Signal(kind: $0.kind, language: file.language, file: file.path, line: $0.line,
                                      pattern: $0.pattern) }
        }
        harmless = files.flatMap(\.harmless)
    }

    /// Reads the `.signals` files; the detector and every problem found (`FILE:LINE`).
    public static func build(signalFiles: [DialogCatalog.SourceFile]) -> (DisclosureDetector, [FlowFileError]) {
        var files: [DisclosureSignalFile] = []
        var errors: [FlowFileError] = []
        for source in signalFiles {
            let (file, problems) = DisclosureSignalFile.parse(source.text, path: source.path)
            files.append(file)
            errors += problems
        }
        return (DisclosureDetector(files: files), errors)
    }

    /// Whether there are any signals at all.
    public var isEmpty: Bool { signals.isEmpty }

    /// The first signal found in `text`, looking at `language`'s signals first (so the answer names the language
    /// the person most likely wrote in), then every other language's; nil when there is none.
    public func detect(_ text: String, preferring language: String? = nil) -> Disclosure? {
        guard !signals.isEmpty else { return nil }
        let sentences = DisclosureText(text).sentences
        let masks = sentences.map { sentence in
            harmless.reduce(into: Set<Int>()) { $0.formUnion($1.allMatches(sentence)) }
        }
        let ordered = signals.filter { $0.language == language } + signals.filter { $0.language != language }
        for signal in ordered {
            for (sentence, masked) in zip(sentences, masks)
            where signal.pattern.match(sentence, masked: masked) != nil {
                return Disclosure(kind: signal.kind, language: signal.language, file: signal.file, line: signal.line)
            }
        }
        return nil
    }
}
