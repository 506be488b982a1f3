/// The header fields of a message or body part, in order, with case-insensitive lookup.
public struct MIMEHeaders: Sendable, Hashable {
    /// Every field, in the order received; a name may repeat (`Received`).
    public let fields: [MIMEHeaderField]

    /// Headers from fields in order.
    public init(_ fields: [MIMEHeaderField] = []) {
        self.fields = fields
    }

    /// The decoded value of the first field with this name (any case), or nil.
    public subscript(name: String) -> String? {
        field(name)?.value
    }

    /// The raw (not RFC 2047-decoded) value of the first field with this name, or nil.
    public func rawValue(for name: String) -> String? {
        field(name)?.rawValue
    }

    /// The decoded values of every field with this name, in order.
    public func values(for name: String) -> [String] {
        let key = name.lowercased()
        return fields.filter { $0.name.lowercased() == key }.map(\.value)
    }

    /// Whether a field with this name is present.
    public func contains(_ name: String) -> Bool {
        field(name) != nil
    }

    /// The number of fields.
    public var count: Int { fields.count }

    private func field(_ name: String) -> MIMEHeaderField? {
        let key = name.lowercased()
        return fields.first { $0.name.lowercased() == key }
    }
}
