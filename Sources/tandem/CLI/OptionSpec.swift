/// An option a command accepts: `--name VALUE`, or a flag `--name` when it takes no value.
struct OptionSpec: Sendable, Equatable {
    /// The name after `--`.
    let name: String
    /// What the value is, in capitals (`FILE`); nil for a flag.
    let value: String?
    /// One line for the command's help.
    let help: String
    /// The command refuses to run without it.
    var isRequired = false

    /// Whether it takes a value.
    var isValued: Bool { value != nil }

    /// `--name VALUE` (or `--name`), as the usage line and the help show it.
    var synopsis: String { "--\(name)" + (value.map { " \($0)" } ?? "") }

    /// This option, required.
    var required: OptionSpec {
        var copy = self
        copy.isRequired = true
        return copy
    }

    // MARK: - Options several commands share

    static let config = OptionSpec(name: "config", value: "FILE", help: "the JSON configuration (default: built-in)")
    static let db = OptionSpec(name: "db", value: "FILE", help: "the SQLite database, instead of database.path")
    static let dialogs = OptionSpec(name: "dialogs", value: "DIR", help: "flows and texts, instead of dialogs.path")
    static let programme = OptionSpec(name: "programme", value: "NAME", help: "the programme's name")
}
