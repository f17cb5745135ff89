/// Why an engine could not be built.
public enum EngineError: Error, CustomStringConvertible, Equatable {
    case pack(PackError)
    case tooManyDetectors(Int)

    public var description: String {
        switch self {
        case .pack(let error): error.description
        case .tooManyDetectors(let count):
            "\(count) detectors selected; at most \(DetectorMask.capacity) can run at once (--skip some)"
        }
    }
}
