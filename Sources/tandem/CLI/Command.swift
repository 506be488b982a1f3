/// One runnable command: its declaration and what it does with the words it was given (parsed against it).
struct Command: Sendable {
    let spec: CommandSpec
    let run: @Sendable (Arguments) throws -> Int32
}
