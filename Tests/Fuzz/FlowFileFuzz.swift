// libFuzzer target: the flow-file, locale-file and transcript parsers must never trap, whatever the text;
// a broken file is always a FILE:LINE error.
// Built by Tests/Fuzz/run.sh together with Sources/Engine.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFlowFiles(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? FlowFileParser.parse(text, file: "fuzz.flow", lexicon: Lexicon())
    _ = try? LocaleFile.parse(text, file: "fuzz.locale")
    _ = try? Transcript.parse(text, file: "fuzz.transcript")
    _ = DialogCatalog.build(
        flowFiles: [.init(path: "fuzz.flow", text: text)],
        localeFiles: ["en": [.init(path: "en.locale", text: text)]], actions: ["save_log_entry"])
    return 0
}
