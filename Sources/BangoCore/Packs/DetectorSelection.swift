/// Which detectors a scan runs: all, or those named by id or jurisdiction.
public struct DetectorSelection: Sendable {
    public var only: [String]
    public var skip: [String]

    public static let all = DetectorSelection(only: [], skip: [])

    public init(only: [String], skip: [String]) {
        self.only = only
        self.skip = skip
    }

    /// Jurisdictions that a group name stands for: `eu`, the member states (the packs
    /// use ISO 3166 codes such as `es`, `nl`).
    public static let groups: [String: Set<String>] = [
        "eu": [
            "at", "be", "bg", "cy", "cz", "de", "dk", "ee", "es", "fi", "fr", "gr", "hr", "hu", "ie", "it",
            "lt", "lu", "lv", "mt", "nl", "pl", "pt", "ro", "se", "si", "sk",
        ]
    ]

    static func name(_ name: String, selects definition: DetectorDefinition) -> Bool {
        name == definition.id || name == definition.jurisdiction || definition.id.hasPrefix(name + ".")
            || groups[name]?.contains(definition.jurisdiction) == true
    }

    func admits(_ definition: DetectorDefinition) -> Bool {
        if skip.contains(where: { Self.name($0, selects: definition) }) { return false }
        return only.isEmpty || only.contains(where: { Self.name($0, selects: definition) })
    }

    /// Names in `only` or `skip` that select no detector of `packs`: a typo in `--skip`
    /// must not quietly run everything.
    public func unknownNames(in packs: [PatternPack]) -> [String] {
        let definitions = packs.flatMap(\.detectors)
        return (only + skip).filter { name in !definitions.contains { Self.name(name, selects: $0) } }
    }
}
