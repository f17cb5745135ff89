/// Bytes that can be read at any offset: a regular file or memory.
enum RandomAccessBytes: Sendable {
    case file(OpenFile)
    case memory([UInt8])

    /// The random-access form of a loaded target's bytes; nil for a stream.
    init?(_ bytes: LoadedTarget.Bytes) {
        switch bytes {
        case .file(let file): self = .file(file)
        case .memory(let memory): self = .memory(memory)
        case .stream: return nil
        }
    }
}
