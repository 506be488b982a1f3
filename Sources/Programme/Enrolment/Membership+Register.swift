/// The register a participant is addressed in (see `ProgrammeTemplate.register`).
extension Membership {
    /// The template's register for the people its pairs are made of (mentees, mentors); nil — the language's own
    /// texts — for anyone with a programme role (a coordinator, a facilitator), who is addressed formally.
    public var register: String? {
        Self.register(of: template, roles: roles)
    }

    /// The register of `template` for someone with `roles` in one of its programmes.
    public static func register(of template: ProgrammeTemplate, roles: Set<String>) -> String? {
        let pairRoles = Set(Role.allCases.filter(\.isPairRole).map(\.rawValue))
        return !roles.isEmpty && roles.isSubset(of: pairRoles) ? template.register : nil
    }
}
