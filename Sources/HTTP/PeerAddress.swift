#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who a connection comes from, as far as per-address limits are concerned: an IPv4 address, or the /64 network of
/// an IPv6 address (one host usually holds a whole /64, so counting single IPv6 addresses would limit nothing).
/// An IPv4-mapped IPv6 address counts as the IPv4 address.
struct PeerAddress: Hashable, Sendable {
    private let family: UInt8
    private let bits: UInt64

    /// Reads the address `accept(2)` filled in; anything but IPv4 and IPv6 (e.g. a Unix socket) counts as one peer.
    init(_ storage: sockaddr_storage) {
        var storage = storage
        switch Int32(storage.ss_family) {
        case AF_INET:
            let address = withUnsafeBytes(of: &storage) { $0.load(as: sockaddr_in.self) }
            self.init(ipv4: UInt32(bigEndian: address.sin_addr.s_addr))
        case AF_INET6:
            let address = withUnsafeBytes(of: &storage) { $0.load(as: sockaddr_in6.self) }
            let bytes = withUnsafeBytes(of: address.sin6_addr) { Array($0) }
            let mappedPrefix: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]
            if bytes.prefix(12).elementsEqual(mappedPrefix) {
                self.init(ipv4: bytes[12...].reduce(0) { $0 << 8 | UInt32($1) })
            } else {
                self.init(family: 6, bits: bytes.prefix(8).reduce(0) { $0 << 8 | UInt64($1) })
            }
        default:
            self.init(family: 0, bits: 0)
        }
    }

    private init(ipv4: UInt32) {
        self.init(family: 4, bits: UInt64(ipv4))
    }

    private init(family: UInt8, bits: UInt64) {
        self.family = family
        self.bits = bits
    }
}
