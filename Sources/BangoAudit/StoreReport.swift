/// What `bango report` shows of one run: its totals by detector, confidence, folder and
/// owner, what changed since an earlier run, the targets it skipped or could not read,
/// and the trend over the runs on the same roots. Masked values only: the store holds
/// nothing else.
public struct StoreReport: Sendable {
    public struct Tally: Sendable, Equatable {
        public var name: String
        public var high = 0
        public var medium = 0
        public var low = 0
        public var total: Int { high + medium + low }

        public init(name: String, high: Int = 0, medium: Int = 0, low: Int = 0) {
            self.name = name
            self.high = high
            self.medium = medium
            self.low = low
        }
    }

    /// One finding as reports list it, with how it changed.
    public struct Item: Sendable, Equatable {
        public enum Change: String, Sendable { case new, persisting, resolved }
        public var path: String
        public var member: String?
        public var line: Int
        public var column: Int
        public var detector: String
        public var confidence: String
        public var masked: String
        public var fingerprint: String
        public var location: String?
        public var change: Change
    }

    /// A target the run did not scan, or not in full.
    public struct Problem: Sendable, Equatable {
        public var path: String
        public var member: String?
        public var status: String
        public var reason: String
        public var detail: String?
    }

    /// One run of the trend.
    public struct Point: Sendable, Equatable {
        public var run: Int
        public var started: String
        public var findings: Int
        public var new: Int?
        public var resolved: Int?
    }

    public var run: RunRecord
    /// The run the changes are relative to, when there is one.
    public var since: Int?
    public var byDetector: [Tally]
    public var byConfidence: Tally
    /// Folders (the directory of each path) by findings, most first.
    public var byFolder: [Tally]
    /// Owners (user names, else uids) by findings, most first.
    public var byOwner: [Tally]
    public var new: Int
    public var persisting: Int
    public var resolved: Int
    /// New, persisting and resolved findings, sorted by path and position.
    public var items: [Item]
    public var problems: [Problem]
    public var trend: [Point]

    /// Findings a report counts: those not under an honoured `bango:allow` mark.
    public var findings: Int { byConfidence.total }
}
