/// A usage error: printed with the command's usage line and a pointer to its `--help`, exit status 2.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
