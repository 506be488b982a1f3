import Engine
import Foundation
import Store

/// `send_portfolio` ("portfolio", "portfolio 1, 3", "portfolio all"): the mentee's e-portfolio as one printable
/// HTML file sent to them by message (attached to the email, a file in Matrix), made afresh each time from what
/// they approved, so saying "portfolio" again downloads it again. The mentee decides which goals of the working
/// plan it shows: the first time, they are listed and asked; the choice is kept until changed.
public struct SendPortfolio: FlowAction {
    public let name = "send_portfolio"

    /// "1, 3", "all", "none": which goals to show.
    static let goals = Answer.text("goals").optional

    public var contract: ActionContract {
        ActionContract([Self.goals], texts: SchoolPair.texts + Portfolio.texts + [
            "portfolio.opted_out", "portfolio.preview", "portfolio.preview_goal", "portfolio.no_goals",
            "portfolio.bad_goals", "portfolio.sent", "portfolio.sent_inline",
        ])
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let typed = try request.answer(Self.goals)
        let lookup = try SchoolPair.of(context)
        guard let pair = lookup.found else { return [lookup.refusal] }
        let programmeID = pair.scope.programmeID
        let choices = ValidationChoiceRepository(context.connection)
        guard try !pair.hasOptedOut(context) else { return [context.say("portfolio.opted_out")] }
        let goals = try WorkingPlanRepository(context.connection).goals(pairID: pair.pairID)
        let chosen: [Int]
        if let typed {
            guard let read = choice(typed, among: goals.map(\.number), context) else {
                return [context.say("portfolio.bad_goals", ["text": typed, "count": String(goals.count)]) + "\n"
                    + preview(goals, context)]
            }
            chosen = read
            try choices.choosePortfolioGoals(
                chosen, participantID: context.participantID, programmeID: programmeID, now: context.now)
        } else if let kept = try choices.portfolioGoals(
            participantID: context.participantID, programmeID: programmeID) {
            chosen = kept
        } else if goals.isEmpty {
            chosen = []
        } else {
            return [preview(goals, context)]
        }
        let portfolio = try Portfolio.load(
            menteeID: context.participantID, pair: pair, shownGoals: Set(chosen), context: context)
        let file = OutboxFile(
            filename: "e-portfolio.html", mediaType: "text/html; charset=utf-8",
            bytes: Array(portfolio.html(localizer: context.localizer).utf8))
        let shown = chosen.isEmpty ? context.say("portfolio.no_goals")
            : chosen.map(String.init).joined(separator: ", ")
        let text = context.say("portfolio.sent", ["file": file.filename, "goals": shown])
        guard try context.reply(text, attachments: [file]) else { return [context.say("portfolio.sent_inline")] }
        return []
    }

    /// The goals to show, read from "1, 3", "1 and 3", "all" or "none" (`words.portfolio.*`); nil when a word or a
    /// number names no goal.
    func choice(_ text: String, among numbers: [Int], _ context: ActionContext) -> [Int]? {
        func words(_ key: String) -> [String] { context.localizer.words("words.portfolio.\(key)", context.language) }
        let all = words("all"), none = words("none"), filler = words("filler")
        let tokens = text.lowercased().split { $0.isWhitespace || ",;.#".contains($0) }.map(String.init)
        var chosen: Set<Int> = []
        var understood = false
        for token in tokens where !filler.contains(token) {
            if let number = Int(token), numbers.contains(number) {
                chosen.insert(number)
            } else if all.contains(token) {
                chosen.formUnion(numbers)
            } else if !none.contains(token) {
                return nil
            }
            understood = true
        }
        return understood ? chosen.sorted() : nil
    }

    /// What the portfolio will hold, with the goals numbered, and how to choose them.
    private func preview(_ goals: [WorkingPlanRepository.Goal], _ context: ActionContext) -> String {
        let lines = goals.map { context.say("portfolio.preview_goal", ["number": String($0.number), "goal": $0.goal]) }
        return context.say("portfolio.preview", [
            "goals": lines.isEmpty ? context.say("portfolio.no_goals") : lines.joined(separator: "\n"),
        ])
    }
}
