import Foundation
import Store

/// The terminal channel behind `tandem chat`: one message per input line, every reply printed.
/// It is the embedded default before any Matrix or email server exists, and it works from scripts.
public struct ConsoleChannel: Sendable {
    /// The console address (a name the person picks with `--as`).
    public let address: String
    private let session = UUID().uuidString

    public init(address: String) { self.address = address }

    /// Reads the next non-empty line from standard input; nil at end of input.
    public func readMessage(sequence: Int) -> InboundMessage? {
        while let line = Swift.readLine(strippingNewline: true) {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            return InboundMessage(
                channel: .console, externalID: "\(session)-\(sequence)", sender: address, text: text)
        }
        return nil
    }

    /// Prints one bot message.
    public func deliver(_ text: String) {
        print(text)
        fflush(nil)
    }
}
