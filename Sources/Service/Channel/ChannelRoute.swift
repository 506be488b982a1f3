import HTTP
import Store

/// One HTTP endpoint of a channel: which paths it owns, how they are named in logs and metrics, their body limits,
/// how a request authenticates (from its head, before any body byte is read) and how it is answered.
public struct ChannelRoute: Sendable {
    /// The channel whose messages it receives (counted in `/metrics` under its name).
    public let channel: ChannelID
    /// Whether a path is this route's.
    public let owns: @Sendable (String) -> Bool
    /// The name a path of this route is logged and counted under: a fixed text, never the caller's.
    public let name: @Sendable (String) -> String
    /// The largest body for a path, or nil for the small limit of public routes.
    public let maxBodyBytes: @Sendable (String) -> Int?
    /// Decides from the head alone: read the body (authenticated or not), or answer at once.
    public let admission: @Sendable (HTTPRequestHead) -> HTTPAdmission
    /// Answers a request (never throws: every failure is a status the sender understands).
    public let handle: @Sendable (HTTPRequest, ChannelRouteEvents) -> HTTPResponse

    public init(
        channel: ChannelID, owns: @escaping @Sendable (String) -> Bool, name: @escaping @Sendable (String) -> String,
        maxBodyBytes: @escaping @Sendable (String) -> Int?,
        admission: @escaping @Sendable (HTTPRequestHead) -> HTTPAdmission,
        handle: @escaping @Sendable (HTTPRequest, ChannelRouteEvents) -> HTTPResponse
    ) {
        self.channel = channel
        self.owns = owns
        self.name = name
        self.maxBodyBytes = maxBodyBytes
        self.admission = admission
        self.handle = handle
    }
}
