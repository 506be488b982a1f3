/// The flows and locales the engine runs, validated as a whole. Built from file contents (the caller reads
/// the files), so the engine stays free of I/O.
public struct DialogCatalog: Sendable {
    /// A source file handed to `build`: its display path and text.
    public struct SourceFile: Sendable {
        public let path: String
        public let text: String
        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    public let flows: [Flow]
    public let localizer: Localizer
    /// Each flow's position in `flows`, by id: the engine looks flows up several times a message.
    private let positions: [String: Int]
    /// The safeguarding signals (`safeguarding/*.signals`): what the flow marked `on disclosure: yes` starts on.
    public var disclosures = DisclosureDetector()

    private init(flows: [Flow], localizer: Localizer) {
        self.flows = flows
        self.localizer = localizer
        positions = Dictionary(flows.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Parses and checks everything; returns every problem found, not just the first.
    /// - Parameters:
    ///   - flowFiles: the `.flow` files.
    ///   - localeFiles: locale files per language code (`en` → its `.locale` files).
    ///   - actions: names of the Swift actions that exist; a flow naming another is an error.
    ///   - contracts: what each action reads and says; every flow naming one is checked against it.
    ///   - texts: locale keys said outside any action (scheduler, channels), each with who says it.
    ///   - roles: the role names a flow's `for:` may name (empty: not checked).
    ///   - templates: the programme templates a flow's `programmes:` may name (empty: not checked).
    ///   - safeguardingFiles: the disclosure signals (`.signals`) and their example phrasings (`.corpus`), which
    ///     must all be recognised as they say.
    public static func build(
        flowFiles: [SourceFile], localeFiles: [String: [SourceFile]], actions: Set<String>,
        contracts: [String: ActionContract] = [:], texts: [String: String] = [:], roles: Set<String> = [],
        templates: Set<String> = [], safeguardingFiles: [SourceFile] = []
    ) -> Result<DialogCatalog, DialogCheckFailure> {
        var errors: [FlowFileError] = []
        var entries: [String: [String: LocaleEntry]] = [:]
        for (language, files) in localeFiles {
            var merged: [String: LocaleEntry] = [:]
            for file in files {
                do {
                    for (key, entry) in try LocaleFile.parse(file.text, file: file.path) {
                        if let first = merged[key] {
                            errors.append(FlowFileError(
                                file: file.path, line: entry.line,
                                message: "duplicate key `\(key)` (first in \(first.file):\(first.line))"))
                        }
                        merged[key] = entry
                    }
                } catch { errors.append(error) }
            }
            entries[language] = merged
        }
        if entries[Localizer.fallbackLanguage] == nil {
            errors.append(FlowFileError(file: "locales", line: 0, message: "no English (`en`) locale files"))
        }
        let localizer = Localizer(entries: entries)
        let english = localizer.lexicon(Localizer.fallbackLanguage)

        var flows: [Flow] = []
        for file in flowFiles {
            do {
                let flow = try FlowFileParser.parse(file.text, file: file.path, lexicon: english)
                if let other = flows.first(where: { $0.id == flow.id }) {
                    errors.append(FlowFileError(
                        file: file.path, line: flow.line, message: "flow `\(flow.id)` also declared in \(other.file)"))
                } else {
                    flows.append(flow)
                }
            } catch { errors.append(error) }
        }
        var catalog = DialogCatalog(flows: flows.sorted { $0.id < $1.id }, localizer: localizer)
        let (detector, signalErrors) = DisclosureDetector.build(
            signalFiles: safeguardingFiles.filter { $0.path.hasSuffix(".signals") })
        let (corpus, corpusErrors) = DisclosureCorpus.parse(
            corpusFiles: safeguardingFiles.filter { $0.path.hasSuffix(".corpus") })
        catalog.disclosures = detector
        errors += signalErrors + corpusErrors
        if signalErrors.isEmpty { errors += corpus.problems(with: detector) }
        errors += DialogCheck(
            catalog: catalog, actions: actions, contracts: contracts, texts: texts, roles: roles, templates: templates
        ).problems()
        guard errors.isEmpty else { return .failure(DialogCheckFailure(errors: errors)) }
        return .success(catalog)
    }

    public func flow(_ id: String) -> Flow? { positions[id].map { flows[$0] } }
}

/// Every problem found while building a catalog, in file order.
public struct DialogCheckFailure: Error, Sendable, CustomStringConvertible {
    public let errors: [FlowFileError]

    public init(errors: [FlowFileError]) {
        self.errors = errors.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
