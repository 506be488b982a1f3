import Store

/// The one place the school steps ask whether a pupil's guardian has consented (the template's `guardian consent:
/// required`). A pupil without it gets none of the school steps: their own flows are closed to them (see
/// `Membership.activeRoles`), and nothing is recorded or sent for their pair by their mentor or the project team.
enum GuardianConsent {
    /// What the refusals say.
    static let texts = ["school.no_consent", "school.no_consent_pair"]

    /// Whether every mentee of the pair has recorded consent, where the template asks for it.
    static func isRecorded(pairID: Int64, template: ProgrammeTemplate, connection: Connection) throws -> Bool {
        guard template.requiresGuardianConsent else { return true }
        return try ProgrammeRepository(connection).members(pairID: pairID)
            .filter { $0.role == Role.mentee.rawValue }
            .allSatisfy(\.guardianConsent)
    }
}
