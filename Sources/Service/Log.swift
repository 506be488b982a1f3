import Foundation

/// Structured one-line logs on standard error: `level=info msg="…" key=value`. Never pass secrets.
public enum Log {
    public static func info(_ message: @autoclosure () -> String) { write("info", message()) }
    public static func error(_ message: @autoclosure () -> String) { write("error", message()) }

    private static let timestamp = Date.ISO8601FormatStyle()

    private static func write(_ level: String, _ message: String) {
        let line = "ts=\(Date().formatted(timestamp)) level=\(level) \(message)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
