import Dispatch
import Foundation
import HTTP
import Service

/// `tandem serve [--config FILE]`: the long-running service, stopped gracefully by SIGTERM or SIGINT.
struct ServeCommand {
    let arguments: Arguments

    func run() throws -> Int32 {
        try arguments.allowFlags([])
        // Every open connection holds a descriptor: 16,384 as deploy/tandem.service sets, where the hard limit allows.
        DescriptorLimit.raise(to: 16_384)
        let configuration = try Configuration.load(file: arguments.option("config"))
        Log.level = configuration.minimumLogLevel
        if let name = arguments.option("log-level") {
            guard let level = LogLevel(name: name) else { throw CLIError("--log-level is debug, info, warn or error") }
            Log.level = level
        }
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

}
