import Programme
import Testing

/// Quiet hours from the configuration's `HH:MM-HH:MM`: spanning midnight or not, none, and clear errors.
struct QuietHoursTests {
    @Test func theDefaultSpansMidnight() throws {
        let hours = try QuietHours(parsing: "21:00-08:00")
        #expect(hours == QuietHours())
        #expect(hours.contains(21 * 60) && hours.contains(23 * 60 + 59))
        #expect(hours.contains(0) && hours.contains(7 * 60 + 59))
        #expect(!hours.contains(8 * 60) && !hours.contains(20 * 60 + 59))
        #expect(hours.description == "21:00-08:00")
    }

    @Test func aDaytimeRangeAndSpacesAndOneDigitHours() throws {
        let hours = try QuietHours(parsing: " 9:30 - 17:00 ")
        #expect(hours == QuietHours(start: 9 * 60 + 30, end: 17 * 60))
        #expect(hours.contains(12 * 60) && !hours.contains(17 * 60) && !hours.contains(9 * 60 + 29))
        #expect(hours.description == "09:30-17:00")
    }

    @Test func equalEndsMeanNoQuietHours() throws {
        let hours = try QuietHours(parsing: "00:00-00:00")
        #expect((0..<1440).allSatisfy { !hours.contains($0) })
    }

    @Test(arguments: ["", "21-08", "21:00", "21:00-08:00-09:00", "24:00-08:00", "21:60-08:00", "21:0-08:00",
                      "9pm-8am", "２１:00-08:00", "-21:00-08:00", "21:00 08:00", "123:00-08:00"])
    func otherFormsAreRefusedNamingWhatWasGiven(_ text: String) {
        #expect { try QuietHours(parsing: text) } throws: { error in
            guard let error = error as? QuietHoursError else { return false }
            return error.text == text && error.description.contains("HH:MM-HH:MM")
        }
    }
}
