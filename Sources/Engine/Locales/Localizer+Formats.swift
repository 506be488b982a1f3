/// Numbers, amounts and lengths of time as each language writes them: the decimal separator (`format.decimal`,
/// `45,50 EUR` in Bulgarian and Turkish) and the units of time (`format.minutes`, `format.hours`,
/// `format.hours_minutes`: `45 мин`, `1 sa 30 dk`).
extension Localizer {
    /// `45.50 EUR`, `45,50 EUR`.
    public func money(_ money: Money, _ language: String) -> String {
        decimal(money.description, language)
    }

    /// A number written with a decimal point (`4.5`, `1.95583`), with the language's decimal separator instead.
    public func decimal(_ number: String, _ language: String) -> String {
        let separator = text("format.decimal", language)
        guard separator != ".", separator.count == 1 else { return number }
        return number.replacingOccurrences(of: ".", with: separator)
    }

    /// `45 min`, `2 h`, `1 h 30 min` — in the language's units.
    public func duration(minutes: Int, _ language: String) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        if hours == 0 { return text("format.minutes", language, ["minutes": String(minutes)]) }
        if rest == 0 { return text("format.hours", language, ["hours": String(hours)]) }
        return text("format.hours_minutes", language, ["hours": String(hours), "minutes": String(rest)])
    }

    /// An answer as the person reads it in `language`: amounts and lengths of time in their own notation, yes and no
    /// in their words; the rest as `SlotDisplay` shows it (choices by id: the engine shows their label).
    public func display(_ value: SlotValue, _ language: String) -> String {
        switch value {
        case .money(let amount): return money(amount, language)
        case .duration(let minutes): return duration(minutes: minutes, language)
        case .yesno(let yes): return words(yes ? "words.yes" : "words.no", language).first ?? SlotDisplay.text(value)
        default: return SlotDisplay.text(value)
        }
    }
}
