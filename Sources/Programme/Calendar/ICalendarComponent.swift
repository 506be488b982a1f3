/// An iCalendar component (`VCALENDAR`, `VEVENT`, `VTIMEZONE`, `STANDARD`, …): its properties in order, then its
/// sub-components. `bytes` is the RFC 5545 text: CRLF line ends, lines folded at 75 octets.
public struct ICalendarComponent: Sendable, Hashable {
    public let name: String
    public var properties: [ICalendarProperty]
    public var components: [ICalendarComponent]

    public init(_ name: String, properties: [ICalendarProperty] = [], components: [ICalendarComponent] = []) {
        self.name = name
        self.properties = properties
        self.components = components
    }

    /// The component as an iCalendar stream (UTF-8).
    public var bytes: [UInt8] {
        var output: [UInt8] = []
        write(into: &output)
        return output
    }

    private func write(into output: inout [UInt8]) {
        output += ICalendarFormat.folded("BEGIN:\(name)")
        for property in properties { output += ICalendarFormat.folded(property.contentLine) }
        for component in components { component.write(into: &output) }
        output += ICalendarFormat.folded("END:\(name)")
    }
}
