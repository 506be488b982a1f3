/// Tells a file's media type from its first bytes, so Tandem trusts the content rather than the sender's label.
public enum MIMEMediaSniffer {
    /// `application/pdf` (`%PDF`), `image/jpeg` (`FF D8 FF`), `image/png` (`89 50 4E 47 0D 0A 1A 0A`), `image/gif`
    /// (`GIF87a`/`GIF89a`), `image/heic` / `image/avif` / `video/quicktime` / `video/mp4` (ISO-BMFF `ftyp` box by
    /// brand), `image/webp` (`RIFF….WEBP`), `application/zip` (`PK\u{3}\u{4}`, also Office files), else
    /// `application/octet-stream`.
    public static func mediaType(of bytes: some Collection<UInt8>) -> String {
        let head = Array(bytes.prefix(16))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<offset + magic.count]) == magic
        }
        if starts(Array("%PDF".utf8)) { return "application/pdf" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "image/gif" }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return "image/webp" }
        if starts(Array("ftyp".utf8), at: 4), head.count >= 12 {
            let brand = String(decoding: head[8..<12], as: UTF8.self).lowercased()
            switch brand {
            case "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1": return "image/heic"
            case "avif", "avis": return "image/avif"
            case "qt  ": return "video/quicktime"
            default: return "video/mp4"
            }
        }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "application/zip" }
        return "application/octet-stream"
    }

    /// A file extension for a media type, for attachments sent without a name.
    static func fileExtension(for mediaType: String) -> String? {
        switch mediaType {
        case "application/pdf": "pdf"
        case "image/jpeg": "jpg"
        case "image/png": "png"
        case "image/gif": "gif"
        case "image/heic": "heic"
        case "image/avif": "avif"
        case "image/webp": "webp"
        case "video/mp4": "mp4"
        case "video/quicktime": "mov"
        case "application/zip": "zip"
        case "message/rfc822": "eml"
        case "text/plain": "txt"
        case "text/html": "html"
        case "text/calendar": "ics"
        default: nil
        }
    }
}
