extension Schema {
    /// Agendas, ground rules, learning plans, documents, feedback, evaluations, transferability assessments.
    static let participantRecords: [Migration] = []
}
