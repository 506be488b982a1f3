/// The message bytes libcurl's read callback hands to the server, and how far it got.
///
/// Passed to the callback as an unretained pointer; the caller keeps it alive across `curl_easy_perform`.
/// Not `Sendable`: touched only by the thread running the transfer.
final class SMTPUpload {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var count: Int { bytes.count }

    /// Copies up to `capacity` further bytes to `buffer`; returns how many (0 at the end).
    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let length = min(capacity, bytes.count - offset)
        guard length > 0 else { return 0 }
        bytes.withUnsafeBufferPointer { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + offset, byteCount: length)
        }
        offset += length
        return length
    }
}
