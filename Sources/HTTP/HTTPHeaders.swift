/// An ordered list of HTTP header fields with case-insensitive lookup.
///
/// Fields keep the order and spelling in which they were received or added. Lookups compare names
/// ASCII case-insensitively, so `headers["content-type"]` finds a `Content-Type` field.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral,
    CustomStringConvertible
{
    /// One header field.
    public typealias Field = (name: String, value: String)

    /// The fields, in order.
    public private(set) var fields: [Field]

    /// Creates headers from ordered fields.
    public init(_ fields: [Field] = []) {
        self.fields = fields
    }

    /// Creates headers from a literal; the order of the literal is kept.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.fields = elements.map { (name: $0.0, value: $0.1) }
    }

    /// The number of fields (a name that occurs twice counts twice).
    public var count: Int { fields.count }

    /// Whether there are no fields.
    public var isEmpty: Bool { fields.isEmpty }

    /// The value of the first field called `name` (case-insensitive), or `nil`.
    ///
    /// Setting a value replaces every field of that name by a single field; setting `nil` removes them.
    public subscript(name: String) -> String? {
        get { fields.first { Self.namesEqual($0.name, name) }?.value }
        set {
            if let newValue {
                set(name: name, value: newValue)
            } else {
                remove(name: name)
            }
        }
    }

    /// All values of the fields called `name` (case-insensitive), in order.
    public func values(for name: String) -> [String] {
        fields.filter { Self.namesEqual($0.name, name) }.map(\.value)
    }

    /// Whether a field called `name` is present.
    public func contains(_ name: String) -> Bool {
        fields.contains { Self.namesEqual($0.name, name) }
    }

    /// Appends a field, keeping any existing field of the same name.
    public mutating func add(name: String, value: String) {
        fields.append((name: name, value: value))
    }

    /// Replaces all fields called `name` by one field, placed where the first one was (or at the end).
    public mutating func set(name: String, value: String) {
        if let index = fields.firstIndex(where: { Self.namesEqual($0.name, name) }) {
            fields[index] = (name: fields[index].name, value: value)
            var seen = false
            fields.removeAll { field in
                guard Self.namesEqual(field.name, name) else { return false }
                defer { seen = true }
                return seen
            }
        } else {
            fields.append((name: name, value: value))
        }
    }

    /// Removes all fields called `name`.
    public mutating func remove(name: String) {
        fields.removeAll { Self.namesEqual($0.name, name) }
    }

    /// Whether the comma-separated values of the fields called `name` contain `token` (case-insensitive),
    /// e.g. `hasToken("close", in: "connection")`.
    public func hasToken(_ token: String, in name: String) -> Bool {
        for value in values(for: name) {
            for part in value.split(separator: ",") where Self.namesEqual(Self.trimmed(part), token) {
                return true
            }
        }
        return false
    }

    public func makeIterator() -> IndexingIterator<[Field]> {
        fields.makeIterator()
    }

    public var description: String {
        fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// ASCII case-insensitive comparison of two names or tokens.
    static func namesEqual<A: StringProtocol, B: StringProtocol>(_ lhs: A, _ rhs: B) -> Bool {
        let a = lhs.utf8
        let b = rhs.utf8
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) where x != y {
            let lx = (x >= 0x41 && x <= 0x5A) ? x | 0x20 : x
            let ly = (y >= 0x41 && y <= 0x5A) ? y | 0x20 : y
            if lx != ly { return false }
        }
        return true
    }

    /// `text` without leading and trailing spaces and horizontal tabs.
    static func trimmed(_ text: Substring) -> Substring {
        var result = text
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
