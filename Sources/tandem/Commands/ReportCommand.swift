import Foundation
import Programme
import Service
import Store

/// `tandem report pair PAIR --format md|csv [--programme NAME]` prints a pair's mentoring log and plan;
/// `tandem report programme NAME --out DIR` writes an anonymised `index.html` with inline SVG charts and the same
/// figures as `sessions_per_week.csv`, `hours_per_pair.csv`, `feedback_usefulness.csv` and
/// `transferability_ratings.csv`.
struct ReportCommand {
    static let usage = """
        tandem report pair PAIR --format md|csv [--programme NAME] [--db FILE]   a pair's log and plan
        tandem report programme NAME --out DIR [--db FILE]                      anonymised programme report
        """

    let arguments: Arguments

    /// Reads its own options (`--format`, `--out` besides `--db`, `--config`, `--programme`).
    init(words: [String]) throws {
        arguments = try Arguments(words, valued: ["db", "config", "programme", "format", "out"])
    }

    func run() throws -> Int32 {
        try arguments.allowFlags([])
        var configuration = try Configuration.load(file: arguments.option("config"))
        if let db = arguments.option("db") { configuration.databasePath = db }
        let words = arguments.positional
        guard words.count == 2, ["pair", "programme"].contains(words[0]) else {
            throw CLIError("expected `report pair PAIR` or `report programme NAME`")
        }
        let database = try Database(path: configuration.databasePath)
        if words[0] == "pair" {
            let format = arguments.option("format") ?? "md"
            guard ["md", "csv"].contains(format) else { throw CLIError("--format is md or csv") }
            let report = try database.read { connection in
                try PairReport.load(label: words[1], programme: arguments.option("programme"), connection: connection)
            }
            print(format == "md" ? report.markdown : report.csv, terminator: "")
            return 0
        }
        guard let out = arguments.option("out") else { throw CLIError("report programme needs --out DIR") }
        let report = try database.read { try ProgrammeReport.load(programme: words[1], connection: $0) }
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try report.html.write(to: folder.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        for file in report.csvFiles {
            try file.text.write(to: folder.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
        }
        print("Wrote \(folder.appendingPathComponent("index.html").path) and \(report.csvFiles.count) CSV files.")
        return 0
    }
}
