// libFuzzer target: the MIME parser and the reply-text extraction must never trap, whatever the bytes.
// Built by Tests/Fuzz/run.sh together with Sources/Channels/Email.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMIMEParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var limits = MIMELimits()
    limits.maxTotalBytes = 1 << 20
    if let message = try? MIMEParser.parse(bytes, limits: limits) {
        _ = ReplyText.newText(of: message.textBody)
        _ = KeyValueForm.fields(in: message.textBody)
        _ = message.attachments.map(\.detectedMediaType)
    }
    return 0
}
