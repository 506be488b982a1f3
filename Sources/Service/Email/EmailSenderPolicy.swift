import Channels

/// When Tandem believes an email's From: the verdict of the trusted mail server in its `Authentication-Results`
/// header (RFC 8601), under `email.trusted_authserv_id` and `email.require_dmarc`.
///
/// Only the topmost run of headers carrying the trusted `authserv-id` counts — what the receiving server added
/// last; headers of other servers, and anything below, may have come with the message. Within that run a failure
/// outweighs a pass. With no trusted id configured, no header is believed.
public struct EmailSenderPolicy: Sendable, Hashable {
    /// The receiving server's `authserv-id` (`mx.example.org`); empty: every `Authentication-Results` is ignored.
    public var trustedAuthservID: String
    /// Believe From only on `dmarc=pass` (default); off, a `dkim=pass` whose signing domain is aligned with the From
    /// domain is enough. On, a `dmarc=fail` is refused outright unless the mail carries a reply token.
    public var requireDMARC: Bool

    public init(trustedAuthservID: String = "", requireDMARC: Bool = true) {
        self.trustedAuthservID = trustedAuthservID
        self.requireDMARC = requireDMARC
    }

    /// What the trusted server found about a message from `fromDomain`.
    public struct Verdict: Sendable, Hashable {
        /// Why From is believed (`dmarc=pass`), or nil.
        public var believed: String?
        /// The failure the trusted server reported (`dmarc=fail`, `spf=fail`, `spf=softfail`), or nil: a stranger
        /// whose mail failed gets no answer at all.
        public var failed: String?
        /// Whether the failure is a DMARC failure that the policy refuses outright.
        public var refused = false

        public static let unknown = Verdict()
    }

    /// The verdict on `headers` (topmost first) for a From address in `fromDomain`.
    public func verdict(_ headers: [AuthenticationResults], fromDomain: String) -> Verdict {
        let id = trustedAuthservID.lowercased()
        guard !id.isEmpty, !fromDomain.isEmpty else { return .unknown }
        let results = headers.drop { $0.authservID != id }.prefix { $0.authservID == id }.flatMap(\.results)
        let domain = fromDomain.lowercased()
        func named(_ method: String, _ result: String) -> [AuthenticationResults.Result] {
            results.filter { $0.method == method && $0.result == result }
        }
        if !named("dmarc", "fail").isEmpty {
            return Verdict(failed: "dmarc=fail", refused: requireDMARC)
        }
        let dmarc = named("dmarc", "pass").first { ($0.properties["header.from"]?.lowercased() ?? domain) == domain }
        if dmarc != nil { return Verdict(believed: "dmarc=pass") }
        if !requireDMARC, let dkim = named("dkim", "pass").first(where: { Self.isAligned($0, with: domain) }) {
            return Verdict(believed: "dkim=pass header.d=\(Self.signingDomain(dkim) ?? "")")
        }
        if !named("spf", "fail").isEmpty { return Verdict(failed: "spf=fail") }
        if !named("spf", "softfail").isEmpty { return Verdict(failed: "spf=softfail") }
        return .unknown
    }

    /// Whether a DKIM result's signing domain is the From domain or a parent of it (relaxed alignment).
    private static func isAligned(_ dkim: AuthenticationResults.Result, with domain: String) -> Bool {
        guard let signer = signingDomain(dkim), signer.contains(".") else { return false }
        return domain == signer || domain.hasSuffix("." + signer)
    }

    /// `header.d`, or the domain of `header.i`.
    private static func signingDomain(_ dkim: AuthenticationResults.Result) -> String? {
        if let d = dkim.properties["header.d"] { return d.lowercased() }
        guard let i = dkim.properties["header.i"], let at = i.lastIndex(of: "@") else { return nil }
        return String(i[i.index(after: at)...]).lowercased()
    }
}
