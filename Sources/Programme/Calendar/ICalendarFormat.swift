import Engine

/// The text rules of RFC 5545: TEXT escaping (§3.3.11), line folding (§3.1) and date-time values (§3.3.5).
enum ICalendarFormat {
    /// Content lines are folded so that no line is longer than this many octets, without its CRLF.
    static let maxLineOctets = 75

    /// `\` → `\\`, `;` → `\;`, `,` → `\,`, a line break → `\n`; other control characters are dropped.
    static func escapeText(_ text: String) -> String {
        var result = ""
        for scalar in text.replacing("\r\n", with: "\n").replacing("\r", with: "\n").unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n": result += "\\n"
            case "\t": result += " "
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The line in UTF-8, folded: after every 75 octets (74 on continuation lines, which begin with a space)
    /// a CRLF and a space, never inside a multi-byte character. Every line ends with CRLF.
    static func folded(_ line: String) -> [UInt8] {
        var output: [UInt8] = []
        var lineOctets = 0
        for scalar in line.unicodeScalars {
            let encoded = Array(String(scalar).utf8)
            if lineOctets + encoded.count > maxLineOctets {
                output += [0x0D, 0x0A, 0x20]
                lineOctets = 1
            }
            output += encoded
            lineOctets += encoded.count
        }
        return output + [0x0D, 0x0A]
    }

    /// A local date-time (`20260316T140000`), read in the zone of the property's TZID.
    static func localDateTime(_ date: CalendarDate, minutes: Int) -> String {
        basic(date) + "T" + two(minutes / 60) + two(minutes % 60) + "00"
    }

    /// An instant in UTC (`20260314T100000Z`), from epoch milliseconds.
    static func utcDateTime(_ epochMilliseconds: Int64) -> String {
        wallClock(epochMilliseconds >= 0 ? epochMilliseconds / 1000 : (epochMilliseconds - 999) / 1000) + "Z"
    }

    /// The wall-clock date-time (`20260329T030000`) that is `seconds` after 1970-01-01 00:00 on the same clock.
    static func wallClock(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let second = Int(seconds - days * 86_400)
        return basic(CalendarDate(daysSinceEpoch: Int(days))) + "T" + two(second / 3600) + two(second / 60 % 60)
            + two(second % 60)
    }

    /// A UTC offset (`+0200`, `-0330`, `+053328` when it has seconds).
    static func utcOffset(_ seconds: Int) -> String {
        let magnitude = abs(seconds)
        let text = (seconds < 0 ? "-" : "+") + two(magnitude / 3600) + two(magnitude / 60 % 60)
        return magnitude % 60 == 0 ? text : text + two(magnitude % 60)
    }

    /// A DATE value (`20260316`).
    static func basic(_ date: CalendarDate) -> String { date.iso.replacing("-", with: "") }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
