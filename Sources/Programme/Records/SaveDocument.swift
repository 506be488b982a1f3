import Engine
import Store

/// `save_document`: the speaker's Learning Needs (mentee) or Learning Experiences (mentor), sent as a file or
/// written as three short answers, stored against the template's document with whether it came on time.
public struct SaveDocument: FlowAction {
    public let name = "save_document"

    /// The document each pair role owes.
    static let documents: [(role: Role, document: String)] = [
        (.mentee, "learning_needs"), (.mentor, "learning_experiences"),
    ]

    /// How the document comes: a file, or written answers (the flow branches on it).
    static let how = Answer.choice("how", options: ["send_file", "write_answers"])
    static let file = Answer.attachments("file").optional
    /// The questions written answers reply to, in order (asked when no file is sent).
    static let questions = ["subject", "background", "expectations"].map { Answer.text($0).optional }

    public var contract: ActionContract {
        ActionContract(
            [Self.how, Self.file] + Self.questions,
            texts: ["records.no_pair", "document.saved", "document.saved_on_time", "document.saved_late"]
                + Self.documents.flatMap { ["document.\($0.document)", "document.peer_notice.\($0.document)"] })
    }

    public init() {}

    public func run(_ request: ActionRequest, in context: ActionContext) throws -> [String] {
        let files = try request.answer(Self.file) ?? []
        var answers: [String] = []
        for question in Self.questions where files.isEmpty {
            guard let text = try request.answer(question) else {
                throw ActionInputError(action: name, slot: question.input.name)
            }
            answers.append(text)
        }
        guard let scope = try RecordScope(context),
              let document = Self.documents.first(where: { scope.membership.roles.contains($0.role.rawValue) })?
                  .document
        else { return [context.say("records.no_pair")] }
        let due = scope.membership.template.documents.first { $0.id == document }
            .map { scope.membership.date(ofDay: $0.dueDay) }
        let submission = DocumentRepository.Submission(
            programmeID: scope.programmeID, pairID: scope.pairID, participantID: context.participantID,
            document: document, attachment: files.first, answers: answers, submittedOn: context.today, dueOn: due)
        try DocumentRepository(context.connection).insert(submission, now: context.now)
        let title = context.say("document.\(document)")
        try scope.notifyPeers(context, "document.peer_notice.\(document)")
        var arguments = ["document": title, "date": context.today.iso]
        guard let due else { return [context.say("document.saved", arguments)] }
        arguments["due"] = due.iso
        arguments["days"] = String(context.today.daysSinceEpoch - due.daysSinceEpoch)
        return [context.say(submission.onTime ? "document.saved_on_time" : "document.saved_late", arguments)]
    }
}
