import Service
import Testing

/// Log levels: a line below the configured level is dropped before its message is built.
struct LogTests {
    @Test func levelsAreReadByNameInAnyCase() {
        #expect(LogLevel.allCases.map(\.description) == ["debug", "info", "warn", "error"])
        #expect(LogLevel(name: "WARN") == .warn)
        #expect(LogLevel(name: "verbose") == nil)
    }

    @Test func aLineBelowTheLevelIsNotEvenBuilt() {
        let previous = Log.level
        defer { Log.level = previous }
        Log.level = .error
        var built = 0
        func message() -> String {
            built += 1
            return "log test line"
        }
        Log.debug(message())
        Log.info(message())
        Log.warn(message())
        #expect(built == 0)
        #expect(Log.isEnabled(.error) && !Log.isEnabled(.warn))
    }
}
