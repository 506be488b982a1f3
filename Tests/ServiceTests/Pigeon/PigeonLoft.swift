import Service
import Store
import Synchronization

/// The pigeon channel's way out: every outbox row it is handed lands here, for the test to read.
final class PigeonLoft: OutboxTransport {
    let channel = ChannelID.pigeon
    private let landed = Mutex<[OutboxMessage]>([])

    /// The rows delivered so far, in order.
    var messages: [OutboxMessage] { landed.withLock { $0 } }

    func deliver(_ message: OutboxMessage) -> DeliveryResult {
        landed.withLock { $0.append(message) }
        return .delivered
    }
}
