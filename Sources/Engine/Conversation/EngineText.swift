/// Locale keys of the texts the engine itself says, checked by `tandem dialogs check`.
enum EngineText {
    static let menu = "engine.menu"
    static let menuItem = "engine.menu.item"
    /// After the short menu: how to see every command.
    static let menuMore = "engine.menu.more"
    static let unknown = "engine.unknown"
    /// The answer to a thank-you or a goodbye with nothing open.
    static let thanks = "engine.thanks"
    static let wordsThanks = "words.thanks"
    /// Said to someone not enrolled in any programme who asks for what only people in one can do.
    static let notEnrolled = "engine.not_enrolled"
    static let helpQuestion = "engine.help.question"
    static let helpSkip = "engine.help.skip"
    static let cancelled = "engine.cancelled"
    static let nothingToCancel = "engine.nothing_to_cancel"
    static let backFirst = "engine.back.first"
    static let statusIdle = "engine.status.idle"
    static let statusFlow = "engine.status.flow"
    static let expired = "engine.expired"
    static let confirmInvalid = "engine.confirm.invalid"
    static let notSaved = "engine.not_saved"
    static let noted = "engine.noted"
    static let changed = "engine.changed"
    static let notUsed = "engine.not_used"
    static let languageSet = "engine.language.set"
    static let languageUnknown = "engine.language.unknown"
    static let resume = "engine.resume"
    /// Said when a safeguarding flow starts in the middle of another, which waits.
    static let waiting = "engine.waiting"
    static let restarted = "engine.restarted"
    static let languageUnproven = "language.unverified"
    static let skipNotAllowed = "engine.skip_not_allowed"
    static let options = "engine.options"
    /// "What should I change? Name it and give the new value (e.g. "{label} …")."
    static let changeAsk = "engine.change.ask"
    /// A correction that named nothing to change.
    static let changeUnknown = "engine.change.unknown"
    static let changeWhich = "engine.change.which"
    static let or = "format.or"
    /// Added to a confirmation when a record with the same `unique:` answer is saved: "yes" adds another,
    /// "correction" replaces that one.
    static let duplicateAsk = "engine.duplicate.ask"
    static let wordsAnother = "words.another"
    static let wordsCorrection = "words.correction"
    static let languageName = "language.name"
    /// Said once to someone sending more messages per minute than the service answers (used by the service).
    static let slowDown = "engine.slow_down"
    /// Said by a channel when a message could not be processed (its transaction rolled back).
    static let failed = "engine.failed"

    /// The names of the days, Monday first, as written in a sentence.
    static let weekdays = "format.weekdays"

    /// Global command words (comma-separated lists).
    static let wordsHelp = "words.help"
    /// "help all": the whole menu.
    static let wordsHelpAll = "words.help_all"
    static let wordsCancel = "words.cancel"
    static let wordsBack = "words.back"
    static let wordsStatus = "words.status"
    static let wordsLanguage = "words.language"

    static let required = [
        menu, menuItem, unknown, thanks, wordsThanks, notEnrolled, helpQuestion, helpSkip, cancelled, nothingToCancel, backFirst,
        statusIdle, statusFlow,
        expired, confirmInvalid, notSaved, noted, changed, notUsed, languageSet, languageUnknown, resume, waiting,
        restarted, languageUnproven,
        skipNotAllowed, options, languageName, slowDown, failed, wordsHelp, wordsCancel, wordsBack, wordsStatus,
        wordsLanguage,
        "words.yes", "words.no", "words.skip", "words.today", "words.yesterday",
        changeAsk, changeUnknown, changeWhich, or, menuMore, wordsHelpAll, duplicateAsk, wordsAnother, wordsCorrection,
        "engine.answer.just_yes", "engine.answer.date_check", "engine.answer.date_outside",
        "format.decimal", "format.minutes", "format.hours", "format.hours_minutes", weekdays,
    ]
}
