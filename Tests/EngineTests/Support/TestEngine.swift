@testable import Engine

/// An engine of one flow file and its English texts, for the engine's tests: every text the engine requires that
/// `words` does not give (nor `leaving` names) is a placeholder `<key>`.
enum TestEngine {
    static func make(flow: String, texts: String, words: String, actions: Set<String>, leaving: Set<String> = [],
                     expiryMinutes: Int = 24 * 60) throws -> Engine {
        let given = Set(words.split(separator: "\n").compactMap { line in
            line.split(separator: "=", maxSplits: 1).first.map { $0.trimmed(Trim.whitespace) }
        })
        let engineTexts = EngineText.required.filter { !given.contains($0) && !leaving.contains($0) }
            .map { "\($0) = <\($0)>" }.joined(separator: "\n")
        let catalog = try DialogCatalog.build(
            flowFiles: [.init(path: "test.flow", text: flow)],
            localeFiles: ["en": [
                .init(path: "en/test.locale", text: texts), .init(path: "en/engine.locale", text: engineTexts),
                .init(path: "en/words.locale", text: words),
            ]],
            actions: actions
        ).get()
        return Engine(catalog: catalog, defaultExpiryMinutes: expiryMinutes)
    }
}
