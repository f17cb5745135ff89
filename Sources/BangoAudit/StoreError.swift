/// A problem with the audit store, in words a user can act on. Never holds a value a
/// scan found: only paths, run numbers and SQLite's own message.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "audit store \(path): \(message)" }
}
