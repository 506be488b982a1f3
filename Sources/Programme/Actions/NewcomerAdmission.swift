import Engine
import Store

/// The action of a flow for newcomers (`for: newcomers`) that decides, from the answers given so far, whether
/// someone Tandem does not know may go on — and so be remembered at all. Until then a stranger leaves nothing
/// behind but a short answer: joining needs a valid code before a participant row exists.
public protocol NewcomerAdmission: FlowAction {
    /// nil when a stranger who answered `slots` may go on; otherwise what to tell them instead.
    func refusal(_ slots: [String: SlotValue], connection: Connection, localizer: Localizer, language: String)
        throws -> String?
}
