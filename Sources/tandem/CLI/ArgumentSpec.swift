/// A positional argument a command takes, in order.
struct ArgumentSpec: Sendable, Equatable {
    /// Its name in capitals, as the usage line shows it (`FILE.csv`).
    let name: String
    /// One line for the command's help.
    let help: String
    /// It may be left out (only at the end).
    var isOptional = false

    /// `NAME`, or `[NAME]` when optional.
    var synopsis: String { isOptional ? "[\(name)]" : name }
}
