import Engine
import Store

/// The speaker's own pair as the school steps read and write it: their `RecordScope`, once the pair's pupil has
/// guardian consent.
struct SchoolPair {
    let scope: RecordScope
    let pairID: Int64

    /// The speaker's pair, or what to say instead.
    enum Lookup {
        case found(SchoolPair)
        case refused(String)

        var pair: SchoolPair? {
            if case .found(let pair) = self { pair } else { nil }
        }

        var refusal: String {
            if case .refused(let text) = self { text } else { "" }
        }
    }

    /// What the refusals say.
    static let texts = ["records.no_pair"] + GuardianConsent.texts

    static func of(_ context: ActionContext) throws -> Lookup {
        guard let scope = try RecordScope(context), let pairID = scope.pairID else {
            return .refused(context.say("records.no_pair"))
        }
        guard try GuardianConsent.isRecorded(
            pairID: pairID, template: scope.membership.template, connection: context.connection)
        else { return .refused(context.say("school.no_consent")) }
        return .found(SchoolPair(scope: scope, pairID: pairID))
    }
}
