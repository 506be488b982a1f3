/// A small RFC 5545 reader for the tests: it checks the physical form (CRLF line ends, lines of at most 75 octets,
/// each valid UTF-8 on its own, so no character was split by folding), unfolds the lines and reads components and
/// properties back.
struct ICalendarReader {
    struct Property {
        let name: String
        let parameters: [String: String]
        /// The value as written (TEXT still escaped).
        let value: String

        /// The TEXT value unescaped (`\\`, `\;`, `\,`, `\n`).
        var text: String {
            var result = ""
            var escaped = false
            for character in value {
                if escaped {
                    result.append(character == "n" || character == "N" ? "\n" : character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    result.append(character)
                }
            }
            return result
        }
    }

    struct Component {
        let name: String
        var properties: [Property] = []
        var components: [Component] = []

        func property(_ name: String) -> Property? { properties.first { $0.name == name } }
        func components(_ name: String) -> [Component] { components.filter { $0.name == name } }
    }

    struct Failure: Error, CustomStringConvertible {
        let line: Int
        let message: String
        var description: String { "line \(line): \(message)" }
    }

    /// The top component of the stream, or the first violation.
    static func parse(_ bytes: [UInt8]) throws -> Component {
        var logical: [(number: Int, text: String)] = []
        for (index, physical) in try physicalLines(bytes).enumerated() {
            guard physical.count <= 75 else { throw Failure(line: index + 1, message: "\(physical.count) octets") }
            guard let text = String(validating: physical, as: UTF8.self) else {
                throw Failure(line: index + 1, message: "not UTF-8 on its own (a character split by folding)")
            }
            if text.hasPrefix(" ") || text.hasPrefix("\t") {
                guard !logical.isEmpty else { throw Failure(line: index + 1, message: "continuation first") }
                logical[logical.count - 1].text += text.dropFirst()
            } else {
                logical.append((index + 1, text))
            }
        }
        var stack: [Component] = []
        var top: Component?
        for (number, text) in logical {
            let property = try contentLine(text, line: number)
            switch property.name {
            case "BEGIN":
                stack.append(Component(name: property.value))
            case "END":
                guard let open = stack.popLast(), open.name == property.value else {
                    throw Failure(line: number, message: "END:\(property.value) does not close the open component")
                }
                if stack.isEmpty { top = open } else { stack[stack.count - 1].components.append(open) }
            default:
                guard !stack.isEmpty else { throw Failure(line: number, message: "property outside a component") }
                stack[stack.count - 1].properties.append(property)
            }
        }
        guard stack.isEmpty, let top else { throw Failure(line: logical.count, message: "unclosed component") }
        return top
    }

    /// The lines between CRLFs; a lone CR or LF, or a missing final CRLF, is an error.
    private static func physicalLines(_ bytes: [UInt8]) throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                lines.append(current)
                current = []
                index += 2
                continue
            }
            guard byte != 0x0D, byte != 0x0A else {
                throw Failure(line: lines.count + 1, message: "a bare CR or LF")
            }
            current.append(byte)
            index += 1
        }
        guard current.isEmpty else { throw Failure(line: lines.count + 1, message: "no CRLF at the end") }
        return lines
    }

    /// `NAME;P=v;Q="a:b":VALUE`.
    private static func contentLine(_ text: String, line: Int) throws -> Property {
        var name = ""
        var parameters: [String: String] = [:]
        var field = ""
        var parameterName: String?
        var quoted = false
        var inName = true
        for (offset, character) in text.enumerated() {
            if character == "\"" { quoted.toggle(); continue }
            if !quoted && (character == ";" || character == ":") {
                if inName { name = field; inName = false } else if let key = parameterName { parameters[key] = field }
                field = ""
                parameterName = nil
                if character == ":" {
                    return Property(name: name, parameters: parameters, value: String(text.dropFirst(offset + 1)))
                }
                continue
            }
            if !quoted && character == "=" && !inName && parameterName == nil {
                parameterName = field
                field = ""
                continue
            }
            field.append(character)
        }
        throw Failure(line: line, message: "no value: \(text)")
    }
}
