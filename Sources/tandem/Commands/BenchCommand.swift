import Bench
import Foundation
import Service

/// `tandem bench [--quick] [--out FILE] [--dialogs DIR] [--keep]`: the performance benchmark of issue 9 — the
/// service on 127.0.0.1 with a fresh database, a fake homeserver and a load generator, one line per figure.
/// Run it from the release build (`swift build -c release`); see `deploy/bench.md`.
struct BenchCommand {
    static let usage = "tandem bench [--quick] [--out FILE]  performance figures (release build; deploy/bench.md)"

    let arguments: Arguments

    func run() throws -> Int32 {
        try arguments.allowFlags(["quick", "out", "keep"])
        // `--out FILE`: a valued option where the CLI declares it so, else a flag followed by a positional word.
        var positional = arguments.positional
        var outPath = arguments.option("out")
        if outPath == nil, arguments.flag("out") {
            guard !positional.isEmpty else { throw CLIError("option --out needs a value") }
            outPath = positional.removeFirst()
        }
        guard positional.isEmpty else { throw CLIError("unexpected argument `\(positional[0])`") }
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
