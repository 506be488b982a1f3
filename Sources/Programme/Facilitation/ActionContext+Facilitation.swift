import Store

extension ActionContext {
    /// The speaker's membership when they facilitate or coordinate their programme; nil for everyone else, whose
    /// requests facilitation actions refuse (flows say `for: facilitator, coordinator` too — this is the second
    /// lock on the same door).
    var facilitation: Membership? {
        guard let membership,
              !membership.activeRoles.isDisjoint(with: [Role.facilitator.rawValue, Role.coordinator.rawValue])
        else { return nil }
        return membership
    }

    /// What describing a broadcast (its audience, subject and time) says.
    static let broadcastTexts = ["broadcast.only", "broadcast.what.next_step", "broadcast.when"]
        + ["everyone", "cohort", "pair"].map { "broadcast.audience.\($0)" } + Role.textKeys

    /// Whether the speaker coordinates their programme (and so reaches every pair in it).
    var coordinates: Bool { membership?.activeRoles.contains(Role.coordinator.rawValue) == true }

    /// How a broadcast's audience reads in the speaker's language: "cohort Sofia (mentors)".
    func describe(_ broadcast: BroadcastRecord) -> String {
        var text = say("broadcast.audience.\(broadcast.audience.rawValue)", ["name": broadcast.target ?? ""])
        if broadcast.roles.count == 1, let role = broadcast.roles.first {
            text += " " + say("broadcast.only", ["role": say("role.\(role)")])
        }
        return text
    }

    /// What a broadcast says, shortened: its text, or "the next step".
    func subject(_ broadcast: BroadcastRecord) -> String {
        guard let body = broadcast.body else { return say("broadcast.what.next_step") }
        return body.count > 40 ? "“" + body.prefix(40) + "…”" : "“" + body + "”"
    }

    /// When a broadcast goes out, in the programme's time zone.
    func when(_ instant: Int64, timeZone: String) -> String {
        say("broadcast.when", ["time": ProgrammeTime(instant, timeZone: timeZone).text, "zone": timeZone])
    }
}
