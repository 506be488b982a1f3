import Engine
import Store

/// The speaker's own pair as the school steps read and write it: their `RecordScope`. A pair whose pupil has no
/// recorded guardian consent is none of the speaker's pairs (`Membership`'s consent gate holds it back).
struct SchoolPair {
    let scope: RecordScope
    let pairID: Int64

    /// What the refusals say.
    static let texts = ["records.no_pair"]

    /// The speaker's pair, or what to say instead.
    static func of(_ context: ActionContext) throws -> SchoolLookup<SchoolPair> {
        guard let scope = try RecordScope(context), let pairID = scope.pairID else {
            return .refused(context.say("records.no_pair"))
        }
        return .found(SchoolPair(scope: scope, pairID: pairID))
    }

    /// Whether the speaker opted out of the validation of their learning (and has not come back).
    func hasOptedOut(_ context: ActionContext) throws -> Bool {
        try ValidationChoiceRepository(context.connection).isOptedOut(
            participantID: context.participantID, programmeID: scope.programmeID)
    }
}
