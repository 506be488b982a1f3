import Engine
import Foundation
import Programme
@testable import Service
import Testing

/// Every locale key written in the Swift of the actions and the service is declared — by an action's contract, by
/// the engine, or as a service text — so `tandem dialogs check` verifies that the locales have it.
struct TextKeyDeclarationTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// Folders whose string literals are texts the bot says (configuration keys and benchmark strings are not; a
    /// channel's `Configuration+…` files there name its configuration keys).
    static let folders = ["Programme", "Service/Email", "Service/Matrix", "Service/Pipeline", "Service/Scheduler"]

    /// `"a.b"`-shaped string literals whose first part starts some English locale key, with where they are.
    func literalKeys(prefixes: Set<String>) throws -> [(key: String, place: String)] {
        let pattern = try NSRegularExpression(pattern: #""([a-z][a-z_]*(?:\.[a-z0-9_]+)+)""#)
        var found: [(String, String)] = []
        for folder in Self.folders {
            let root = Self.sources.appendingPathComponent(folder)
            let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
            for file in files where file.hasSuffix(".swift") && !file.hasPrefix("Configuration+") {
                let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let line = String(line)
                    for match in pattern.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
                        guard let range = Range(match.range(at: 1), in: line) else { continue }
                        let key = String(line[range])
                        guard let first = key.split(separator: ".").first, prefixes.contains(String(first)) else {
                            continue
                        }
                        found.append((key, "\(folder)/\(file):\(number + 1)"))
                    }
                }
            }
        }
        return found
    }

    @Test func everyTextKeyInTheSwiftSourcesIsDeclared() throws {
        let catalog = try TranscriptTests.runner().catalog
        let english = catalog.localizer.entries["en"] ?? [:]
        let prefixes = Set(english.keys.compactMap { $0.split(separator: ".").first.map(String.init) })
            .subtracting(["words", "engine", "language"])
        let declared = Set(ActionRegistry.standard.contracts.values.flatMap(\.texts)).union(ServiceTexts.all.keys)
        let literals = try literalKeys(prefixes: prefixes)
        #expect(literals.count > 200)
        let undeclared = literals.filter { !declared.contains($0.key) }.map { "\($0.place): \($0.key)" }
        #expect(undeclared == [])
    }
}
