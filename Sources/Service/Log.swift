import Foundation
import Synchronization

/// Structured one-line logs on standard error: `level=info msg="…" key=value`. Never pass secrets.
public enum Log {
    public static func info(_ message: @autoclosure () -> String) { write("info", message()) }
    public static func error(_ message: @autoclosure () -> String) { write("error", message()) }

    private static let timestamp = Date.ISO8601FormatStyle()
    /// The last second formatted, and its text: every request logs a line, and formatting a date costs more than
    /// the rest of the line (issue 9).
    private static let lastSecond = Mutex<(second: Int64, text: String)>((-1, ""))

    private static func write(_ level: String, _ message: String) {
        let now = Date()
        let second = Int64(now.timeIntervalSince1970.rounded(.down))
        let stamp = lastSecond.withLock { last in
            if last.second != second {
                last = (second, Date(timeIntervalSince1970: TimeInterval(second)).formatted(timestamp))
            }
            return last.text
        }
        var line = "ts=\(stamp) level=\(level) \(message)\n"
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
