import Channels

extension ChannelRegistration {
    /// Matrix: the application-service API in (``MatrixRoutes``), the client-server API out (``MatrixTransport``,
    /// when `matrix.homeserver_url` and `matrix.as_token` are set), the appservice ping in `tandem doctor` and its
    /// warning when half configured. Its keys (`matrix.*`) and tables (``Store/Schema``'s `matrix_*`) predate
    /// registrations and stay where they are.
    public static let matrix = ChannelRegistration(
        id: .matrix,
        warnings: { configuration, _ in configuration.matrixWarnings },
        start: { context in
            let configuration = context.configuration
            let client = MatrixClient(configuration: configuration)
            var fetchMedia: (@Sendable (MatrixMedia) -> MatrixIngest.FetchedMedia?)?
            var transport: MatrixTransport?
            if let client {
                fetchMedia = { media in client.fetch(media) }
                transport = MatrixTransport(client: client, database: context.pipeline.database)
            }
            let ingest = MatrixIngest(
                pipeline: context.pipeline, botUserID: configuration.matrixBotUserID, fetchMedia: fetchMedia)
            return ChannelRuntime(
                routes: [MatrixRoutes(ingest: ingest, hsToken: configuration.matrixHSToken).route],
                transport: transport)
        },
        check: { context in
            let configuration = context.configuration
            guard !configuration.matrixHomeserverURL.isEmpty else {
                return .ok("matrix", "not configured (matrix.homeserver_url is empty)")
            }
            return MatrixCheck(
                homeserver: configuration.matrixHomeserverURL, asToken: configuration.matrixASToken,
                http: context.http, timeout: context.timeout
            ).run()
        })
}
