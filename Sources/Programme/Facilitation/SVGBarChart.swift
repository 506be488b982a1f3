/// A small bar chart as inline SVG: one bar per value, its label below and its shown value above.
public struct SVGBarChart: Sendable, Hashable {
    /// One bar: its axis label, its height, and the text shown on it (e.g. "<5").
    public struct Bar: Sendable, Hashable {
        public let label: String
        public let value: Int
        public let shown: String
    }

    public let title: String
    public let bars: [Bar]

    /// The chart's `<svg>` element.
    public var svg: String {
        let width = 40 + bars.count * 36, height = 220, plot = 150
        let top = max(bars.map(\.value).max() ?? 1, 1)
        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" role=\"img\" "
            + "aria-label=\"\(HTML.escape(title))\">",
            "<line x1=\"30\" y1=\"\(plot + 20)\" x2=\"\(width - 5)\" y2=\"\(plot + 20)\" stroke=\"#444\"/>"]
        for (index, bar) in bars.enumerated() {
            let x = 36 + index * 36
            let h = bar.value * plot / top
            parts.append("<rect x=\"\(x)\" y=\"\(plot + 20 - h)\" width=\"28\" height=\"\(h)\" fill=\"#3b7dd8\"/>")
            parts.append("<text x=\"\(x + 14)\" y=\"\(plot + 14 - h)\" font-size=\"11\" text-anchor=\"middle\">"
                + "\(HTML.escape(bar.shown))</text>")
            parts.append("<text x=\"\(x + 14)\" y=\"\(plot + 36)\" font-size=\"10\" text-anchor=\"middle\">"
                + "\(HTML.escape(bar.label))</text>")
        }
        return (parts + ["</svg>"]).joined(separator: "\n")
    }
}

/// HTML text escaping.
enum HTML {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
