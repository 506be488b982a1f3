extension ChannelRegistry {
    /// The channels `tandem` runs. Adding a channel: its folder (with its ``ChannelRegistration``) and one entry
    /// here. The terminal (`tandem chat`) is not here: it has no server side.
    public static let standard = ChannelRegistry([.matrix, .email])
}
