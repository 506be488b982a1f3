import Foundation
import Service

/// `tandem` — the command line. Each command lives in `Commands/`.
let usage = """
    Tandem — peer-mentoring programmes run by message.

    Usage:
      tandem serve [--config FILE]     run the service (embedded defaults without a file)
      \(ChatCommand.usage)
    \(ProgrammeCommands.usage.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
      tandem bench [--quick] [--out FILE]   the performance benchmark (see deploy/bench.md)
    \(ExpensesCommand.usage.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
    \(ReportCommand.usage.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
    \(BackupCommand.usage.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
    \(OutboxCommand.usage.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
    \(EraseCommand.usage.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
    \(MatrixCommand.usage.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
    \(DoctorCommand.usage.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
    \(DialogsCommand.usage.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
      tandem help                      this text
    """

let words = Array(CommandLine.arguments.dropFirst())
do {
    let rest = Array(words.dropFirst())
    let valued: Set<String> = [
        "db", "as", "dialogs", "config", "url", "server-name", "homeserver", "localpart", "name", "template", "start",
        "tz", "programme", "out",
    ]
    let status: Int32
    switch words.first {
    case "chat": status = try ChatCommand(arguments: Arguments(rest, valued: valued)).run()
    case "dialogs": status = try DialogsCommand(arguments: Arguments(rest, valued: valued)).run()
    case "serve": status = try ServeCommand(arguments: Arguments(rest, valued: valued)).run()
    case "bench": status = try BenchCommand(arguments: Arguments(rest, valued: valued)).run()
    case "matrix": status = try MatrixCommand(arguments: Arguments(rest, valued: valued)).run()
    case "programme": status = try ProgrammeCommands(arguments: Arguments(rest, valued: valued)).create()
    case "import": status = try ProgrammeCommands(arguments: Arguments(rest, valued: valued)).importFile()
    case "backup": status = try BackupCommand(arguments: Arguments(rest, valued: valued)).backup()
    case "restore": status = try BackupCommand(arguments: Arguments(rest, valued: valued)).restore()
    case "expenses": status = try ExpensesCommand(arguments: Arguments(rest, valued: ExpensesCommand.valued)).run()
    case "report": status = try ReportCommand(words: rest).run()
    case "outbox": status = try OutboxCommand(arguments: Arguments(rest, valued: valued)).run()
    case "erase": status = try EraseCommand(arguments: Arguments(rest, valued: valued)).run()
    case "doctor": status = try DoctorCommand(arguments: Arguments(rest, valued: valued)).run()
    case "demo": status = try ProgrammeCommands(arguments: Arguments(rest, valued: valued)).demo()
    case nil, "help", "--help", "-h":
        print(usage)
        status = 0
    case let other?:
        throw CLIError("unknown command `\(other)`")
    }
    exit(status)
} catch let error as CLIError {
    FileHandle.standardError.write(Data("tandem: \(error)\n\n\(usage)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("tandem: \(error)\n".utf8))
    exit(1)
}
