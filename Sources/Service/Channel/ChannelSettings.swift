import Channels

/// A channel's configuration section as loaded: each declared key's value, or its default.
public struct ChannelSettings: Sendable {
    /// The section's name (the channel's).
    public let section: String
    let declared: [ChannelSetting]
    let values: [String: JSONValue]

    /// The text value of `name`.
    public func string(_ name: String) -> String {
        guard case .string(let text) = value(name) else { preconditionFailure("\(section).\(name) is not a string") }
        return text
    }

    /// The whole-number value of `name`.
    public func integer(_ name: String) -> Int {
        guard case .integer(let number) = value(name) else {
            preconditionFailure("\(section).\(name) is not an integer")
        }
        return number
    }

    /// The `true`/`false` value of `name`.
    public func boolean(_ name: String) -> Bool {
        guard case .bool(let flag) = value(name) else { preconditionFailure("\(section).\(name) is not a boolean") }
        return flag
    }

    /// The full key (`sms.gateway_url`), for errors that name it.
    public func key(_ name: String) -> String { "\(section).\(name)" }

    private func value(_ name: String) -> JSONValue {
        guard let setting = declared.first(where: { $0.name == name }) else {
            preconditionFailure("\(section).\(name) is not declared by the channel")
        }
        return values[key(name)] ?? setting.defaultValue
    }
}
