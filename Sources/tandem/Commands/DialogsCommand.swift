import Engine
import Foundation
import Programme
import Service

/// `tandem dialogs check [DIR]` and `tandem dialogs test [DIR]`.
struct DialogsCommand {
    static let directory = ArgumentSpec(name: "DIR", help: "the dialogues folder (default: Dialogs)", isOptional: true)
    static let commands = [
        Command(spec: CommandSpec(
            path: ["dialogs", "check"], abstract: "validate every flow and text; prints FILE:LINE: message per problem",
            arguments: [directory])) { try DialogsCommand(arguments: $0, verb: "check").run() },
        Command(spec: CommandSpec(
            path: ["dialogs", "test"], abstract: "replay every transcript in DIR/transcripts",
            arguments: [directory])) { try DialogsCommand(arguments: $0, verb: "test").run() },
        Command(spec: CommandSpec(
            path: ["dialogs", "corpus"],
            abstract: "score understanding on the utterance corpus: understood / total per language; exit 1 below 95 %",
            arguments: [
                directory,
                ArgumentSpec(name: "CORPUS", help: "a .corpus file or a folder of them (default: Tests/Corpus)",
                             isOptional: true),
            ])) { try DialogsCommand(arguments: $0, verb: "corpus").run() },
    ]

    let arguments: Arguments
    let verb: String

    func run() throws -> Int32 {
        let directory = DialogDirectory(path: arguments.argument(0) ?? Configuration().dialogsPath)
        let catalog: DialogCatalog
        let templates: TemplateCatalog
        do {
            catalog = try directory.load()
            templates = try directory.loadTemplates(localizer: catalog.localizer)
        } catch let failure as DialogCheckFailure {
            for error in failure.errors { FileHandle.standardError.write(Data("\(error)\n".utf8)) }
            print("\(failure.errors.count) problem(s) found")
            return 1
        }
        if verb == "check" {
            print("OK: \(catalog.flows.count) flows, \(templates.templates.count) programme templates, "
                + "\(catalog.localizer.languages.count) languages")
            return 0
        }
        if verb == "corpus" { return try corpus(catalog, at: arguments.argument(1) ?? Self.corpusPath) }
        return try test(TranscriptRunner(catalog: catalog, templates: templates), directory)
    }

    /// Where the utterance corpus lives in a checkout.
    static let corpusPath = "Tests/Corpus"
    /// The share of each language's utterances that must be understood.
    static let corpusTarget = 95.0

    /// Scores the engine on every `.corpus` file at `path` (a file or a folder): the failures as FILE:LINE, then
    /// one line per language.
    private func corpus(_ catalog: DialogCatalog, at path: String) throws -> Int32 {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError("no corpus at \(path)")
        }
        let files = isDirectory.boolValue
            ? try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".corpus") }.sorted()
                .map { (path as NSString).appendingPathComponent($0) }
            : [path]
        let runner = CorpusRunner(engine: Engine(catalog: catalog))
        var outcomes: [CorpusRunner.Outcome] = []
        for file in files {
            do {
                outcomes += runner.run(try Corpus.parse(try String(contentsOfFile: file, encoding: .utf8), file: file))
            } catch let error as FlowFileError {
                print("\(error)")
                return 1
            }
        }
        for outcome in outcomes where !outcome.passed { print("FAIL \(outcome.description)") }
        let scores = CorpusRunner.scores(outcomes)
        for (language, score) in scores.sorted(by: { $0.key < $1.key }) {
            print("corpus \(language): \(score.understood) of \(score.total) understood ("
                + String(format: "%.1f", score.percent) + " %)")
        }
        return scores.values.allSatisfy { $0.percent >= Self.corpusTarget } ? 0 : 1
    }

    private func test(_ runner: TranscriptRunner, _ directory: DialogDirectory) throws -> Int32 {
        var passed = 0
        var failed = 0
        for path in try directory.transcriptPaths() {
            do {
                try runner.run(try Transcript.parse(try String(contentsOfFile: path, encoding: .utf8), file: path))
                passed += 1
            } catch {
                failed += 1
                print("FAIL \(error)")
            }
        }
        print("\(passed) passed, \(failed) failed")
        return failed == 0 ? 0 : 1
    }
}
