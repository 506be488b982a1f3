import Foundation
import Synchronization

/// Structured one-line logs on standard error, one line per event:
/// `ts=2026-03-14T09:30:00Z level=info EVENT key=value …` — the timestamp (UTC, to the second), the level, then
/// the message as the caller wrote it: a few words naming the event, then its `key=value` fields
/// (`http method=PUT route=/transactions status=200 duration_us=812`). Lines below ``level`` are dropped before
/// their message is built. Never pass secrets.
public enum Log {
    /// The lowest level written (default `info`); set once at start-up from `log.level` or `--log-level`.
    public static var level: LogLevel {
        get { LogLevel(rawValue: minimum.load(ordering: .relaxed)) ?? .info }
        set { minimum.store(newValue.rawValue, ordering: .relaxed) }
    }

    /// Whether a line at `level` would be written (to skip work done only for a log line).
    public static func isEnabled(_ level: LogLevel) -> Bool { level >= self.level }

    public static func debug(_ message: @autoclosure () -> String) { write(.debug, message()) }
    public static func info(_ message: @autoclosure () -> String) { write(.info, message()) }
    public static func warn(_ message: @autoclosure () -> String) { write(.warn, message()) }
    public static func error(_ message: @autoclosure () -> String) { write(.error, message()) }

    private static let minimum = Atomic<Int>(LogLevel.info.rawValue)
    private static let timestamp = Date.ISO8601FormatStyle()
    /// The last second formatted, and its text: every request logs a line, and formatting a date costs more than
    /// the rest of the line (issue 9).
    private static let lastSecond = Mutex<(second: Int64, text: String)>((-1, ""))

    /// Writes one line at `level` (dropped, unbuilt, below ``level``).
    public static func write(_ level: LogLevel, _ message: @autoclosure () -> String) {
        guard isEnabled(level) else { return }
        let now = Date()
        let second = Int64(now.timeIntervalSince1970.rounded(.down))
        let stamp = lastSecond.withLock { last in
            if last.second != second {
                last = (second, Date(timeIntervalSince1970: TimeInterval(second)).formatted(timestamp))
            }
            return last.text
        }
        var line = "ts=\(stamp) level=\(level) \(message())\n"
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else {
                    return  // standard error is gone: nothing sensible to do with a log line
                }
            }
        }
    }
}
