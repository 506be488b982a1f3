/// Every `tandem` command, how the words of a command line find one, and the help texts listing them.
struct CommandTable {
    let commands: [Command]

    /// The command the first words name (the longest match), and the words after its name.
    func command(for words: [String]) -> (command: Command, rest: [String])? {
        let matches = commands.filter { words.starts(with: $0.spec.path) }
        guard let best = matches.max(by: { $0.spec.path.count < $1.spec.path.count }) else { return nil }
        return (best, Array(words.dropFirst(best.spec.path.count)))
    }

    /// The commands whose name begins with `prefix` (`["report"]` → the four reports).
    func commands(under prefix: [String]) -> [Command] {
        commands.filter { $0.spec.path.starts(with: prefix) && $0.spec.path.count > prefix.count }
    }

    /// What `tandem help` prints: every command's usage line and what it does.
    var overview: String {
        (["Tandem — peer-mentoring programmes run by message.", "", "USAGE: tandem COMMAND [ARGUMENTS] [OPTIONS]", "",
          "COMMANDS:"] + listing(commands)
            + ["", "`tandem COMMAND --help` (or `tandem help COMMAND`) shows a command's arguments and options."])
            .joined(separator: "\n")
    }

    /// What `tandem report --help` prints for a group of commands.
    func groupHelp(_ prefix: [String]) -> String {
        let group = commands(under: prefix)
        return (["COMMANDS of `tandem \(prefix.joined(separator: " "))`:"] + listing(group)
            + ["", "`tandem \(prefix.joined(separator: " ")) COMMAND --help` shows one command's options."])
            .joined(separator: "\n")
    }

    /// Each command's usage line, then what it does, indented.
    private func listing(_ commands: [Command]) -> [String] {
        commands.flatMap { command in
            ["  " + CommandSpec.wrap(command.spec.usage, indent: 6), "      " + command.spec.abstract]
        }
    }
}
