/// Makes a sender-supplied attachment name safe to show and to store.
public enum MIMEFilename {
    /// The longest name kept, in characters (the extension survives shortening).
    public static let maxLength = 100

    /// The last path component only (`/` and `\` both separate), without control characters, the characters
    /// Windows reserves (`<>:"|?*`), leading dots and spaces, or a `..`; at most `maxLength` characters.
    /// An empty result becomes `attachment` plus an extension for `mediaType` when one is known.
    public static func sanitise(_ name: String?, mediaType: String = "application/octet-stream") -> String {
        var text = name ?? ""
        if let last = text.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last(where: { !$0.isEmpty }) {
            text = String(last)
        } else {
            text = ""
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x20, 0x7F..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: continue
            default: break
            }
            if "<>:\"|?*".unicodeScalars.contains(scalar) {
                scalars.append("_")
            } else {
                scalars.append(scalar)
            }
        }
        text = String(scalars)
        while text.contains("..") { text = text.replacing("..", with: ".") }
        while let first = text.first, first == "." || first == " " { text.removeFirst() }
        while let last = text.last, last == " " || last == "." { text.removeLast() }
        if text.count > maxLength {
            let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
            let ext = pieces.count > 1 && (pieces.last?.count ?? 0) <= 10 ? "." + (pieces.last ?? "") : ""
            text = String(text.prefix(maxLength - ext.count)).mimeTrimmed() + ext
        }
        if text.isEmpty {
            text = "attachment"
            if let ext = MIMEMediaSniffer.fileExtension(for: mediaType) { text += "." + ext }
        }
        return text
    }
}
