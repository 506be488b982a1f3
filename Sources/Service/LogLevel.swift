/// How important a log line is. Lines below the configured level (`log.level`, `--log-level`) are not written, and
/// their messages are not even built.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    /// Detail for finding a fault: what each step decided.
    case debug
    /// What the service does: start, stop, each HTTP request, messages it ignored.
    case info
    /// Something is wrong but handled: a retry, a refused input, a degraded dependency.
    case warn
    /// A request or a background pass failed.
    case error

    /// Reads `debug`, `info`, `warn` or `error` (any case); nil for anything else.
    public init?(name: String) {
        guard let level = Self.allCases.first(where: { $0.description == name.lowercased() }) else { return nil }
        self = level
    }

    /// The name written in each line, `level=NAME`.
    public var description: String {
        switch self {
        case .debug: "debug"
        case .info: "info"
        case .warn: "warn"
        case .error: "error"
        }
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}
