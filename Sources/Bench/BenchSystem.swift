import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the benchmark knows about the machine and processes it runs on (Linux `/proc`).
enum BenchSystem {
    /// `nproc=2 cpu="AMD EPYC" memory_mb=24105 kernel=… build=release swift_stdlib=static` (the Swift runtime and
    /// Foundation linked into the binary, or loaded as shared libraries) and the SQLite version.
    static func machine() -> String {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
            ?? "unknown"
        let memory = (field("MemTotal", in: "/proc/meminfo") ?? 0) / 1024
        #if DEBUG
        let build = "debug"
        #else
        let build = "release"
        #endif
        let kernel = ((try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8)) ?? "?")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // Asked of the dynamic loader: Foundation reads only the first 4 KB of `/proc/self/maps`, which ends before
        // the shared libraries are listed, so every build looked static.
        let stdlib = dlopen("libswiftCore.so", RTLD_NOW | RTLD_NOLOAD) != nil ? "shared" : "static"
        return "nproc=\(ProcessInfo.processInfo.activeProcessorCount) cpu=\"\(model)\" memory_mb=\(memory) "
            + "kernel=\(kernel) build=\(build) swift_stdlib=\(stdlib)"
    }

    /// Resident set size of a process in MiB (`VmRSS`), and its peak (`VmHWM`).
    static func residentMB(pid: Int32? = nil) -> (current: Double, peak: Double) {
        let path = "/proc/\(pid.map(String.init) ?? "self")/status"
        return (Double(field("VmRSS", in: path) ?? 0) / 1024, Double(field("VmHWM", in: path) ?? 0) / 1024)
    }

    /// User + system CPU seconds of another process so far (`/proc/PID/stat`, in clock ticks: 10 ms steps).
    static func cpuSeconds(pid: Int32) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return 0 }
        // After "pid (comm)": state is field 3, utime and stime are fields 14 and 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// A `kB` field of a `/proc` status-like file.
    private static func field(_ name: String, in path: String) -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            return Int(line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        }
        return nil
    }

    /// Sends the process's standard error (where the service logs every request) to `path` until `restore()`.
    final class StandardErrorRedirect {
        private let saved: Int32

        init(to path: String) {
            saved = dup(2)
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            if fd >= 0 {
                dup2(fd, 2)
                close(fd)
            }
        }

        func restore() {
            guard saved >= 0 else { return }
            dup2(saved, 2)
        }
    }

    /// `tandem serve` in a child process (this same binary), for memory figures that the load generator and the
    /// benchmark's own allocations do not pollute.
    final class ChildService {
        let process = Process()
        let port: UInt16
        /// From spawn to the first `200` on `/healthz`, in ms.
        let startupMilliseconds: Double

        init(executable: String, environment: [String: String], logPath: String) throws {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["serve"]
            var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TANDEM_") }
            env.merge(environment) { $1 }
            process.environment = env
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
            let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
            process.standardError = log
            process.standardOutput = log
            let started = LoadGenerator.now()
            try process.run()
            var found: UInt16?
            while found == nil, LoadGenerator.now() - started < 30, process.isRunning {
                let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
                if let range = text.range(of: "serving http=127.0.0.1:") {
                    found = UInt16(text[range.upperBound...].prefix { $0.isNumber })
                } else {
                    usleep(2_000)
                }
            }
            guard let port = found else {
                process.terminate()
                let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
                throw BenchError("child `tandem serve` did not start: \(text.suffix(600))")
            }
            self.port = port
            let socket = try BenchSocket(port: port)
            let status = try socket.exchange(Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
            guard status == 200 else { throw BenchError("child /healthz answered \(status)") }
            startupMilliseconds = (LoadGenerator.now() - started) * 1000
        }

        var residentMB: (current: Double, peak: Double) { BenchSystem.residentMB(pid: process.processIdentifier) }

        /// The child's `GET /metrics` page.
        func metrics() throws -> String {
            let (status, body) = try BenchSocket(port: port).get("/metrics")
            guard status == 200 else { throw BenchError("child /metrics answered \(status)") }
            return String(decoding: body, as: UTF8.self)
        }

        /// CPU seconds the child has used so far.
        var cpuSeconds: Double { BenchSystem.cpuSeconds(pid: process.processIdentifier) }

        func stop() {
            guard process.isRunning else { return }
            process.terminate()
            let deadline = LoadGenerator.now() + 15
            while process.isRunning, LoadGenerator.now() < deadline { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
    }
}
