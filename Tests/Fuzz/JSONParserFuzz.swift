// libFuzzer target: the JSON parser (every appservice transaction body) must never trap, whatever the bytes, and
// what it accepts must come back the same from its own serialization.
// Built by Tests/Fuzz/run.sh together with Sources/Channels/Common/JSON*.swift.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = JSONValue.parse(bytes) else { return 0 }
    guard JSONValue.parse(value.serialized) == value else { fatalError("serialized value parses differently") }
    return 0
}
