import Engine

/// Bank details checked as they are given (`expense_bank.flow` marks both questions `checked`): a wrong IBAN is
/// explained and asked again at once, and an IBAN typed where the holder's name is asked is not taken as the name.
extension SaveBankDetails: AnswerChecking {
    /// What the early checks say (besides the IBAN errors).
    static let checkTexts = ["expenses.holder.iban"]

    public func check(_ question: String, _ answers: ActionRequest, in context: ActionContext) throws -> AnswerVerdict {
        let text = ClaimText(localizer: context.localizer, language: context.language)
        switch question {
        case Self.iban.input.name:
            let typed = try answers.answer(Self.iban)
            do {
                _ = try IBAN(typed)
                return .accepted
            } catch {
                return .reask(text.say(Self.key(for: error), Self.arguments(for: error)), question: question)
            }
        case Self.holder.input.name:
            guard Self.looksLikeIBAN(try answers.answer(Self.holder)) else { return .accepted }
            return .reask(text.say("expenses.holder.iban"), question: question)
        default:
            return .accepted
        }
    }

    /// Whether `text` has an IBAN's shape (two letters, two digits, then letters and digits), right or wrong.
    static func looksLikeIBAN(_ text: String) -> Bool {
        do {
            _ = try IBAN(text)
            return true
        } catch .invalidCharacters {
            return false
        } catch {
            return true
        }
    }
}
