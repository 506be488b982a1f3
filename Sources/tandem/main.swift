import Foundation

/// `tandem` — the command line. Each command lives in `Commands/` and declares its arguments and options
/// (`CLI/CommandSpec.swift`); this file finds the command the words name, answers `--help`, and runs it.
let table = CommandTable(commands: [
    Command(spec: ServeCommand.spec) { try ServeCommand(arguments: $0).run() },
    Command(spec: ChatCommand.spec) { try ChatCommand(arguments: $0).run() },
] + ProgrammeCommands.commands + DialogsCommand.commands + ReportCommand.commands + [
    Command(spec: MatrixCommand.spec) { try MatrixCommand(arguments: $0).run() },
] + OutboxCommand.commands + EraseCommand.commands + [
    Command(spec: DoctorCommand.spec) { try DoctorCommand(arguments: $0).run() },
] + ExpensesCommand.commands + BackupCommand.commands + [
    Command(spec: BenchCommand.spec) { try BenchCommand(arguments: $0).run() },
])

/// Whether `words` ask for help (`--help` or `-h` before any `--`).
func asksForHelp(_ words: [String]) -> Bool {
    words.prefix { $0 != "--" }.contains { $0 == "--help" || $0 == "-h" }
}

func fail(_ message: String, usage: String, helpCommand: String) -> Never {
    FileHandle.standardError.write(Data("tandem: \(message)\n\n\(usage)\nSee `\(helpCommand) --help`.\n".utf8))
    exit(2)
}

// Whatever Tandem creates — the database and its WAL, backups, exports with full IBANs, reports — is for its own
// user only (issue 15); `deploy/tandem.service` sets the same with `UMask=0077`.
umask(0o077)

let words = Array(CommandLine.arguments.dropFirst())
if words.isEmpty || words == ["help"] || words == ["--help"] || words == ["-h"] {
    print(table.overview)
    exit(0)
}
if words.first == "help" {
    let topic = Array(words.dropFirst())
    if let (command, rest) = table.command(for: topic), rest.isEmpty {
        print(command.spec.help)
    } else if !table.commands(under: topic).isEmpty {
        print(table.groupHelp(topic))
    } else {
        fail(
            "no command `\(topic.joined(separator: " "))`", usage: "USAGE: tandem help [COMMAND]",
            helpCommand: "tandem")
    }
    exit(0)
}
guard let (command, rest) = table.command(for: words) else {
    let group = words.prefix { !$0.hasPrefix("-") }
    for length in stride(from: group.count, through: 1, by: -1) {
        let prefix = Array(group.prefix(length))
        guard !table.commands(under: prefix).isEmpty else { continue }
        if asksForHelp(words) {
            print(table.groupHelp(prefix))
            exit(0)
        }
        let names = table.commands(under: prefix).map { "`\($0.spec.path.joined(separator: " "))`" }
        fail(
            "expected \(names.joined(separator: ", "))", usage: table.groupHelp(prefix),
            helpCommand: "tandem " + prefix.joined(separator: " "))
    }
    fail("unknown command `\(words[0])`", usage: "USAGE: tandem COMMAND [ARGUMENTS] [OPTIONS]", helpCommand: "tandem")
}
if asksForHelp(rest) {
    print(command.spec.help)
    exit(0)
}
do {
    exit(try command.run(Arguments(rest, for: command.spec)))
} catch let error as CLIError {
    fail(error.description, usage: "USAGE: \(command.spec.usage)", helpCommand: command.spec.name)
} catch {
    FileHandle.standardError.write(Data("tandem: \(error)\n".utf8))
    exit(1)
}
