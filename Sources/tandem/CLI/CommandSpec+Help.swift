extension CommandSpec {
    /// The text `tandem COMMAND --help` prints: overview, usage, arguments, options, then the discussion.
    var help: String {
        var lines = ["OVERVIEW: \(abstract)", "", "USAGE: \(Self.wrap(usage, indent: 7))"]
        if !arguments.isEmpty {
            lines += ["", "ARGUMENTS:"] + arguments.map { Self.row($0.name, $0.help) }
        }
        lines += ["", "OPTIONS:"]
        lines += options.map { Self.row($0.synopsis, $0.help + ($0.isRequired ? " (required)" : "")) }
        lines.append(Self.row("-h, --help", "show this help"))
        if !discussion.isEmpty {
            lines += [""] + discussion.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(" ") ? String($0) : Self.wrap(String($0), indent: 0) }
        }
        return lines.joined(separator: "\n")
    }

    /// `  --name VALUE           help`, the help starting in column 28 (on the next line when the name is long) and
    /// wrapped there.
    private static func row(_ name: String, _ help: String) -> String {
        let label = "  " + name
        let text = wrap(help, indent: 27)
        return label.count < 26
            ? label.padding(toLength: 26, withPad: " ", startingAt: 0) + " " + text
            : label + "\n" + String(repeating: " ", count: 27) + text
    }

    /// Breaks `text` at spaces before column 100, continuing lines `indent` columns in.
    static func wrap(_ text: String, indent: Int, width: Int = 100) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width - indent {
                lines.append(line)
                line = String(word)
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n" + String(repeating: " ", count: indent))
    }
}
