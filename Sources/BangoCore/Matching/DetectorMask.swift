/// A set of detectors of one engine, bit `i` for the detector at index `i`: the
/// prefilter, keyword gates and table headers pass these around per cluster, so a set
/// must stay one or two machine words. 128 bits hold the built-in catalogue and room
/// for users' packs; `DetectionEngine` refuses more.
public typealias DetectorMask = UInt128

extension DetectorMask {
    /// The most detectors one engine can run.
    public static let capacity = DetectorMask.bitWidth

    /// The set holding only the detector at `index`.
    @inline(__always)
    public static func detector(_ index: Int) -> DetectorMask { DetectorMask(1) << DetectorMask(index) }

    /// Whether the detector at `index` is in the set.
    @inline(__always)
    public func contains(detector index: Int) -> Bool { self & .detector(index) != 0 }
}
