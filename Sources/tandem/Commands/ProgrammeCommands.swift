import Engine
import Foundation
import Programme
import Service

/// `tandem import`, `tandem programme create` and `tandem demo`: setting up programmes.
struct ProgrammeCommands {
    static let template = OptionSpec(name: "template", value: "ID", help: "the programme template (Dialogs/programmes)")
    static let start = OptionSpec(name: "start", value: "YYYY-MM-DD", help: "the programme's first day")
    static let timeZone = OptionSpec(name: "tz", value: "ZONE", help: "the programme's time zone (e.g. Europe/Sofia)")
    static let commands = [
        Command(spec: CommandSpec(
            path: ["programme", "create"], abstract: "create a programme (or update it) and print its join code",
            options: [
                OptionSpec(name: "name", value: "NAME", help: "the programme's name").required,
                template, start, timeZone, .db, .config, .dialogs,
            ])) { try ProgrammeCommands(arguments: $0).create() },
        Command(spec: CommandSpec(
            path: ["import"], abstract: "enrol people from a CSV; a bad row names its line and nothing is applied",
            arguments: [ArgumentSpec(
                name: "FILE.csv", help: "columns: \(EnrolmentCSV.columns.joined(separator: ", "))")],
            options: [.programme.required, template, start, timeZone, .db, .config, .dialogs],
            discussion: "The programme is created when missing (then --template and --start are needed). "
                + "Importing the same file again changes nothing.")) {
            try ProgrammeCommands(arguments: $0).importFile()
        },
        Command(spec: CommandSpec(
            path: ["demo"], abstract: "a demo programme with one person per role, then a terminal chat as its mentee",
            options: [.db, .config, .dialogs])) { try ProgrammeCommands(arguments: $0).demo() },
    ]

    let arguments: Arguments

    private func pipeline() throws -> Pipeline {
        var configuration = try Configuration.load(file: arguments.option("config"))
        if let db = arguments.option("db") { configuration.databasePath = db }
        if let dialogs = arguments.option("dialogs") { configuration.dialogsPath = dialogs }
        return try ServiceFactory(configuration: configuration).pipeline()
    }

    private func target(name: String) throws -> EnrolmentImporter.Target {
        var start: CalendarDate?
        if let text = arguments.option("start") {
            guard let date = CalendarDate(iso: text) else { throw CLIError("--start must be YYYY-MM-DD") }
            start = date
        }
        if let zone = arguments.option("tz"), TimeZone(identifier: zone) == nil {
            throw CLIError("unknown time zone \(zone)")
        }
        return .init(name: name, template: arguments.option("template"), startDate: start, timeZone: arguments.option("tz"))
    }

    /// `tandem programme create`.
    func create() throws -> Int32 {
        guard let name = arguments.option("name") else { preconditionFailure("required options are checked") }
        let pipeline = try pipeline()
        let target = try target(name: name)
        let programme = try pipeline.database.write { connection in
            try EnrolmentImporter(connection, templates: pipeline.templates).programme(target, now: pipeline.clock.now())
        }
        print(programme.created ? "Created programme \(name)." : "Programme \(name) already exists (updated).")
        print("Join code: \(programme.0.joinCode) — participants say \"join \(programme.0.joinCode)\" to the bot.")
        return 0
    }

    /// `tandem import FILE.csv --programme NAME`.
    func importFile() throws -> Int32 {
        guard let file = arguments.argument(0), let name = arguments.option("programme") else {
            preconditionFailure("arguments and required options are checked")
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw CLIError("cannot read \(file) as UTF-8 text")
        }
        let pipeline = try pipeline()
        let target = try target(name: name)
        let languages = Set(pipeline.engine.catalog.localizer.languages)
        do {
            let summary = try pipeline.database.write { connection in
                let importer = EnrolmentImporter(connection, templates: pipeline.templates)
                let (programme, created) = try importer.programme(target, now: pipeline.clock.now())
                let roles = Set(pipeline.templates.template(programme.template)?.roles ?? [])
                let rows = try EnrolmentCSV.parse(text, languages: languages, roles: roles).get()
                var summary = try importer.apply(rows, to: programme, now: pipeline.clock.now())
                summary.programmeCreated = created
                return (summary, rows.count, programme.joinCode)
            }
            let (counts, people, joinCode) = summary
            print("\(file): \(Self.counted(people, "person", "people")); \(counts.participantsCreated) new, "
                + Self.counted(counts.changes, "change", "changes")
                + (counts.programmeCreated ? "; programme \(name) created, join code \(joinCode)" : ""))
            return 0
        } catch let failure as EnrolmentFailure {
            for error in failure.errors { FileHandle.standardError.write(Data("\(file): \(error)\n".utf8)) }
            print("nothing was imported")
            return 1
        }
    }

    /// "1 person", "2 people": a count with its noun, for the operator's lines.
    private static func counted(_ count: Int, _ one: String, _ other: String) -> String {
        "\(count) \(count == 1 ? one : other)"
    }

    /// `tandem demo`: a small city-to-city programme started three weeks ago, then a chat as its mentee.
    func demo() throws -> Int32 {
        let pipeline = try pipeline()
        let today = Clock.localDate(pipeline.clock.now(), timeZone: "Europe/Sofia")
        let csv = """
            name,role,pair,cohort,email,language,supervisor_email
            Ana Petrova,mentee,Sofia–Porto,Sofia,ana@example.org,en,director@sofia.example.org
            Marco Silva,mentor,Sofia–Porto,Sofia,marco@example.org,en,
            Fatma Yılmaz,facilitator,,Sofia,fatma@example.org,tr,
            Georgi Ivanov,finance_coordinator,,,finance@example.org,bg,
            Clara Weber,coordinator,,,clara@example.org,en,
            Sam Okafor,safeguarding_lead,,,safeguarding@example.org,en,
            """
        let languages = Set(pipeline.engine.catalog.localizer.languages)
        let code = try pipeline.database.write { connection in
            let importer = EnrolmentImporter(connection, templates: pipeline.templates)
            let (programme, _) = try importer.programme(
                .init(name: "Demo exchange", template: "city_to_city", startDate: today.adding(days: -20),
                      timeZone: "Europe/Sofia"), now: pipeline.clock.now())
            let roles = Set(pipeline.templates.template(programme.template)?.roles ?? [])
            _ = try importer.apply(try EnrolmentCSV.parse(csv, languages: languages, roles: roles).get(), to: programme,
                                   now: pipeline.clock.now())
            return programme.joinCode
        }
        print("Demo programme \"Demo exchange\" (join code \(code)). You are Ana, the mentee; Marco is your mentor.")
        print("Try: what's next · log yesterday 45 min topics: visa rules · my log · help")
        var words = ["--as", "ana@example.org"]
        for name in ["db", "config", "dialogs"] {
            if let value = arguments.option(name) { words += ["--\(name)", value] }
        }
        return try ChatCommand(arguments: Arguments(words, for: ChatCommand.spec)).run()
    }
}
