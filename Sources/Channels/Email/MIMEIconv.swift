#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decoding through the C library's `iconv` (glibc on Linux: no package needed) for the multi-byte charsets Tandem
/// has no table of its own for: GB18030 (and GB2312/GBK), Big5, ISO-2022-JP, Shift_JIS, EUC-JP, EUC-KR, UTF-7,
/// UTF-16. A byte that is not valid in the charset becomes U+FFFD and decoding goes on after it.
enum MIMEIconv {
    /// The text of `bytes` in the iconv charset `name`, or nil when this C library cannot convert from it.
    static func decode(_ bytes: some Collection<UInt8>, from name: String) -> String? {
        let converter = iconv_open("UTF-8", name)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 2)
        var chunk = [UInt8](repeating: 0, count: 16_384)
        var offset = 0
        // Each pass converts as much as it can; a bad byte is replaced and skipped, so the loop ends.
        while offset < input.count {
            let (consumed, produced, failure) = input.withUnsafeMutableBufferPointer { source in
                chunk.withUnsafeMutableBufferPointer { target in
                    var inPointer = UnsafeMutableRawPointer(source.baseAddress! + offset)
                        .assumingMemoryBound(to: CChar.self) as UnsafeMutablePointer<CChar>?
                    var inLeft = source.count - offset
                    var outPointer = UnsafeMutableRawPointer(target.baseAddress!)
                        .assumingMemoryBound(to: CChar.self) as UnsafeMutablePointer<CChar>?
                    var outLeft = target.count
                    let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    let failure = result == -1 ? errno : 0
                    return (source.count - offset - inLeft, target.count - outLeft, failure)
                }
            }
            output += chunk[0..<produced]
            offset += consumed
            switch failure {
            case 0, E2BIG:
                continue
            default:
                // EILSEQ (an invalid sequence) or EINVAL (one cut off at the end): replace one byte and go on.
                output += [0xEF, 0xBF, 0xBD]
                offset += 1
                iconv(converter, nil, nil, nil, nil)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
