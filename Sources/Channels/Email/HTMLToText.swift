/// A small HTML-to-text converter for HTML-only mail: enough to read what a person wrote, not a renderer.
///
/// Drops `script`, `style`, `title` and `template` content and comments; block elements and `<br>` become line
/// breaks (paragraphs and headings a blank line), list items start with `- `, table cells are separated by
/// spaces, `blockquote` content is prefixed with `> ` (so quoted history can be stripped like plain-text quotes);
/// whitespace collapses outside `pre`; every HTML5 named (`&amp;`, `&ouml;`, `&NotEqualTilde;`; the legacy ones also
/// without `;`, as browsers read them) and numeric (`&#NNN;` `&#xHH;`) character reference is decoded.
public enum HTMLToText {
    /// The text of an HTML document or fragment.
    public static func plainText(_ html: String) -> String {
        var renderer = Renderer(Array(html.unicodeScalars))
        renderer.run()
        return renderer.result()
    }

    private static let paragraphElements: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6"]
    private static let blockElements: Set<String> = [
        "div", "li", "tr", "table", "tbody", "thead", "tfoot", "ul", "ol", "dl", "dt", "dd", "section", "article",
        "header", "footer", "nav", "aside", "address", "form", "fieldset", "figure", "figcaption", "center", "main",
        "blockquote", "pre", "hr", "body", "html", "caption", "details", "summary",
    ]
    private static let skippedElements: Set<String> = ["script", "style", "title", "template"]

    private struct Renderer {
        let input: [Unicode.Scalar]
        var index = 0
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        var pendingNewlines = 0
        var atLineStart = true
        var quoteDepth = 0
        var preDepth = 0
        /// Set once a `<` found no `>` after it: no later `<` can start a tag either (keeps this linear).
        var noMoreTags = false

        init(_ input: [Unicode.Scalar]) {
            self.input = input
        }

        mutating func run() {
            while index < input.count {
                let scalar = input[index]
                if scalar == "<" {
                    tag()
                } else if scalar == "&" {
                    entity()
                } else {
                    text(scalar)
                    index += 1
                }
            }
        }

        func result() -> String {
            let lines = String(output).split(separator: "\n", omittingEmptySubsequences: false)
                .map { line -> Substring in
                    var line = line
                    while let last = line.last, last == " " || last == "\t" { line.removeLast() }
                    return line
                }
            return lines.joined(separator: "\n").mimeTrimmed()
        }

        mutating func text(_ scalar: Unicode.Scalar) {
            let isSpace = scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{C}"
            if preDepth > 0 && scalar == "\n" {
                pendingNewlines += 1
                flushNewlines()
                return
            }
            if isSpace && preDepth == 0 {
                if !atLineStart { pendingSpace = true }
                return
            }
            if scalar == "\r" { return }
            flushNewlines()
            if atLineStart {
                for _ in 0..<quoteDepth { output.append(contentsOf: "> ".unicodeScalars) }
            } else if pendingSpace {
                output.append(" ")
            }
            output.append(scalar == "\u{A0}" ? " " : scalar)
            atLineStart = false
            pendingSpace = false
        }

        mutating func flushNewlines() {
            guard pendingNewlines > 0 else { return }
            if !output.isEmpty {
                for _ in 0..<min(pendingNewlines, 2) { output.append("\n") }
                atLineStart = true
            }
            pendingNewlines = 0
            pendingSpace = false
        }

        mutating func block(_ count: Int) {
            pendingNewlines = max(pendingNewlines, atLineStart && output.isEmpty ? 0 : count)
            pendingSpace = false
        }

        mutating func tag() {
            let start = index
            index += 1
            guard index < input.count, !noMoreTags else {
                text("<")
                return
            }
            if input[index] == "!" || input[index] == "?" {
                if matches("!--", at: index) {
                    skip(past: "-->")
                } else {
                    skip(past: ">")
                }
                return
            }
            let closing = input[index] == "/"
            if closing { index += 1 }
            var name = ""
            while index < input.count, input[index].properties.isAlphabetic || ("0"..."9").contains(input[index]) {
                name.unicodeScalars.append(input[index])
                index += 1
            }
            guard !name.isEmpty else {
                index = start + 1
                text("<")
                return
            }
            name = name.lowercased()
            var quote: Unicode.Scalar?
            var ended = false
            while index < input.count {
                let scalar = input[index]
                index += 1
                if let open = quote {
                    if scalar == open { quote = nil }
                } else if scalar == "\"" || scalar == "'" {
                    quote = scalar
                } else if scalar == ">" {
                    ended = true
                    break
                }
            }
            guard ended else {
                // Never closed: not a tag after all.
                noMoreTags = true
                index = start + 1
                text("<")
                return
            }
            apply(name, closing: closing)
        }

        mutating func apply(_ name: String, closing: Bool) {
            if !closing && HTMLToText.skippedElements.contains(name) {
                skip(past: "</" + name)
                skip(past: ">")
                return
            }
            switch name {
            case "br":
                pendingNewlines = min(pendingNewlines + 1, 2)
                if output.isEmpty { pendingNewlines = 0 }
                pendingSpace = false
            case "td", "th":
                if !atLineStart { pendingSpace = true }
            case "blockquote":
                block(1)
                quoteDepth = closing ? max(0, quoteDepth - 1) : quoteDepth + 1
            case "pre":
                block(1)
                preDepth = closing ? max(0, preDepth - 1) : preDepth + 1
            case "li":
                block(1)
                if !closing {
                    flushNewlines()
                    for scalar in "- ".unicodeScalars where scalar != " " { text(scalar) }
                    pendingSpace = true
                }
            default:
                if HTMLToText.paragraphElements.contains(name) {
                    block(2)
                } else if HTMLToText.blockElements.contains(name) {
                    block(1)
                }
            }
        }

        mutating func entity() {
            var end = index + 1
            var name = ""
            while end < input.count, end - index <= HTMLEntities.maxNameLength, input[end] != ";" {
                let scalar = input[end]
                guard scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "#" else { break }
                name.unicodeScalars.append(scalar)
                end += 1
            }
            let terminated = end < input.count && input[end] == ";"
            var decoded: [Unicode.Scalar]?
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { [$0] }
            } else if name.hasPrefix("#") {
                decoded = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map { [$0] }
            } else {
                decoded = HTMLEntities.text(of: name, terminated: terminated).map { Array($0.unicodeScalars) }
            }
            guard let decoded else {
                text("&")
                index += 1
                return
            }
            index = terminated ? end + 1 : end
            for scalar in decoded { text(scalar == "\u{0}" ? "\u{FFFD}" : scalar) }
        }

        func matches(_ literal: String, at position: Int) -> Bool {
            var offset = position
            for scalar in literal.unicodeScalars {
                guard offset < input.count,
                      input[offset].properties.lowercaseMapping == scalar.properties.lowercaseMapping else {
                    return false
                }
                offset += 1
            }
            return true
        }

        mutating func skip(past literal: String) {
            let first = literal.unicodeScalars.first
            while index < input.count {
                if input[index].properties.lowercaseMapping == first?.properties.lowercaseMapping,
                   matches(literal, at: index) {
                    index += literal.unicodeScalars.count
                    return
                }
                index += 1
            }
        }
    }
}
