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
        return try test(TranscriptRunner(catalog: catalog, templates: templates), directory)
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
