/// What libcurl's write and header callbacks collect during one transfer, with the size limits they enforce.
///
/// Passed to the callbacks as an unretained `Unmanaged` pointer; the caller keeps it alive across
/// `curl_easy_perform`. Not `Sendable`: touched only by the thread running the transfer.
final class HTTPClientTransfer {
    /// The largest header section accepted per transfer (libcurl's own per-line limit also applies).
    static let maxHeaderBytes = 64 * 1024

    /// The largest body accepted.
    let maxBodyBytes: Int
    /// The body received so far.
    private(set) var body: [UInt8] = []
    /// The header fields of the latest response (a new status line starts a new list).
    private(set) var headers: [(String, String)] = []
    /// Set when a limit was exceeded and the transfer aborted.
    private(set) var exceededLimit = false
    private var headerBytes = 0

    init(maxBodyBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    /// Appends body bytes; `false` (abort) once the total would exceed ``maxBodyBytes``.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count <= maxBodyBytes - body.count else {
            exceededLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Takes one header line as libcurl delivers it (status line, field line or the empty line, with its CRLF);
    /// `false` (abort) once the header bytes exceed ``maxHeaderBytes``.
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Bool {
        headerBytes += bytes.count
        guard headerBytes <= Self.maxHeaderBytes else {
            exceededLimit = true
            return false
        }
        var line = Array(bytes)
        while let last = line.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: "\n") { line.removeLast() }
        guard let first = line.first else { return true }
        if line.starts(with: Array("HTTP/".utf8)) {
            headers = []  // an interim (1xx) response's fields do not belong to the final response
        } else if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            if !headers.isEmpty {  // obsolete line folding: continues the previous value
                headers[headers.count - 1].1 += " " + Self.trimmed(line)
            }
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            let name = String(decoding: line[..<colon], as: UTF8.self)
            headers.append((name, Self.trimmed(line[(colon + 1)...])))
        }
        return true
    }

    private static func trimmed(_ bytes: some Collection<UInt8>) -> String {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let start = bytes.drop(while: isSpace)
        let trimmed = start.reversed().drop(while: isSpace).reversed()
        return String(decoding: Array(trimmed), as: UTF8.self)
    }
}
