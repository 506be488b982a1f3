import Store

/// Who may see and decide an expense claim. Nobody but its claimant, the finance coordinator of its programme,
/// and (read-only) a facilitator of the claimant's cohort sees a claim; peers never do, nor its receipts.
public struct ClaimAccess: Sendable {
    /// The viewer's enrolments (any programme).
    public let viewer: [EnrolmentRecord]
    public let viewerID: Int64

    public init(viewerID: Int64, viewer: [EnrolmentRecord]) {
        self.viewerID = viewerID
        self.viewer = viewer
    }

    /// Whether the viewer is the finance coordinator of `programmeID`.
    public func isFinanceCoordinator(of programmeID: Int64) -> Bool {
        viewer.contains { $0.programme.id == programmeID && $0.role == Role.finance.rawValue }
    }

    /// Cohorts of `programmeID` in which the viewer is a facilitator.
    public func facilitatedCohorts(in programmeID: Int64) -> Set<Int64> {
        Set(
            viewer.filter { $0.programme.id == programmeID && $0.role == Role.facilitator.rawValue }
                .compactMap(\.cohortID))
    }

    /// Whether the viewer may see `claim`, whose claimant is enrolled as `claimant` (their enrolments).
    public func canView(_ claim: ExpenseClaim, claimant: [EnrolmentRecord]) -> Bool {
        if claim.participantID == viewerID || isFinanceCoordinator(of: claim.programmeID) { return true }
        let cohorts = Set(claimant.filter { $0.programme.id == claim.programmeID }.compactMap(\.cohortID))
        return !facilitatedCohorts(in: claim.programmeID).isDisjoint(with: cohorts)
    }

    /// Whether the viewer may approve, reject, ask about or mark paid `claim`: only its programme's finance
    /// coordinator, and never for their own claim.
    public func canDecide(_ claim: ExpenseClaim) -> Bool {
        claim.participantID != viewerID && isFinanceCoordinator(of: claim.programmeID)
    }
}
