/// A shard given wrongly: on the command line or by the job engine's environment.
public enum ShardError: Error, Equatable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let text): text
        }
    }
}
