import Foundation
import Programme
import Service
import Store

/// `tandem report pair PAIR --format md|csv [--programme NAME]` prints a pair's mentoring log and plan;
/// `tandem report programme NAME --out DIR` writes an anonymised `index.html` with inline SVG charts and the same
/// figures as `sessions_per_week.csv`, `hours_per_pair.csv`, `feedback_usefulness.csv` and
/// `transferability_ratings.csv` (and, where pairs review their progress, `review_indications.csv`);
/// `tandem report learning PAIR [--lang en|bg|tr]` prints the draft of a pair's learning programme report (Markdown); `tandem report certificate PAIR|ADDRESS --out FILE` writes printable
/// certificates of satisfactory completion, or says what is missing.
struct ReportCommand {
    static let pairArgument = ArgumentSpec(name: "PAIR", help: "the pair's label, as in the enrolment CSV")
    static let inProgramme = OptionSpec(name: "programme", value: "NAME", help: "the programme, when labels repeat")
    static let commands = [
        Command(spec: CommandSpec(
            path: ["report", "pair"], abstract: "a pair's mentoring log and learning plan", arguments: [pairArgument],
            options: [
                OptionSpec(name: "format", value: "md|csv", help: "Markdown (default) or CSV"), inProgramme, .db,
                .config,
            ])) { try ReportCommand(arguments: $0, kind: "pair").run() },
        Command(spec: CommandSpec(
            path: ["report", "programme"],
            abstract: "the anonymised programme report: index.html with SVG charts and the same figures as CSV",
            arguments: [ArgumentSpec(name: "NAME", help: "the programme")],
            options: [
                OptionSpec(name: "out", value: "DIR", help: "the folder written").required, .db, .config, .dialogs,
            ],
            discussion: "Counts only; fewer than 5 pairs or people are shown as <5. Safe to share.")) {
            try ReportCommand(arguments: $0, kind: "programme").run()
        },
        Command(spec: CommandSpec(
            path: ["report", "learning"], abstract: "the draft of a pair's learning programme report (Markdown)",
            arguments: [pairArgument],
            options: [
                OptionSpec(name: "lang", value: "en|bg|tr", help: "its language (default: en)"), inProgramme, .db,
                .config, .dialogs,
            ])) { try ReportCommand(arguments: $0, kind: "learning").run() },
        Command(spec: CommandSpec(
            path: ["report", "certificate"],
            abstract: "printable certificates of satisfactory completion, or what each person is missing (exit 1)",
            arguments: [ArgumentSpec(name: "PAIR|ADDRESS", help: "a pair's label, or one person's address")],
            options: [
                OptionSpec(name: "out", value: "FILE", help: "the HTML file written").required, inProgramme,
                .db, .config, .dialogs,
            ])) { try ReportCommand(arguments: $0, kind: "certificate").run() },
    ]

    let arguments: Arguments
    let kind: String

    func run() throws -> Int32 {
        var configuration = try Configuration.load(file: arguments.option("config"))
        if let db = arguments.option("db") { configuration.databasePath = db }
        if let dialogs = arguments.option("dialogs") { configuration.dialogsPath = dialogs }
        guard let subject = arguments.argument(0) else { preconditionFailure("arguments are checked by Arguments") }
        let database = try configuration.openDatabase()
        switch kind {
        case "pair": try pair(subject, database)
        case "programme":
            try programme(subject, database, dialogs: DialogDirectory(path: configuration.dialogsPath))
        case "learning": try learning(subject, database, dialogs: DialogDirectory(path: configuration.dialogsPath))
        default: try certificate(subject, database, dialogs: DialogDirectory(path: configuration.dialogsPath))
        }
        return 0
    }

    private func pair(_ label: String, _ database: Database) throws {
        let format = arguments.option("format") ?? "md"
        guard ["md", "csv"].contains(format) else { throw CLIError("--format is md or csv") }
        let report = try database.read { connection in
            try PairReport.load(label: label, programme: arguments.option("programme"), connection: connection)
        }
        print(format == "md" ? report.markdown : report.csv, terminator: "")
    }

    private func programme(_ name: String, _ database: Database, dialogs: DialogDirectory) throws {
        guard let out = arguments.option("out") else { preconditionFailure("required options are checked") }
        let catalog = try dialogs.load()
        let report = try database.read { connection in
            var report = try ProgrammeReport.load(programme: name, connection: connection)
            report.indications = try IndicationCounts.load(programme: name, catalog: catalog, connection: connection)
            return report
        }
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try report.html.write(to: folder.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        for file in report.csvFiles {
            try file.text.write(to: folder.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
        }
        print("Wrote \(folder.appendingPathComponent("index.html").path) and \(report.csvFiles.count) CSV files.")
    }

    private func learning(_ label: String, _ database: Database, dialogs: DialogDirectory) throws {
        let language = arguments.option("lang") ?? "en"
        let localizer = try dialogs.load().localizer
        guard localizer.entries[language] != nil else {
            throw CLIError("--lang is one of \(localizer.entries.keys.sorted().joined(separator: ", "))")
        }
        let templates = try dialogs.loadTemplates(localizer: localizer)
        let report = try database.read { connection in
            try LearningReport.load(
                label: label, programme: arguments.option("programme"), templates: templates, connection: connection)
        }
        let today = ProgrammeTime(Int64(Date().timeIntervalSince1970 * 1000), timeZone: report.programme.timeZone).date
        print(report.markdown(localizer: localizer, language: language, today: today), terminator: "")
    }

    private func certificate(_ subject: String, _ database: Database, dialogs: DialogDirectory) throws {
        guard let out = arguments.option("out") else { preconditionFailure("required options are checked") }
        let localizer = try dialogs.load().localizer
        let templates = try dialogs.loadTemplates(localizer: localizer)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let certificate = try database.read { connection in
            try Certificate.load(
                subject: subject, programme: arguments.option("programme"), now: now, templates: templates,
                localizer: localizer, connection: connection)
        }
        try certificate.html(localizer: localizer)
            .write(to: URL(fileURLWithPath: out), atomically: true, encoding: .utf8)
        let names = certificate.holders.map(\.name).joined(separator: ", ")
        print("Wrote \(out): \(certificate.holders.count) certificate(s) for \(names).")
    }
}
