import Engine
import Testing

@testable import Programme

/// Exact conversion with one rounding, half up to the minor unit (Regulation (EC) 1103/97, art. 5).
struct ExpenseConversionTests {
    static let day = CalendarDate(year: 2026, month: 1, day: 1)!

    func rate(_ currency: String, _ text: String) -> ExchangeRate? {
        ExchangeRate(currency: currency, perEUR: text, date: Self.day)
    }

    func eur(_ minor: Int64, _ currency: String, _ perEUR: String) throws -> Int64 {
        try CurrencyConverter.convert(
            Money(minorUnits: minor, currency: currency), to: "EUR", rate: rate(currency, perEUR)
        ).minorUnits
    }

    @Test func convertsLevaAtTheFixedRate() throws {
        #expect(try eur(25_000, "BGN", "1.95583") == 12_782)  // 127.8224… → 127.82
        #expect(try eur(195_583, "BGN", "1.95583") == 100_000)
        #expect(try eur(100, "BGN", "1.95583") == 51)  // 0.5112… → 0.51
    }

    @Test func roundsHalfUpNotHalfEven() throws {
        #expect(try eur(5, "BGN", "2") == 3)  // 0.025 → 0.03 (half-even would give 0.02)
        #expect(try eur(1, "BGN", "2") == 1)  // 0.005 → 0.01 (half-even: 0.00)
        #expect(try eur(3, "BGN", "2") == 2)  // 0.015 → 0.02 either way
        #expect(try eur(7, "BGN", "4") == 2)  // 0.0175 → 0.02
        #expect(try eur(5, "BGN", "4") == 1)  // 0.0125 → 0.01
    }

    @Test func convertsFromEuroAndAcrossExponents() throws {
        let euro = Money(minorUnits: 1_000, currency: "EUR")
        #expect(try CurrencyConverter.convert(euro, to: "BGN", rate: rate("BGN", "1.95583")).minorUnits == 1_956)
        #expect(try CurrencyConverter.convert(euro, to: "JPY", rate: rate("JPY", "162.5")).minorUnits == 1_625)
        #expect(try eur(1_625, "JPY", "162.5") == 1_000)
    }

    @Test func refusesWithoutARateOrNotViaEuro() throws {
        let leva = Money(minorUnits: 100, currency: "BGN")
        #expect(throws: ConversionError.noRate(currency: "BGN")) {
            try CurrencyConverter.convert(leva, to: "EUR", rate: nil)
        }
        #expect(throws: ConversionError.notViaEuro(from: "BGN", to: "TRY")) {
            try CurrencyConverter.convert(leva, to: "TRY", rate: rate("BGN", "1.95583"))
        }
        #expect(try CurrencyConverter.convert(leva, to: "BGN", rate: nil) == leva)
    }

    @Test func readsRatesExactly() {
        #expect(rate("BGN", "1.95583")?.perEUR == "1.95583")
        #expect(rate("BGN", "1,95583")?.perEUR == "1.95583")
        #expect(rate("TRY", "0.05")?.perEUR == "0.05")
        for bad in ["0", "-1.9", "1.2.3", "abc", "", "1.1234567890"] { #expect(rate("BGN", bad) == nil) }
        #expect(rate("EUR", "1") == nil)
        #expect(rate("bgn", "1.9") == nil)
    }
}
