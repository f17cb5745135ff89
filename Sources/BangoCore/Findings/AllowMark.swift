/// Whether a `bango:allow` mark on its line covers a finding.
public enum AllowMark: UInt8, Sendable, Equatable {
    /// No mark covers it.
    case none
    /// A mark covers it and the place honours marks (a plain text file): not reported.
    case honoured
    /// A mark covers it where marks are not honoured (inside an archive member, a
    /// document or a binary file, where nobody edits lines): reported, with a note.
    case ignored
}
