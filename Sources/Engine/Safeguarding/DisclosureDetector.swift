/// Finds possible disclosures — abuse, sexual abuse, fear, self-harm, neglect, bullying, a child asking whom to
/// tell — in any message, in every language at once, whatever the person's language setting. The signals are
/// data (`Dialogs/safeguarding/*.signals`) a safeguarding lead extends; harmless look-alikes in the same files
/// ("this homework is killing me") mask the words they cover, in every language, before any signal is looked for —
/// within one clause: a look-alike's words in another part of the sentence ("my dad hits me, and it hurts my
/// feelings") never excuse a disclosure.
///
/// Each word of a message is looked up once in the lexicon of all pattern words; only the patterns one of whose
/// words occurs (by an index from word to pattern) are tried, so a message costs little however many signals there
/// are.
public struct DisclosureDetector: Sendable {
    /// A signal or harmless pattern with its words numbered, and the words each of its places can start with.
    struct Compiled: Sendable {
        let pattern: DisclosurePattern<Int>
        let places: [Set<Int>]

        init(_ pattern: DisclosurePattern<Int>) {
            self.pattern = pattern
            places = pattern.firstWords
        }

        /// The place with the fewest words: a sentence must hold one of them for the pattern to occur.
        var anchor: Set<Int> { places.min { $0.count < $1.count } ?? [] }

        func mayMatch(_ sentence: DisclosurePattern<Int>.Sentence) -> Bool {
            places.allSatisfy { !$0.isDisjoint(with: sentence.all) }
        }
    }

    struct Signal: Sendable {
        let kind: String
        let language: String
        let file: String
        let line: Int
        let compiled: Compiled
    }

    let lexicon: DisclosureLexicon
    let signals: [Signal]
    let harmless: [Compiled]
    /// For each pattern word, the signals (and harmless patterns) it anchors.
    let signalsByWord: [Int: [Int]]
    let harmlessByWord: [Int: [Int]]
    /// Words that start a clause (`clause:` lines of every file), as well as a comma, a colon or a dash.
    let clauseWords: Set<String>

    /// A detector that finds nothing (no signal files).
    public init() { self.init(files: []) }

    init(files: [DisclosureSignalFile]) {
        var lexicon = DisclosureLexicon()
        var signals: [Signal] = []
        var harmless: [Compiled] = []
        var clauseWords: Set<String> = []
        for file in files {
            clauseWords.formUnion(file.clauseWords)
            for signal in file.signals {
                signals.append(Signal(
                    kind: signal.kind, language: file.language, file: file.path, line: signal.line,
                    compiled: Compiled(signal.pattern.map { lexicon.id($0) })))
            }
            harmless += file.harmless.map { Compiled($0.map { lexicon.id($0) }) }
        }
        self.lexicon = lexicon
        self.signals = signals
        self.harmless = harmless
        self.clauseWords = clauseWords
        signalsByWord = Self.index(signals.map(\.compiled))
        harmlessByWord = Self.index(harmless)
    }

    private static func index(_ patterns: [Compiled]) -> [Int: [Int]] {
        var index: [Int: [Int]] = [:]
        for (number, pattern) in patterns.enumerated() {
            for word in pattern.anchor { index[word, default: []].append(number) }
        }
        return index
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

    /// The first signal found in `text`, looking at the signals of `voice`'s language first (so the answer names the
    /// language the person most likely wrote in), then every other language's; nil when there is none.
    public func detect(_ text: String, preferring voice: String? = nil) -> Disclosure? {
        guard !signals.isEmpty else { return nil }
        // A pupil is addressed in a register of their language (`bg~informal`): the language is what is preferred.
        let language = voice.map(Localizer.language(of:))
        var cache: [DisclosureText.Token: [Int]] = [:]
        let read = DisclosureText(text)
        let sentences = read.sentences.map { tokens in
            let words = tokens.map { token in
                if let known = cache[token] { return known }
                let matched = lexicon.matches(token)
                cache[token] = matched
                return matched
            }
            return DisclosurePattern<Int>.Sentence(words: words, all: Set(words.joined()))
        }
        let masks = sentences.indices.map { index in
            masked(sentences[index], tokens: read.sentences[index], commas: read.commas[index])
        }
        let candidates = Self.candidates(Set(sentences.flatMap(\.all)), signalsByWord)
            .sorted { (signals[$0].language == language ? 0 : 1, $0) < (signals[$1].language == language ? 0 : 1, $1) }
        for number in candidates {
            let signal = signals[number]
            for (sentence, masked) in zip(sentences, masks) where signal.compiled.mayMatch(sentence)
                && signal.compiled.pattern.match(sentence, masked: masked) != nil
            {
                return Disclosure(kind: signal.kind, language: signal.language, file: signal.file, line: signal.line)
            }
        }
        return nil
    }

    /// The positions in `sentence` that harmless look-alikes cover, each with its parts starting in one clause (split
    /// at `commas` and before a clause word).
    private func masked(_ sentence: DisclosurePattern<Int>.Sentence, tokens: [DisclosureText.Token], commas: Set<Int>)
        -> Set<Int>
    {
        // Most sentences hold no word of any look-alike: nothing to split.
        let candidates = Self.candidates(sentence.all, harmlessByWord).filter { harmless[$0].mayMatch(sentence) }
        guard !candidates.isEmpty else { return [] }
        var starts = [0]
        for position in tokens.indices.dropFirst() where commas.contains(position)
            || clauseWords.contains(tokens[position].plain) {
            starts.append(position)
        }
        let clauses = starts.indices.map { starts[$0]..<(($0 + 1) < starts.count ? starts[$0 + 1] : tokens.count) }
        var masked: Set<Int> = []
        for candidate in candidates {
            for clause in clauses {
                masked.formUnion(harmless[candidate].pattern.allMatches(sentence, startingIn: clause))
            }
        }
        return masked
    }

    /// The patterns anchored by any of `words`.
    private static func candidates(_ words: Set<Int>, _ index: [Int: [Int]]) -> Set<Int> {
        var found: Set<Int> = []
        for word in words { found.formUnion(index[word] ?? []) }
        return found
    }
}
