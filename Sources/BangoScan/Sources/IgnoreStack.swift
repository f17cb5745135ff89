/// The `.gitignore` files in force for one directory: its own and its ancestors'.
public struct IgnoreStack: Sendable {
    var files: [IgnoreFile] = []

    public init() {}

    func adding(_ file: IgnoreFile) -> IgnoreStack {
        var copy = self
        copy.files.append(file)
        return copy
    }

    /// Whether `path` is ignored; the deepest `.gitignore` with an opinion wins.
    public func isIgnored(_ path: TargetPath, isDirectory: Bool) -> Bool {
        let name = path.lastComponent
        for file in files.reversed() {
            guard path.bytes.count > file.base.count + 1,
                path.bytes.starts(with: file.base),
                file.base.isEmpty || path.bytes[file.base.count] == UInt8(ascii: "/")
            else { continue }
            let relative = Array(path.bytes[(file.base.isEmpty ? 0 : file.base.count + 1)...])
            if let verdict = file.verdict(relative: relative, name: name, isDirectory: isDirectory) {
                return verdict
            }
        }
        return false
    }
}
