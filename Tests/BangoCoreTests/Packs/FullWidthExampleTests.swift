import Testing

@testable import BangoCore

/// Japanese text is typed with full-width digits and hyphens as often as ASCII ones:
/// every digit detector's examples must behave the same when their digits (and the
/// hyphens and spaces between them) are written full-width.
@Suite struct FullWidthExampleTests {
    /// `text` with ASCII digits as U+FF10–FF19, and `-` and a space between two digits
    /// as U+FF0D and U+3000.
    static func fullWidth(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        func isDigit(_ index: Int) -> Bool { scalars.indices.contains(index) && ("0"..."9").contains(scalars[index]) }
        for (index, scalar) in scalars.enumerated() {
            if ("0"..."9").contains(scalar) {
                output.append(Unicode.Scalar(scalar.value - 0x30 + 0xFF10)!)
            } else if scalar == "-" && isDigit(index - 1) && isDigit(index + 1) {
                output.append(Unicode.Scalar(0xFF0D)!)
            } else if scalar == " " && isDigit(index - 1) && isDigit(index + 1) {
                output.append(Unicode.Scalar(0x3000)!)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    @Test func fullWidthIsWhatItSays() {
        #expect(Self.fullWidth("TEL 03-1234 5678 x-1") == "TEL ０３－１２３４　５６７８ x-１")
    }

    @Test func everyDigitDetectorsExamplesHoldInFullWidth() throws {
        let worker = try makeWorker()
        var failures: [String] = []
        var checked = 0
        for detector in worker.engine.detectors {
            guard case .digits = detector.definition.trigger else { continue }
            for example in detector.definition.examples where !example.isTable {
                let text = Self.fullWidth(example.text)
                guard text != example.text else { continue }
                checked += 1
                let found = worker.scan(text: text).detections.filter { $0.detectorID == detector.id }
                    .map(\.confidence)
                let passed = example.expected.map { found == [$0] } ?? found.isEmpty
                if !passed {
                    // The line of the example, never its value: failure messages stay masked.
                    failures.append(
                        "\(detector.id) example at line \(example.line ?? 0): expected "
                            + "\(example.expected?.name ?? "none"), got \(found.map(\.name))")
                }
            }
        }
        #expect(checked >= 60, "only \(checked) examples had digits")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
