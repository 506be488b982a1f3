// libFuzzer target: the HTTP/1.1 request parser must never trap, whatever the bytes.
// Built by Tests/Fuzz/run.sh together with Sources/HTTP.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequestParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var limits = HTTPLimits()
    limits.maxBodyBytes = { _, path in path.hasPrefix("/big") ? 1 << 20 : 1024 }
    // Whole input at once, then the same input split at every 7th byte: both must end without trapping.
    for chunk in [size, 7] {
        var parser = HTTPRequestParser(limits: limits)
        var offset = 0
        var events = 0
        while offset < size, events < 10_000 {
            let end = min(size, offset + max(chunk, 1))
            parser.append(bytes[offset..<end])
            offset = end
            while events < 10_000, let event = try? parser.next() {
                _ = event
                events += 1
            }
        }
    }
    return 0
}
