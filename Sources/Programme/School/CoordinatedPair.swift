import Engine
import Foundation
import Store

/// A pair a coordinator names in a command ("3", "#3", any case) — in their own programme, once its pupil has
/// guardian consent.
struct CoordinatedPair {
    let pairID: Int64
    let label: String
    let membership: Membership

    /// What the refusals say.
    static let texts = ["facilitation.not_allowed", "reassign.unknown_pair", "school.no_consent_pair"]

    /// What may stand around a pair's label.
    private static let around = CharacterSet.whitespaces.union(CharacterSet(charactersIn: "#"))

    /// The pair labelled `typed` in the speaker's programme, or what to say instead (the speaker does not
    /// coordinate, there is no such pair, its pupil has no recorded consent).
    static func named(_ typed: String, _ context: ActionContext) throws -> SchoolLookup<CoordinatedPair> {
        let label = typed.trimmingCharacters(in: around)
        guard context.coordinates, let membership = context.membership else {
            return .refused(context.say("facilitation.not_allowed"))
        }
        guard let pairID = try context.connection.query(
            "SELECT id FROM pairs WHERE programme_id = ? AND label = ? COLLATE NOCASE", [membership.programme.id, label]
        ).first?.int64("id") else { return .refused(context.say("reassign.unknown_pair", ["pair": label])) }
        // The consent gate for the whole pair: nothing is recorded for, or sent about, a pupil without consent.
        guard try !membership.template.requiresGuardianConsent || !ProgrammeRepository(context.connection)
            .pairsAwaitingConsent(programmeID: membership.programme.id).contains(pairID)
        else { return .refused(context.say("school.no_consent_pair", ["pair": label])) }
        return .found(CoordinatedPair(pairID: pairID, label: label, membership: membership))
    }
}
