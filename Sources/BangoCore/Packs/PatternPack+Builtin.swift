import BangoPatterns

extension PatternPack {
    /// The packs built into the binary.
    public static func builtin() throws(EngineError) -> [PatternPack] {
        var packs: [PatternPack] = []
        for (fileName, contents) in BuiltinPacks.all {
            do {
                packs.append(
                    try PatternPack(
                        yaml: String(decoding: contents, as: UTF8.self), source: "builtin:\(fileName)", isBuiltin: true)
                )
            } catch {
                throw EngineError.pack(error)
            }
        }
        return packs
    }
}
