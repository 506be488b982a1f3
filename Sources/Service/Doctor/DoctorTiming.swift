/// Durations as the report shows them and libcurl takes them: whole milliseconds.
enum DoctorTiming {
    /// `duration` in whole milliseconds, rounded.
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int((attoseconds + 500_000_000_000_000) / 1_000_000_000_000_000)
    }

    /// Whole milliseconds elapsed since `start`, rounded.
    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        milliseconds(ContinuousClock.now - start)
    }
}
