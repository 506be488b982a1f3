import Engine
import Programme
import Store

/// Builds the running parts from a configuration: database, dialogue catalog, engine, pipeline.
public struct ServiceFactory: Sendable {
    public let configuration: Configuration

    public init(configuration: Configuration) { self.configuration = configuration }

    /// Opens the database (migrating it, the tables of `channels` included) and loads and checks `Dialogs/`. With
    /// `expenses.data_key` set, bank details still sealed with the database's own secret are re-sealed under it first.
    public func pipeline(clock: Clock = .system, channels: ChannelRegistry = .standard) throws -> Pipeline {
        let directory = DialogDirectory(path: configuration.dialogsPath)
        let catalog = try directory.load()
        let templates = try directory.loadTemplates(localizer: catalog.localizer)
        let database = try configuration.openDatabase(channels: channels)
        let key = try configuration.bankDetailsKey()
        let resealed = try database.write { connection in
            try BankDetailsVault(connection, now: clock.now(), key: key).resealWithConfiguredKey()
        }
        if resealed > 0 { Log.info("expenses: re-sealed \(resealed) bank details with the configured expenses.data_key") }
        return Pipeline(
            database: database, engine: Engine(catalog: catalog, defaultExpiryMinutes: configuration.dialogsExpiryMinutes),
            templates: templates,
            actions: .standard(bankDetailsKey: key, undoMinutes: configuration.dialogsUndoMinutes),
            clock: clock,
            defaults: .init(
                language: configuration.defaultLanguage, timeZone: configuration.defaultTimeZone,
                maxMessagesPerMinute: configuration.inboundMaxMessagesPerMinute,
                maxStrangerMessagesPerMinute: configuration.inboundMaxStrangerMessagesPerMinute,
                maxStrangerMessagesPerDomainPerMinute: configuration.inboundMaxStrangerMessagesPerDomainPerMinute))
    }
}
