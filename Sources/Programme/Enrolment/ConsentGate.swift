import Engine
import Store

/// Guardian consent for the whole pair, where the template requires it (school pupils are minors): what a pupil
/// waiting for it and their mentor are told. `Membership` keeps such a pair out of every record and notice; this
/// says why — once unprompted to the pupil, and whenever either asks for something that has to wait.
public struct ConsentGate {
    let membership: Membership
    let connection: Connection
    let localizer: Localizer
    let language: String

    public init(membership: Membership, connection: Connection, localizer: Localizer, language: String) {
        self.membership = membership
        self.connection = connection
        self.localizer = localizer
        self.language = language
    }

    /// Who records consent: the programme's coordinators by name, else "your school's project team".
    /// The texts the gate says, for `tandem dialogs check`.
    public static let texts = [
        "consent.project_team", "consent.held_mentee", "consent.held_mentor", "consent.explain",
        "status.waiting_consent_peer",
    ]

    func recorders() throws -> String {
        let names = try ProgrammeRepository(connection).names(
            programmeID: membership.programme.id, role: Role.coordinator.rawValue)
        return names.isEmpty ? localizer.text("consent.project_team", language) : names.joined(separator: ", ")
    }

    /// The names of the peers whose consent the speaker's pairs wait for.
    var waitedFor: String {
        membership.peersAwaitingConsent.filter { $0.role == Role.mentee.rawValue }.map(\.name)
            .joined(separator: ", ")
    }

    /// What to say to someone whose roles are on hold when they ask for a flow only those roles could use; nil when
    /// nothing is on hold.
    public func heldNotice() throws -> String? {
        guard !membership.heldRoles.isEmpty else { return nil }
        if membership.awaitsOwnConsent {
            return localizer.text("consent.held_mentee", language, ["names": try recorders()])
        }
        return localizer.text("consent.held_mentor", language, ["peers": waitedFor, "names": try recorders()])
    }

    /// What consent is and who records it, the first time a pupil waiting for it writes (recorded, so it is said
    /// once); nil otherwise.
    public func explanationDue(now: Int64) throws -> String? {
        guard membership.awaitsOwnConsent, try ProgrammeRepository(connection).markConsentExplained(
            participantID: membership.enrolments[0].participantID, programmeID: membership.programme.id, now: now)
        else { return nil }
        return localizer.text("consent.explain", language, ["names": try recorders()])
    }

    /// The line "what's next" shows instead of the step's instructions while consent is awaited; nil otherwise.
    public func statusLine() throws -> String? {
        if membership.awaitsOwnConsent {
            return localizer.text("status.waiting_consent", language, ["names": try recorders()])
        }
        guard !membership.pairsAwaitingConsent.isEmpty else { return nil }
        return localizer.text("status.waiting_consent_peer", language, ["peers": waitedFor, "names": try recorders()])
    }
}
