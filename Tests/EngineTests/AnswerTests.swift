import Testing
@testable import Engine

/// Actions read answers through typed `Answer` handles: the declared type, or a clear flow/action mismatch.
struct AnswerTests {
    func request(_ slots: [String: SlotValue]) -> ActionRequest {
        ActionRequest(flow: "f", action: "act", slots: slots)
    }

    @Test func aDurationReadsAsMinutes() throws {
        #expect(try request(["d": .duration(minutes: 90)]).answer(Answer.duration("d")) == 90)
    }

    @Test func moneyReadsAsAnAmount() throws {
        let amount = Money(minorUnits: 4550, currency: "EUR")
        #expect(try request(["m": .money(amount)]).answer(Answer.money("m")) == amount)
    }

    @Test func aMissingRequiredAnswerNamesTheActionAndSlot() {
        #expect(throws: ActionInputError.self) { try request([:]).answer(Answer.text("t")) }
        do {
            _ = try request([:]).answer(Answer.text("t"))
        } catch {
            #expect(error.description == "action `act` needs slot `t` of another type or present")
        }
    }

    @Test func aMissingOptionalAnswerIsNil() throws {
        #expect(try request([:]).answer(Answer.time("start").optional) == nil)
    }

    @Test func anOptionalAnswerOfAnotherTypeIsStillAMismatch() {
        #expect(throws: ActionInputError.self) {
            try request(["start": .text("two")]).answer(Answer.time("start").optional)
        }
    }

    @Test func theDeclarationCarriesNameTypeAndOptionality() {
        let input = Answer.list("topics").optional.input
        #expect(input == ActionInput("topics", .list, optional: true))
    }
}
