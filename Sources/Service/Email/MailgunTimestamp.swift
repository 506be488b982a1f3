/// The freshness half of a Mailgun signature check: the `timestamp` field (decimal epoch seconds, as sent by
/// whoever posts) must be within ``maxSkewSeconds`` of now. No imports, so the fuzzer builds it alone
/// (`Tests/Fuzz/MailgunTimestampFuzz.swift`): it is the arithmetic an attacker controls.
public enum MailgunTimestamp {
    /// How far the timestamp may be from now, in seconds.
    public static let maxSkewSeconds: Int64 = 300

    /// Whether `timestamp` is a number of seconds within ``maxSkewSeconds`` of `now` (epoch ms). Any text and any
    /// clock give an answer: the difference is computed with overflow reported, never trapped
    /// (`-9223372036854775808` is simply not fresh).
    public static func isFresh(_ timestamp: String, now: Int64) -> Bool {
        guard let seconds = Int64(timestamp) else { return false }
        let (difference, overflow) = (now / 1000).subtractingReportingOverflow(seconds)
        return !overflow && difference.magnitude <= maxSkewSeconds.magnitude
    }

    /// When a token signed with `timestamp` stops being accepted anyway (epoch ms): the latest moment
    /// ``isFresh(_:now:)`` can still hold, clamped to `Int64` (a clock near its end cannot trap here either).
    /// Only meaningful for a fresh timestamp.
    public static func expiry(of timestamp: String) -> Int64 {
        let seconds = Int64(timestamp) ?? 0
        let (latest, overflow) = seconds.addingReportingOverflow(maxSkewSeconds)
        let (milliseconds, overflowMilliseconds) = latest.multipliedReportingOverflow(by: 1000)
        guard overflow || overflowMilliseconds else { return milliseconds }
        return seconds < 0 ? .min : .max
    }
}
