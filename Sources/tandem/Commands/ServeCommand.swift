import Dispatch
import Foundation
import HTTP
import Service
import Store

/// `tandem serve [--config FILE] [--log-level LEVEL]`: the long-running service, stopped gracefully by SIGTERM or
/// SIGINT.
struct ServeCommand {
    static let spec = CommandSpec(
        path: ["serve"], abstract: "run the service (the embedded defaults without --config)",
        options: [
            .config,
            OptionSpec(name: "log-level", value: "LEVEL", help: "debug, info, warn or error (instead of log.level)"),
        ],
        discussion: "SIGTERM or SIGINT stops it gracefully: requests in flight finish, nothing acknowledged is lost.")

    let arguments: Arguments

    func run() throws -> Int32 {
        // Every open connection holds a descriptor: 16,384 as deploy/tandem.service sets, where the hard limit allows.
        DescriptorLimit.raise(to: 16_384)
        let configuration = try Configuration.load(file: arguments.option("config"))
        Log.level = configuration.minimumLogLevel
        if let name = arguments.option("log-level") {
            guard let level = LogLevel(name: name) else { throw CLIError("--log-level is debug, info, warn or error") }
            Log.level = level
        }
        // Before any thread starts: they all inherit it, and only the thread writing to the database runs ahead.
        WriterScheduling.backgroundThreads()
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
