import HTTP

extension EmailWebhook {
    /// The email endpoints as one route of the service: `/hooks/email` and every path below it (only the raw-message
    /// and the Mailgun paths answer; the others are 404).
    public var route: ChannelRoute {
        ChannelRoute(
            channel: .email, owns: { $0 == Self.rawPath || $0.hasPrefix(Self.rawPath + "/") },
            name: { $0 == Self.mailgunPath ? Self.mailgunPath : Self.rawPath },
            maxBodyBytes: Self.maxBodyBytes(path:), admission: admission,
            handle: { request, events in
                let result = handle(request)
                if result.stored { events.stored(1) }
                return result.response
            })
    }
}
