/// What a channel is started with (``ChannelRegistration/start``).
public struct ChannelStartContext: Sendable {
    /// The whole configuration (the built-in channels read their typed keys from it).
    public let configuration: Configuration
    /// The channel's own section.
    public let settings: ChannelSettings
    /// Where its messages go: the database, the engine, one transaction per message.
    public let pipeline: Pipeline
    public let clock: Clock
}
