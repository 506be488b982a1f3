import Engine
import Foundation

/// The stored form of a ``ConversationState``: a compact, length-prefixed text written and read by hand, because
/// every inbound message loads and saves one and `JSONEncoder`/`JSONDecoder` took a tenth of its time (issue 9).
///
/// `C2` then the fields in a fixed order: the flow and the state (`-` when absent), the last-update time, the
/// history, the skipped questions and the slots (name, then a one-letter kind and its payload); then `-`, or, when
/// a flow waits behind a safeguarding concern, `S` and that flow's name, state, history, skipped questions and
/// slots. A string is its UTF-8 byte count, `:` and the bytes (any text, NUL and newlines included); an integer is
/// its digits and `;`. Rows written before this format are `C1` (the same without the last part) or JSON (they
/// start with `{`) and are still read; the next save rewrites them.
enum ConversationStateCodec {
    /// A stored state that is neither this format nor the older JSON.
    struct Corrupt: Error, CustomStringConvertible {
        let offset: Int
        var description: String { "conversation state unreadable at byte \(offset)" }
    }

    static let magic = "C2"

    // MARK: - Writing

    static func encode(_ state: ConversationState) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        out.append(contentsOf: magic.utf8)
        writeOptional(state.flow, &out)
        writeOptional(state.state, &out)
        writeInteger(state.updatedAt, &out)
        writeStrings(state.history, &out)
        writeStrings(state.skipped.sorted(), &out)
        writeSlots(state.slots, &out)
        if let suspended = state.suspended {
            out.append(UInt8(ascii: "S"))
            writeString(suspended.flow, &out)
            writeOptional(suspended.state, &out)
            writeStrings(suspended.history, &out)
            writeStrings(suspended.skipped.sorted(), &out)
            writeSlots(suspended.slots, &out)
        } else {
            out.append(UInt8(ascii: "-"))
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func writeSlots(_ slots: [String: SlotValue], _ out: inout [UInt8]) {
        writeInteger(Int64(slots.count), &out)
        for name in slots.keys.sorted() {
            writeString(name, &out)
            writeValue(slots[name]!, &out)
        }
    }

    private static func writeValue(_ value: SlotValue, _ out: inout [UInt8]) {
        switch value {
        case .text(let text): out.append(UInt8(ascii: "t")); writeString(text, &out)
        case .choice(let id): out.append(UInt8(ascii: "c")); writeString(id, &out)
        case .yesno(let yes): out.append(UInt8(ascii: "y")); writeInteger(yes ? 1 : 0, &out)
        case .integer(let number): out.append(UInt8(ascii: "n")); writeInteger(Int64(number), &out)
        case .date(let date):
            out.append(UInt8(ascii: "d"))
            writeInteger(Int64(date.year), &out)
            writeInteger(Int64(date.month), &out)
            writeInteger(Int64(date.day), &out)
        case .time(let time):
            out.append(UInt8(ascii: "h"))
            writeInteger(Int64(time.hour), &out)
            writeInteger(Int64(time.minute), &out)
        case .duration(let minutes): out.append(UInt8(ascii: "u")); writeInteger(Int64(minutes), &out)
        case .money(let money):
            out.append(UInt8(ascii: "m"))
            writeInteger(money.minorUnits, &out)
            writeString(money.currency, &out)
        case .attachments(let files):
            out.append(UInt8(ascii: "a"))
            writeInteger(Int64(files.count), &out)
            for file in files {
                writeString(file.id, &out)
                writeString(file.filename, &out)
                writeString(file.mediaType, &out)
                writeInteger(Int64(file.size), &out)
            }
        case .list(let items): out.append(UInt8(ascii: "l")); writeStrings(items, &out)
        }
    }

    private static func writeOptional(_ text: String?, _ out: inout [UInt8]) {
        if let text { writeString(text, &out) } else { out.append(UInt8(ascii: "-")) }
    }

    private static func writeStrings(_ items: [String], _ out: inout [UInt8]) {
        writeInteger(Int64(items.count), &out)
        for item in items { writeString(item, &out) }
    }

    private static func writeString(_ text: String, _ out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            writeDigits(Int64(bytes.count), &out)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: bytes)
        }
    }

    private static func writeInteger(_ value: Int64, _ out: inout [UInt8]) {
        writeDigits(value, &out)
        out.append(UInt8(ascii: ";"))
    }

    private static func writeDigits(_ value: Int64, _ out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }

    // MARK: - Reading

    static func decode(_ text: String) throws -> ConversationState {
        if text.utf8.first == UInt8(ascii: "{") {
            return try JSONDecoder().decode(ConversationState.self, from: Data(text.utf8))
        }
        var text = text
        return try text.withUTF8 { bytes throws(Corrupt) in
            var reader = Reader(bytes: bytes)
            return try reader.state()
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        mutating func state() throws(Corrupt) -> ConversationState {
            try expect(UInt8(ascii: "C"))
            let version = try byte()
            guard version == UInt8(ascii: "1") || version == UInt8(ascii: "2") else { throw Corrupt(offset: index - 1) }
            var state = ConversationState()
            state.flow = try optional()
            state.state = try optional()
            state.updatedAt = try integer()
            state.history = try strings()
            state.skipped = Set(try strings())
            state.slots = try slots()
            if version == UInt8(ascii: "2"), try byte() == UInt8(ascii: "S") {
                let flow = try string()
                let waiting = try optional()
                let history = try strings()
                let skipped = Set(try strings())
                state.suspended = SuspendedFlow(
                    flow: flow, state: waiting, slots: try slots(), skipped: skipped, history: history)
            } else if version == UInt8(ascii: "2"), bytes[index - 1] != UInt8(ascii: "-") {
                throw Corrupt(offset: index - 1)
            }
            guard index == bytes.count else { throw Corrupt(offset: index) }
            return state
        }

        private mutating func slots() throws(Corrupt) -> [String: SlotValue] {
            let count = try count()
            var slots: [String: SlotValue] = [:]
            slots.reserveCapacity(count)
            for _ in 0..<count {
                let name = try string()
                slots[name] = try value()
            }
            return slots
        }

        private mutating func value() throws(Corrupt) -> SlotValue {
            let kind = try byte()
            switch kind {
            case UInt8(ascii: "t"): return .text(try string())
            case UInt8(ascii: "c"): return .choice(try string())
            case UInt8(ascii: "y"): return .yesno(try integer() != 0)
            case UInt8(ascii: "n"): return .integer(try int())
            case UInt8(ascii: "d"):
                let (year, month, day) = (try int(), try int(), try int())
                guard let date = CalendarDate(year: year, month: month, day: day) else { throw Corrupt(offset: index) }
                return .date(date)
            case UInt8(ascii: "h"):
                let (hour, minute) = (try int(), try int())
                guard let time = ClockTime(hour: hour, minute: minute) else { throw Corrupt(offset: index) }
                return .time(time)
            case UInt8(ascii: "u"): return .duration(minutes: try int())
            case UInt8(ascii: "m"): return .money(Money(minorUnits: try integer(), currency: try string()))
            case UInt8(ascii: "a"):
                var files: [AttachmentRef] = []
                for _ in 0..<(try count()) {
                    files.append(AttachmentRef(
                        id: try string(), filename: try string(), mediaType: try string(), size: try int()))
                }
                return .attachments(files)
            case UInt8(ascii: "l"): return .list(try strings())
            default: throw Corrupt(offset: index - 1)
            }
        }

        private mutating func optional() throws(Corrupt) -> String? {
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                index += 1
                return nil
            }
            return try string()
        }

        private mutating func strings() throws(Corrupt) -> [String] {
            let count = try count()
            var items: [String] = []
            items.reserveCapacity(count)
            for _ in 0..<count { items.append(try string()) }
            return items
        }

        private mutating func string() throws(Corrupt) -> String {
            let length = try digits(until: UInt8(ascii: ":"))
            guard length >= 0, length <= bytes.count - index else { throw Corrupt(offset: index) }
            let slice = UnsafeBufferPointer(rebasing: bytes[index..<index + Int(length)])
            let text = String(decoding: slice, as: UTF8.self)
            index += Int(length)
            return text
        }

        /// A count of items to follow: never more than there are bytes left, so a damaged row cannot allocate much.
        private mutating func count() throws(Corrupt) -> Int {
            let value = try integer()
            guard value >= 0, value <= bytes.count - index else { throw Corrupt(offset: index) }
            return Int(value)
        }

        private mutating func int() throws(Corrupt) -> Int {
            guard let value = Int(exactly: try integer()) else { throw Corrupt(offset: index) }
            return value
        }

        private mutating func integer() throws(Corrupt) -> Int64 { try digits(until: UInt8(ascii: ";")) }

        private mutating func digits(until terminator: UInt8) throws(Corrupt) -> Int64 {
            let start = index
            var negative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            var magnitude: UInt64 = 0
            var seen = 0
            while index < bytes.count, bytes[index] != terminator {
                let digit = bytes[index] &- UInt8(ascii: "0")
                let (times10, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, carry) = times10.addingReportingOverflow(UInt64(digit))
                guard digit < 10, !overflow, !carry else { throw Corrupt(offset: index) }
                magnitude = sum
                seen += 1
                index += 1
            }
            guard seen > 0, index < bytes.count else { throw Corrupt(offset: start) }
            let limit = UInt64(Int64.max) + (negative ? 1 : 0)
            guard magnitude <= limit else { throw Corrupt(offset: start) }
            let value = negative ? Int64(bitPattern: 0 &- magnitude) : Int64(magnitude)
            index += 1
            return value
        }

        private mutating func byte() throws(Corrupt) -> UInt8 {
            guard index < bytes.count else { throw Corrupt(offset: index) }
            index += 1
            return bytes[index - 1]
        }

        private mutating func expect(_ expected: UInt8) throws(Corrupt) {
            guard try byte() == expected else { throw Corrupt(offset: index - 1) }
        }
    }
}
