/// How long to wait before retrying a failed delivery, and when to give up.
public struct RetryPolicy: Sendable, Equatable {
    /// First retry delay; doubles with every attempt.
    public var initialDelayMilliseconds: Int64 = 1_000
    /// The delay never grows beyond this.
    public var maxDelayMilliseconds: Int64 = 5 * 60_000
    /// A row still undelivered this long after it was queued is marked dead.
    public var deadAfterMilliseconds: Int64 = 24 * 3_600_000

    public init() {}

    /// Capped exponential backoff with "equal jitter": half fixed, half random, so retries of many rows spread out.
    public func delay(afterAttempts attempts: Int, random: Double) -> Int64 {
        let exponent = min(max(attempts, 0), 30)
        let base = min(maxDelayMilliseconds, initialDelayMilliseconds << Int64(exponent))
        return base / 2 + Int64(Double(base / 2) * min(max(random, 0), 1))
    }
}
