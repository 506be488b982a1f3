/// The simple HTML alternative of a text email: escaped text, paragraphs at blank lines, line breaks kept,
/// links left as text.
enum EmailHTML {
    /// A complete HTML document for `text`.
    static func render(_ text: String) -> String {
        let paragraphs = text.split(separator: "\n\n", omittingEmptySubsequences: true).map { paragraph in
            "<p>" + paragraph.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }
                .joined(separator: "<br>\n") + "</p>"
        }
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"></head>
            <body style="font-family: sans-serif; line-height: 1.4">
            \(paragraphs.joined(separator: "\n"))
            </body></html>
            """
    }

    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
