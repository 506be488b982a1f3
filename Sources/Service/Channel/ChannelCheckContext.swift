import Channels

/// What a channel's `tandem doctor` check is given (``ChannelRegistration/check``).
public struct ChannelCheckContext: Sendable {
    public let configuration: Configuration
    /// The channel's own section.
    public let settings: ChannelSettings
    /// For checks that ask a server over HTTP (the homeserver).
    public let http: HTTPClient
    /// The limit for each network exchange.
    public let timeout: Duration
}
