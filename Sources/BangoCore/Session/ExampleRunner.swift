/// Runs detectors' own examples and reports the ones that do not behave as written.
public struct ExampleRunner {
    /// One example whose outcome differed from its `expect`.
    public struct Failure: Sendable, CustomStringConvertible {
        public var detectorID: String
        public var line: Int?
        public var expected: Confidence?
        public var actual: [Confidence]

        public var description: String {
            let want = expected?.name ?? "none"
            let got = actual.isEmpty ? "none" : actual.map(\.name).joined(separator: ",")
            return "[\(detectorID)] example at line \(line.map(String.init) ?? "?"): expected \(want), got \(got)"
        }
    }

    let worker: DetectionSession

    public init(worker: DetectionSession) { self.worker = worker }

    /// Every example of every detector in the worker's engine; returns the failures
    /// and the number of examples run. Failure messages carry masked values only.
    public func run() -> (failures: [Failure], count: Int) {
        var failures: [Failure] = []
        var count = 0
        for detector in worker.engine.detectors {
            for example in detector.definition.examples {
                count += 1
                let found = worker.scan(text: example.text, asTable: example.isTable).detections
                    .filter { $0.detectorID == detector.id }.map(\.confidence)
                let passed = example.expected.map { found == [$0] } ?? found.isEmpty
                if !passed {
                    failures.append(
                        Failure(detectorID: detector.id, line: example.line, expected: example.expected, actual: found))
                }
            }
        }
        return (failures, count)
    }
}
