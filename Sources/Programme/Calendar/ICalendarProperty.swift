/// One iCalendar property (RFC 5545 §3.1): `NAME;PARAM=value:VALUE` before folding.
public struct ICalendarProperty: Sendable, Hashable {
    /// One `NAME=value` parameter.
    public struct Parameter: Sendable, Hashable {
        public let name: String
        public let value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public let name: String
    public let parameters: [Parameter]
    /// The value as it is written: already in its value type's format (escaped for TEXT, see `text`).
    public let value: String

    /// A property whose value is written as given (dates, numbers, identifiers).
    public init(_ name: String, _ value: String) {
        self.init(name, [], value)
    }

    /// A property with parameters, its value written as given.
    public init(_ name: String, _ parameters: [Parameter], _ value: String) {
        self.name = name
        self.parameters = parameters
        self.value = value
    }

    /// A TEXT property: backslash, semicolon, comma and line breaks escaped (RFC 5545 §3.3.11).
    public static func text(_ name: String, _ value: String) -> ICalendarProperty {
        ICalendarProperty(name, [], ICalendarFormat.escapeText(value))
    }

    /// The unfolded content line. Parameter values with `:`, `;` or `,` are quoted; a double quote, which no
    /// parameter value may hold, becomes an apostrophe and line breaks become spaces.
    var contentLine: String {
        var line = name
        for parameter in parameters {
            let value = String(parameter.value.map { character -> Character in
                switch character {
                case "\"": "'"
                case "\r", "\n", "\r\n": " "
                default: character
                }
            })
            let needsQuotes = value.contains { $0 == ":" || $0 == ";" || $0 == "," }
            line += ";\(parameter.name)=" + (needsQuotes ? "\"\(value)\"" : value)
        }
        return line + ":" + value
    }
}
