internal import CCurl
import Foundation

extension SMTPClient {
    /// Talks to the server as sending would — greeting, `EHLO`, `STARTTLS` (required except on loopback) and `AUTH`
    /// when a user is set — then says `QUIT`: never sends mail (`tandem doctor`). libcurl's `CURLOPT_CONNECT_ONLY`
    /// closes the connection without `QUIT`, so the probe sends it itself, not awaiting the `221`. Connecting and the
    /// whole exchange are each limited by ``timeout``.
    public func probe() -> SMTPProbeResult {
        do throws(SMTPProbeFailure) {
            let easy: CurlEasy<SMTPProbeFailure> = try connection(connectTimeoutCap: .max)
            try easy.set(CURLOPT_CONNECT_ONLY, 1)
            let (code, detail) = easy.performDescribingFailure()
            guard code == CURLE_OK else {
                return .failed(Self.failure(code, detail: detail.isEmpty ? Curl.message(code) : detail,
                                            osError: easy.osError()))
            }
            let reply = easy.responseCode()
            easy.sendRaw(Array("QUIT\r\n".utf8))
            return .answered(reply: reply)
        } catch {
            return .failed(error)
        }
    }

    /// What a failed exchange means, by libcurl's code.
    private static func failure(_ code: CURLcode, detail: String, osError: Int) -> SMTPProbeFailure {
        switch code {
        case CURLE_COULDNT_CONNECT:
            .cannotConnect(reason: osError == 0 ? detail : String(cString: strerror(Int32(osError))).lowercased())
        case CURLE_COULDNT_RESOLVE_HOST: .cannotResolve
        case CURLE_OPERATION_TIMEDOUT: .timedOut
        case CURLE_USE_SSL_FAILED: .noSTARTTLS
        case CURLE_LOGIN_DENIED: .loginDenied
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR: .tlsFailed(detail)
        default: .other(curlCode: Int(code.rawValue), detail: detail)
        }
    }
}
