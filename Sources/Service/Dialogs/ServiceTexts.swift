import Programme

/// Texts said outside any flow action — by the scheduler, the channels, the reports — with who says them, so
/// `tandem dialogs check` finds one missing from the locales before anyone is sent its key.
enum ServiceTexts {
    static let all: [String: String] = {
        var texts: [String: String] = [:]
        for key in ReminderPlanner.texts { texts[key] = "the scheduler" }
        for key in ConsentGate.texts { texts[key] = "the consent gate" }
        for key in Certificate.texts { texts[key] = "`tandem report certificate`" }
        for key in ["email.form.intro", "email.subject.default", "email.unreadable"] {
            texts[key] = "the email channel"
        }
        let matrix = [
            "matrix.encrypted", "matrix.welcome.direct", "matrix.welcome.group", "matrix.welcome.newcomer",
            "matrix.example.participant", "matrix.example.facilitator", "matrix.example.coordinator",
            "matrix.example.finance_coordinator", "matrix.example.safeguarding_lead", "matrix.redacted_reason",
            "matrix.delete_secret",
        ]
        for key in matrix { texts[key] = "the Matrix channel" }
        for key in ["matrix.answered_privately", "matrix.asked_privately", "matrix.no_private_place"] {
            texts[key] = "a personal command in a group room"
        }
        for key in ["matrix.edit_applied", "matrix.edit_not_applied"] { texts[key] = "an edited message" }
        for key in ["held.ask", "held.expired", "held.settled", "held.declined"] {
            texts[key] = "the confirmation of a held request"
        }
        texts["stranger.hint"] = "the pipeline, to people not enrolled"
        return texts
    }()
}
