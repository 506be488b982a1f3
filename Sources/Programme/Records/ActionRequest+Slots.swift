import Engine

/// Typed access to a completed flow's answers; a missing or mistyped slot is a flow/action mismatch.
extension ActionRequest {
    func text(_ slot: String) throws(ActionInputError) -> String {
        guard case .text(let text)? = slots[slot] else { throw ActionInputError(action: action, slot: slot) }
        return text
    }

    /// A skipped optional text is nil.
    func optionalText(_ slot: String) -> String? {
        guard case .text(let text)? = slots[slot] else { return nil }
        return text
    }

    func integer(_ slot: String) throws(ActionInputError) -> Int {
        guard case .integer(let number)? = slots[slot] else { throw ActionInputError(action: action, slot: slot) }
        return number
    }

    /// An integer question that is not on the flow's path (or was skipped) is nil.
    func optionalInteger(_ slot: String) -> Int? {
        guard case .integer(let number)? = slots[slot] else { return nil }
        return number
    }

    func yesno(_ slot: String) throws(ActionInputError) -> Bool {
        guard case .yesno(let answer)? = slots[slot] else { throw ActionInputError(action: action, slot: slot) }
        return answer
    }

    func choice(_ slot: String) throws(ActionInputError) -> String {
        guard case .choice(let id)? = slots[slot] else { throw ActionInputError(action: action, slot: slot) }
        return id
    }

    func date(_ slot: String) throws(ActionInputError) -> CalendarDate {
        guard case .date(let date)? = slots[slot] else { throw ActionInputError(action: action, slot: slot) }
        return date
    }

    func time(_ slot: String) throws(ActionInputError) -> ClockTime {
        guard case .time(let time)? = slots[slot] else { throw ActionInputError(action: action, slot: slot) }
        return time
    }

    func list(_ slot: String) throws(ActionInputError) -> [String] {
        guard case .list(let items)? = slots[slot] else { throw ActionInputError(action: action, slot: slot) }
        return items
    }

    /// The files of an attachment question that is not on the flow's path are empty.
    func attachments(_ slot: String) -> [AttachmentRef] {
        guard case .attachments(let files)? = slots[slot] else { return [] }
        return files
    }
}
