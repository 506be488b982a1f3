/// What a command is called, what it does and what it takes — its usage line, its `--help` and the parsing of its
/// words all come from this one declaration (the idea of swift-argument-parser's `CommandConfiguration`, by hand).
struct CommandSpec: Sendable {
    /// The words that name it after `tandem`: `["serve"]`, `["outbox", "retry"]`.
    let path: [String]
    /// One line: what it does (`tandem help` lists these).
    let abstract: String
    var arguments: [ArgumentSpec] = []
    var options: [OptionSpec] = []
    /// Further paragraphs for `--help`: what to know before running it.
    var discussion = ""

    /// `tandem outbox retry`.
    var name: String { (["tandem"] + path).joined(separator: " ") }

    /// `tandem import FILE.csv --programme NAME [--template ID] …`.
    var usage: String {
        let options = self.options.map { $0.isRequired ? $0.synopsis : "[\($0.synopsis)]" }
        return ([name] + arguments.map(\.synopsis) + options).joined(separator: " ")
    }

    /// The option named `name`, if the command has it.
    func option(named name: String) -> OptionSpec? { options.first { $0.name == name } }
}
