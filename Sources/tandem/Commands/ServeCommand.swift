import Dispatch
import Foundation
import Service

/// `tandem serve [--config FILE]`: the long-running service, stopped gracefully by SIGTERM or SIGINT.
struct ServeCommand {
    let arguments: Arguments

    func run() throws -> Int32 {
        try arguments.allowFlags([])
        Self.raiseDescriptorLimit()
        let configuration = try Configuration.load(file: arguments.option("config"))
        let service = try TandemService(configuration: configuration)
        try service.start()
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                Log.info("stopping (signal \(number))")
                service.shutdown()
            }
            source.resume()
            sources.append(source)
        }
        service.waitUntilStopped()
        withExtendedLifetime(sources) {}
        return 0
    }

    /// Every open HTTP connection holds a descriptor (and no thread): lift the soft limit, often 1,024, to the hard
    /// one (at most 16,384, what `deploy/tandem.service` sets), so the server's connection limit is the one that
    /// applies.
    private static func raiseDescriptorLimit() {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < 16_384, limit.rlim_max > limit.rlim_cur else { return }
        limit.rlim_cur = min(limit.rlim_max, 16_384)
        _ = setrlimit(resource, &limit)
    }
}
