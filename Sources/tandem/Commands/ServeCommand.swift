import Foundation
import Service

/// `tandem serve [--config FILE]`: the long-running service.
struct ServeCommand {
    let arguments: Arguments

    func run() throws -> Int32 {
        try arguments.allowFlags([])
        let configuration = try Configuration.load(file: arguments.option("config"))
        let factory = ServiceFactory(configuration: configuration)
        _ = try factory.pipeline()
        print("tandem: database \(configuration.databasePath), dialogs \(configuration.dialogsPath)")
        return 0
    }
}
