/// Text in `format=flowed` (RFC 3676), as Thunderbird and Apple Mail send plain text.
public enum MIMEFlowed {
    /// The text with its soft line breaks (a line ending in a space) joined — only between
    /// lines of the same quote depth (the number of leading `>`), never across a signature separator — and its
    /// space-stuffing removed. Quoted lines are written back as `> ` per level.
    public static func unflowed(_ text: String, deleteSpace: Bool = false) -> String {
        var lines: [String] = []
        var current = ""
        var depth = 0
        var open = false
        func prefix(_ depth: Int) -> String { depth == 0 ? "" : String(repeating: ">", count: depth) + " " }
        func close() {
            if open { lines.append(prefix(depth) + current) }
            current = ""
            open = false
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(raw)
            var level = 0
            while line.first == ">" {
                level += 1
                line = line.dropFirst()
            }
            if line.first == " " { line = line.dropFirst() }
            if open && level != depth { close() }
            if line == "-- " {
                close()
                lines.append(prefix(level) + line)
                continue
            }
            depth = level
            if line.hasSuffix(" ") {
                current += deleteSpace ? line.dropLast() : line
                open = true
            } else {
                lines.append(prefix(level) + current + line)
                current = ""
                open = false
            }
        }
        close()
        return lines.joined(separator: "\n")
    }
}
