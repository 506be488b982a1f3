// libFuzzer target: the Mailgun timestamp check must never trap, whatever the field says and whatever the clock.
// Built by Tests/Fuzz/run.sh together with Sources/Service/Email/MailgunTimestamp.swift.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMailgunTimestamp(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    // The first 8 bytes are the clock (epoch ms, any Int64); the rest is the `timestamp` field as posted.
    let now = bytes.prefix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) }
    let timestamp = String(decoding: bytes.dropFirst(8), as: UTF8.self)
    for clock in [now, 0, Int64.min, Int64.max, 1_773_482_400_000] {
        if MailgunTimestamp.isFresh(timestamp, now: clock) {
            _ = MailgunTimestamp.expiry(of: timestamp)
        }
    }
    return 0
}
