import Channels

extension ChannelRegistration {
    /// Email: the webhooks in (``EmailWebhook``: raw MIME and Mailgun), SMTP out (``SMTPTransport``, when
    /// `email.smtp_url` and `email.from` are set), the SMTP server's EHLO in `tandem doctor` and its warnings about
    /// settings that do not fit together. Its keys (`email.*`) and tables (``Store/Schema``'s `email_*`) predate
    /// registrations and stay where they are.
    public static let email = ChannelRegistration(
        id: .email,
        warnings: { configuration, _ in configuration.emailWarnings },
        start: { context in
            let configuration = context.configuration
            let identity = EmailIdentity(from: configuration.emailFrom)
            let replyKey = try configuration.replyKey()
            var transport: SMTPTransport?
            if let client = try SMTPClient(configuration: configuration), let identity {
                transport = SMTPTransport(
                    client: client, identity: identity, database: context.pipeline.database, clock: context.clock,
                    ratePerHour: configuration.emailRateLimitPerHour, replyKey: replyKey)
            }
            let webhook = EmailWebhook(
                ingest: EmailIngest(
                    pipeline: context.pipeline, identity: identity, senderPolicy: configuration.emailSenderPolicy,
                    replyKey: replyKey),
                secret: configuration.emailWebhookSecret, mailgunSigningKey: configuration.emailMailgunSigningKey)
            return ChannelRuntime(routes: [webhook.route], transport: transport)
        },
        check: { context in
            let configuration = context.configuration
            guard !configuration.emailSMTPURL.isEmpty else {
                return .ok("smtp", "not configured (email.smtp_url is empty)")
            }
            return SMTPCheck(
                url: configuration.emailSMTPURL, username: configuration.emailSMTPUser,
                password: configuration.emailSMTPPassword, timeout: context.timeout
            ).run()
        })
}
