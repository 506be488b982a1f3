import Store

/// How ground rules read in a message: one line per rule.
struct GroundRulesText {
    let rules: GroundRulesRepository.GroundRules

    static let texts = ["rules.text", "rules.friends.yes", "rules.friends.no"]

    func text(_ context: ActionContext, language: String) -> String {
        context.localizer.text("rules.text", language, [
            "how_often": rules.howOften, "where_when": rules.whereWhen, "absence": rules.absence,
            "friends": context.localizer.text(
                rules.friendsAllowed ? "rules.friends.yes" : "rules.friends.no", language),
            "problems": rules.problems,
        ])
    }
}
