import Engine
import Store

/// `who_is_behind` ("who is behind"): the pairs a facilitator looks after (a coordinator: all pairs) that are
/// late against the template — meetings, quiet time, overdue documents — or waiting: reminders unanswered, expense
/// claims not yet decided by finance (counts only, no amounts).
public struct WhoIsBehind: FlowAction {
    public let name = "who_is_behind"

    /// Pairs listed in one reply; the rest are counted.
    static let shown = 25

    public var contract: ActionContract {
        ActionContract(texts: [
            "facilitation.not_allowed", "behind.none", "behind.header", "behind.meetings", "behind.quiet",
            "behind.document", "behind.unanswered", "behind.claims", "behind.cohort", "behind.pair", "behind.more",
        ])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        guard let membership = context.facilitation else { return [context.say("facilitation.not_allowed")] }
        let programme = membership.programme
        let report = try BehindReport.build(
            programme: programme, template: membership.template,
            viewerID: context.coordinates ? nil : context.participantID,
            today: ProgrammeTime(context.now, timeZone: programme.timeZone).date, connection: context.connection)
        let common = [
            "programme": programme.name, "day": String(report.day), "length": String(membership.template.lengthDays),
            "checked": String(report.checked), "count": String(report.pairs.count),
        ]
        guard !report.pairs.isEmpty else { return [context.say("behind.none", common)] }
        var lines = [context.say("behind.header", common)]
        for pair in report.pairs.prefix(Self.shown) {
            var reasons: [String] = []
            if pair.meetings < pair.expected {
                reasons.append(context.say("behind.meetings", [
                    "logged": String(pair.meetings), "expected": String(pair.expected),
                ]))
            }
            if let days = pair.quietDays { reasons.append(context.say("behind.quiet", ["days": String(days)])) }
            for overdue in pair.overdue {
                reasons.append(context.say("behind.document", [
                    "document": context.say(overdue.document.title), "names": overdue.owners.joined(separator: ", "),
                    "date": membership.date(ofDay: overdue.document.dueDay).iso,
                ]))
            }
            if pair.unanswered > 0 {
                reasons.append(context.say("behind.unanswered", [
                    "count": String(pair.unanswered), "days": String(BehindReport.unansweredAfterDays),
                ]))
            }
            if pair.claimsWaiting > 0 {
                reasons.append(context.say("behind.claims", ["count": String(pair.claimsWaiting)]))
            }
            let cohort = pair.cohort.map { " " + context.say("behind.cohort", ["cohort": $0]) } ?? ""
            lines.append(context.say("behind.pair", [
                "pair": pair.label, "cohort": cohort, "reasons": reasons.joined(separator: "; "),
            ]))
        }
        if report.pairs.count > Self.shown {
            lines.append(context.say("behind.more", ["count": String(report.pairs.count - Self.shown)]))
        }
        return [lines.joined(separator: "\n")]
    }
}
