/// The HTML5 named character references (`&ouml;`, `&NotEqualTilde;`, all 2,125 of them), read once from the
/// generated `table`.
enum HTMLEntities {
    private struct Entry {
        let text: String
        /// HTML reads it without the `;` too (`&copy`, `&amp`).
        let legacy: Bool
    }

    private static let entries: [String: Entry] = {
        var entries: [String: Entry] = [:]
        for item in table.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            guard let equals = item.firstIndex(of: "=") else { continue }
            let legacy = item.first == "*"
            let name = String(item[item.index(item.startIndex, offsetBy: legacy ? 1 : 0)..<equals])
            var text = String.UnicodeScalarView()
            for hex in item[item.index(after: equals)...].split(separator: "+") {
                if let scalar = UInt32(hex, radix: 16).flatMap(Unicode.Scalar.init) { text.append(scalar) }
            }
            entries[name] = Entry(text: String(text), legacy: legacy)
        }
        return entries
    }()

    /// The longest name.
    static let maxNameLength = 32

    /// The text of the reference `name` (without `&` and `;`); nil when there is no such reference, or when it was
    /// not `terminated` by `;` and HTML does not read it without one.
    static func text(of name: String, terminated: Bool) -> String? {
        guard let entry = entries[name], terminated || entry.legacy else { return nil }
        return entry.text
    }
}
