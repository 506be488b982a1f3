import Bench
import Foundation
import Service

/// `tandem bench [--quick] [--out FILE] [--dialogs DIR] [--keep]`: the performance benchmark of issue 9 — the
/// service on 127.0.0.1 with a fresh database, a fake homeserver and a load generator, one line per figure.
/// Run it from the release build (`swift build -c release`); see `deploy/bench.md`.
struct BenchCommand {
    static let spec = CommandSpec(
        path: ["bench"], abstract: "the performance benchmark: one line per figure (release build; deploy/bench.md)",
        options: [
            OptionSpec(name: "quick", value: nil, help: "a scaled-down run (seconds): the same lines, smaller numbers"),
            OptionSpec(name: "out", value: "FILE", help: "also write the figure lines to FILE"),
            OptionSpec(name: "dialogs", value: "DIR", help: "the dialogues the service runs (default: Dialogs)"),
            OptionSpec(name: "keep", value: nil, help: "keep the temporary directory (databases, service log)"),
        ])

    let arguments: Arguments

    func run() throws -> Int32 {
        let outPath = arguments.option("out")
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let benchmark = Benchmark(options: .init(
            quick: arguments.flag("quick"), dialogsPath: arguments.option("dialogs") ?? "Dialogs",
            executable: executable, keep: arguments.flag("keep")))
        var lines: [String] = []
        let result = Result {
            try benchmark.run { line in
                lines.append(line)
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            }
        }
        if let outPath {
            _ = FileManager.default.createFile(atPath: outPath, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
        }
        try result.get()
        return lines.contains { $0.hasPrefix("check_flows=FAILED") } ? 1 : 0
    }
}
