import Bench
import Foundation
import Service

/// `tandem bench [--quick] [--out FILE] [--dialogs DIR] [--keep] [--service FILE] [--only PHASES]`: the performance
/// benchmark of issues 9 and 17 — the service on 127.0.0.1 with a fresh database, a fake homeserver and a load
/// generator, one line per figure.
/// Run it from the release build (`swift build -c release`); see `deploy/bench.md`.
struct BenchCommand {
    static let spec = CommandSpec(
        path: ["bench"], abstract: "the performance benchmark: one line per figure (release build; deploy/bench.md)",
        options: [
            OptionSpec(name: "quick", value: nil, help: "a scaled-down run (seconds): the same lines, smaller numbers"),
            OptionSpec(name: "out", value: "FILE", help: "also write the figure lines to FILE"),
            OptionSpec(name: "dialogs", value: "DIR", help: "the dialogues the service runs (default: Dialogs)"),
            OptionSpec(name: "keep", value: nil, help: "keep the temporary directory (databases, service log)"),
            OptionSpec(
                name: "service", value: "FILE",
                help: "the tandem binary the child services run (default: this one; to compare another build)"),
            OptionSpec(
                name: "only", value: "PHASES",
                help: "run only these phases, comma-separated: "
                    + Benchmark.Phase.allCases.map(\.rawValue).joined(separator: ", ")),
        ])

    let arguments: Arguments

    func run() throws -> Int32 {
        let outPath = arguments.option("out")
        let executable = arguments.option("service")
            ?? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw CLIError("--service: \(executable) is not an executable file")
        }
        let only = try arguments.option("only").map { list in
            try Set(list.split(separator: ",").map { name in
                guard let phase = Benchmark.Phase(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw CLIError("--only: no phase \(name) (phases: "
                        + Benchmark.Phase.allCases.map(\.rawValue).joined(separator: ", ") + ")")
                }
                return phase
            })
        }
        let benchmark = Benchmark(options: .init(
            quick: arguments.flag("quick"), dialogsPath: arguments.option("dialogs") ?? "Dialogs",
            executable: executable, keep: arguments.flag("keep"), only: only))
        var lines: [String] = []
        let result = Result {
            try benchmark.run { line in
                lines.append(line)
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            }
        }
        if let outPath {
            let text = lines.joined(separator: "\n") + "\n"
            _ = FileManager.default.createFile(atPath: outPath, contents: Data(text.utf8))
        }
        try result.get()
        let failed = lines.contains { $0.hasPrefix("check_flows=FAILED") || $0.hasPrefix("check_replies=FAILED") }
        return failed ? 1 : 0
    }
}
