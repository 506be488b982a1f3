import Store

/// One channel as the service knows it, in one value: its name, its configuration section, the tables it keeps
/// (its de-duplication table), how it starts (its HTTP routes and its outbound transport) and its `tandem doctor`
/// check. A channel lives in its own folder and is added to the service by one line in
/// ``ChannelRegistry/standard``; the service, the routes, the configuration, doctor and the schema take it from there.
///
/// ```swift
/// extension ChannelRegistration {
///     static let sms = ChannelRegistration(
///         id: .sms, settings: [.string("gateway_url")], migrations: [smsInbound],
///         start: { context in ChannelRuntime(routes: [SMSWebhook(context).route], transport: SMSTransport(context)) },
///         check: { context in SMSCheck(context).run() })
/// }
/// ```
public struct ChannelRegistration: Sendable {
    /// The channel's name, stored with its addresses and messages; also the name of its configuration section.
    public let id: ChannelID
    /// The keys of its configuration section (`id.key`, `TANDEM_ID_KEY`), with their defaults. Matrix and email
    /// declare none here: their keys predate registrations and are typed fields of ``Configuration``.
    public let settings: [ChannelSetting]
    /// Its tables, numbered in its own range; applied with Tandem's own (``Store/Schema``) when the database opens.
    public let migrations: [Migration]
    /// Refuses settings that cannot work, naming the key (checked when the configuration loads).
    public let validate: @Sendable (ChannelSettings) throws(ConfigurationError) -> Void
    /// Settings that load but look wrong (half a channel configured): `tandem doctor`'s configuration warnings.
    public let warnings: @Sendable (Configuration, ChannelSettings) -> [DoctorFinding]
    /// Builds the running channel (`tandem serve`): its routes and, when configured to send, its transport.
    public let start: @Sendable (ChannelStartContext) throws -> ChannelRuntime
    /// `tandem doctor`'s line about it: is it configured, does its server answer?
    public let check: @Sendable (ChannelCheckContext) -> DoctorFinding

    public init(
        id: ChannelID, settings: [ChannelSetting] = [], migrations: [Migration] = [],
        validate: @escaping @Sendable (ChannelSettings) throws(ConfigurationError) -> Void = { _ in },
        warnings: @escaping @Sendable (Configuration, ChannelSettings) -> [DoctorFinding] = { _, _ in [] },
        start: @escaping @Sendable (ChannelStartContext) throws -> ChannelRuntime,
        check: @escaping @Sendable (ChannelCheckContext) -> DoctorFinding
    ) {
        self.id = id
        self.settings = settings
        self.migrations = migrations
        self.validate = validate
        self.warnings = warnings
        self.start = start
        self.check = check
    }

    /// Its section of `configuration`, defaults filled in.
    public func settings(in configuration: Configuration) -> ChannelSettings {
        ChannelSettings(section: id.rawValue, declared: settings, values: configuration.channelSettings)
    }
}
