import Engine
import Store

/// The speaker's own programme and pair, as every participant-record action reads and writes them: taken from
/// `ActionContext.membership`, never from anything the participant typed.
struct RecordScope {
    let programmeID: Int64
    /// The speaker's (first) pair; nil when not paired.
    let pairID: Int64?
    /// The other members of that pair.
    let peers: [Membership.Peer]
    let membership: Membership
    /// The speaker's name, for notices to the peer.
    let speakerName: String

    /// The scope of an enrolled speaker, or nil.
    init?(_ context: ActionContext) throws {
        guard let membership = context.membership else { return nil }
        self.membership = membership
        programmeID = membership.programme.id
        let pairID = membership.pairIDs.first
        self.pairID = pairID
        peers = membership.peers.filter { $0.pairID == pairID }
        speakerName = try ParticipantRepository(context.connection).find(id: context.participantID)?.name ?? ""
    }

    /// Records that the pair delivered one of the template's documents (`agenda_form`, `ground_rules`,
    /// `learning_plan`): a submission for each member, as the document is the pair's. Nothing when the template
    /// does not ask for that document. "What's next" and "who is behind" then stop listing it as due.
    func recordDelivered(_ documentID: String, _ context: ActionContext) throws {
        guard let document = membership.template.documents.first(where: { $0.id == documentID }) else { return }
        let repository = DocumentRepository(context.connection)
        for participantID in [context.participantID] + peers.map(\.participantID) {
            try repository.insert(.init(
                programmeID: programmeID, pairID: pairID, participantID: participantID, document: documentID,
                attachment: nil, answers: ["delivered with the pair's \(documentID)"], submittedOn: context.today,
                dueOn: membership.date(ofDay: document.dueDay)), now: context.now)
        }
    }

    /// Tells every peer of the pair, each in their own language.
    func notifyPeers(_ context: ActionContext, _ key: String, _ arguments: [String: String] = [:]) throws {
        var arguments = arguments
        arguments["name"] = speakerName
        for peer in peers { try context.notify(participantID: peer.participantID, key, arguments) }
    }
}
