/// What a school step found to act on — the speaker's pair, a pair a coordinator named — or what to say instead.
enum SchoolLookup<Found> {
    case found(Found)
    case refused(String)

    var found: Found? {
        if case .found(let found) = self { found } else { nil }
    }

    var refusal: String {
        if case .refused(let text) = self { text } else { "" }
    }
}
