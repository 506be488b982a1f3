/// The words after the command, with `--name value` options read by name.
struct Arguments {
    private(set) var positional: [String] = []
    private var options: [String: String] = [:]
    private var flags: Set<String> = []

    /// Splits `words` into positional words, `--name value` options (names in `valued`) and `--flag`s.
    init(_ words: [String], valued: Set<String>) throws(CLIError) {
        var index = 0
        while index < words.count {
            let word = words[index]
            if word.hasPrefix("--") {
                let name = String(word.dropFirst(2))
                if valued.contains(name) {
                    guard index + 1 < words.count else { throw CLIError("option --\(name) needs a value") }
                    options[name] = words[index + 1]
                    index += 1
                } else {
                    flags.insert(name)
                }
            } else {
                positional.append(word)
            }
            index += 1
        }
    }

    func option(_ name: String) -> String? { options[name] }
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// Rejects flags the command does not know.
    func allowFlags(_ known: Set<String>) throws(CLIError) {
        if let unknown = flags.subtracting(known).sorted().first { throw CLIError("unknown option --\(unknown)") }
    }
}

/// A usage error: printed with the usage text, exit status 2.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
