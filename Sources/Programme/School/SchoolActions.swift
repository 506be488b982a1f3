extension ActionRegistry {
    /// The school programme's own steps: the working plan, progress reviews, a mentor who cannot go on and a change
    /// of mentor, and the optional
    /// validation (learning statement, joint statement, the project team's evaluation, portfolio, opting out).
    static let schoolActions: [any FlowAction] = [
        SaveWorkingPlan(), ShowWorkingPlan(), SaveReview(), ReportMentorLeaving(), ReassignMentor(),
        SaveLearningStatement(), ReviseLearningStatement(), ApproveLearningStatement(), SaveJointStatement(),
        SaveTeamEvaluation(), SendPortfolio(), OptOutOfValidation(),
    ]
}
