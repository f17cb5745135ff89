/// Output formats for findings.
public enum OutputFormat: String, CaseIterable, Sendable {
    case text
    case jsonl
}
