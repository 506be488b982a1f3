import Channels
import Foundation
import Service
import Store

/// `tandem chat --db FILE --as ADDRESS`: talk to the bot in a terminal, one message per line.
struct ChatCommand {
    static let spec = CommandSpec(
        path: ["chat"], abstract: "a conversation with the bot in this terminal, one message per line",
        options: [
            .db, OptionSpec(name: "as", value: "ADDRESS", help: "who you are (default: $USER)"), .dialogs, .config,
        ],
        discussion: """
            It reads standard input, so it also works from a script:
              printf 'log today 1h\\nskip\\nskip\\nyes\\n' | tandem chat --db demo.sqlite --as ana@example.org
            """)

    let arguments: Arguments

    func run() throws -> Int32 {
        var configuration = try Configuration.load(file: arguments.option("config"))
        if let db = arguments.option("db") { configuration.databasePath = db }
        if let dialogs = arguments.option("dialogs") { configuration.dialogsPath = dialogs }
        let address = arguments.option("as") ?? ProcessInfo.processInfo.environment["USER"] ?? "me"

        let pipeline = try ServiceFactory(configuration: configuration).pipeline()
        let channel = ConsoleChannel(address: address)
        let delivery = ConsoleDelivery(database: pipeline.database, address: address)
        let interactive = isatty(STDIN_FILENO) == 1

        // Replies queued before an interruption are shown first, then where we left off.
        try delivery.flush(channel.deliver)
        for text in try pipeline.resumeTexts(channel: .console, address: address) { channel.deliver(text) }
        if interactive { print("Tandem — type `help` to see what you can say, Ctrl-D to leave.") }

        var sequence = 0
        while true {
            if interactive {
                print("> ", terminator: "")
                fflush(nil)
            }
            sequence += 1
            guard let message = channel.readMessage(sequence: sequence) else { return 0 }
            do {
                try pipeline.receive(message)
            } catch {
                // Nothing of this message was kept (its transaction rolled back): say so and carry on.
                FileHandle.standardError.write(Data("tandem: \(error)\n".utf8))
                channel.deliver(pipeline.engine.catalog.localizer.text("engine.failed", configuration.defaultLanguage))
            }
            try delivery.flush(channel.deliver)
        }
    }
}
