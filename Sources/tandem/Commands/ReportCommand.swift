import Foundation
import Programme
import Service
import Store

/// `tandem report pair PAIR --format md|csv [--programme NAME]` prints a pair's mentoring log and plan;
/// `tandem report programme NAME --out DIR` writes an anonymised `index.html` with inline SVG charts and the same
/// figures as `sessions_per_week.csv`, `hours_per_pair.csv`, `feedback_usefulness.csv` and
/// `transferability_ratings.csv`; `tandem report learning PAIR [--lang en|bg|tr]` prints the draft of a pair's
/// learning programme report (Markdown); `tandem report certificate PAIR|ADDRESS --out FILE` writes printable
/// certificates of satisfactory completion, or says what is missing.
struct ReportCommand {
    static let usage = """
        tandem report pair PAIR --format md|csv [--programme NAME] [--db FILE]   a pair's log and plan
        tandem report programme NAME --out DIR [--db FILE]                      anonymised programme report
        tandem report learning PAIR [--lang en|bg|tr] [--programme NAME] [--db FILE]
                                       draft of a pair's learning programme report (Markdown)
        tandem report certificate PAIR|ADDRESS --out FILE [--programme NAME] [--db FILE]
                                       certificates of satisfactory completion (printable HTML)
        """

    let arguments: Arguments

    /// Reads its own options (`--format`, `--out`, `--lang`, `--dialogs` besides `--db`, `--config`,
    /// `--programme`).
    init(words: [String]) throws {
        arguments = try Arguments(words, valued: ["db", "config", "programme", "format", "out", "lang", "dialogs"])
    }

    func run() throws -> Int32 {
        try arguments.allowFlags([])
        var configuration = try Configuration.load(file: arguments.option("config"))
        if let db = arguments.option("db") { configuration.databasePath = db }
        if let dialogs = arguments.option("dialogs") { configuration.dialogsPath = dialogs }
        let words = arguments.positional
        guard words.count == 2, ["pair", "programme", "learning", "certificate"].contains(words[0]) else {
            throw CLIError("expected `report pair PAIR`, `report programme NAME`, `report learning PAIR` or "
                + "`report certificate PAIR|ADDRESS`")
        }
        let database = try configuration.openDatabase()
        switch words[0] {
        case "pair": try pair(words[1], database)
        case "programme": try programme(words[1], database)
        case "learning": try learning(words[1], database, dialogs: DialogDirectory(path: configuration.dialogsPath))
        default: try certificate(words[1], database, dialogs: DialogDirectory(path: configuration.dialogsPath))
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

    private func programme(_ name: String, _ database: Database) throws {
        guard let out = arguments.option("out") else { throw CLIError("report programme needs --out DIR") }
        let report = try database.read { try ProgrammeReport.load(programme: name, connection: $0) }
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
        guard let out = arguments.option("out") else { throw CLIError("report certificate needs --out FILE") }
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
