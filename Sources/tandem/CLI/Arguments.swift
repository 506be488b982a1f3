/// The words after a command's name, read against its ``CommandSpec``: `--name value` (or `--name=value`) for the
/// options that take a value, `--name` for flags, the rest positional — and refused, with a message naming the
/// problem, when an option is unknown, a value or a required option is missing, or there are too many or too few
/// positional arguments. `--` ends the options.
struct Arguments {
    private(set) var positional: [String] = []
    private var options: [String: String] = [:]
    private var flags: Set<String> = []

    /// Parses `words` for `spec`.
    init(_ words: [String], for spec: CommandSpec) throws(CLIError) {
        var index = 0
        var optionsEnded = false
        while index < words.count {
            let word = words[index]
            index += 1
            guard !optionsEnded, word.hasPrefix("--"), word.count > 2 else {
                if word == "--" && !optionsEnded { optionsEnded = true } else { positional.append(word) }
                continue
            }
            let text = word.dropFirst(2)
            let name = String(text.prefix { $0 != "=" })
            let inline = text.contains("=") ? String(text.drop { $0 != "=" }.dropFirst()) : nil
            guard let option = spec.option(named: name) else {
                throw CLIError("unknown option --\(name) for `\(spec.name)`")
            }
            if option.isValued {
                if let inline {
                    options[name] = inline
                } else {
                    guard index < words.count else { throw CLIError("option \(option.synopsis) needs a value") }
                    options[name] = words[index]
                    index += 1
                }
            } else {
                guard inline == nil else { throw CLIError("option --\(name) takes no value") }
                flags.insert(name)
            }
        }
        if let missing = spec.options.first(where: { $0.isRequired && options[$0.name] == nil }) {
            throw CLIError("`\(spec.name)` needs \(missing.synopsis)")
        }
        let required = spec.arguments.filter { !$0.isOptional }
        if positional.count < required.count {
            throw CLIError("`\(spec.name)` needs \(required[positional.count].name)")
        }
        if positional.count > spec.arguments.count {
            throw CLIError("unexpected argument `\(positional[spec.arguments.count])` for `\(spec.name)`")
        }
    }

    /// The value of `--name`, if given.
    func option(_ name: String) -> String? { options[name] }

    /// Whether the flag `--name` was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The positional argument at `index`, if given.
    func argument(_ index: Int) -> String? { index < positional.count ? positional[index] : nil }
}
