extension Configuration {
    /// `tandem doctor`'s warning when some `matrix.*` keys are set and others are empty.
    var matrixWarnings: [DoctorFinding] {
        let matrix = [
            ("matrix.homeserver_url", matrixHomeserverURL), ("matrix.server_name", matrixServerName),
            ("matrix.as_token", matrixASToken), ("matrix.hs_token", matrixHSToken),
        ]
        let missing = matrix.filter { $0.1.isEmpty }.map(\.0)
        guard !missing.isEmpty, missing.count < matrix.count else { return [] }
        return [.warn(
            "configuration", "Matrix is half configured: \(missing.joined(separator: ", ")) empty",
            fix: "`tandem matrix registration --config FILE` writes every matrix setting (deploy/matrix.md)")]
    }
}
