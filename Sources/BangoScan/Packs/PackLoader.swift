import BangoCore
import Foundation

/// Reads user pattern packs from files or folders (`--patterns FILE|DIR`). BangoCore
/// parses and validates; this type only finds and reads the files.
public enum PackLoader {
    /// Packs from each path: a file, or every `.yaml`/`.yml` file in a folder (sorted,
    /// not recursive). Errors name the file.
    public static func load(_ paths: [String]) throws(PackError) -> [PatternPack] {
        var packs: [PatternPack] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw PackError(source: path, line: nil, ruleID: nil, message: "no such pattern pack file or folder")
            }
            var files = [path]
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                    .map { (path as NSString).appendingPathComponent($0) }
                if files.isEmpty {
                    throw PackError(
                        source: path, line: nil, ruleID: nil, message: "the folder holds no .yaml pattern packs")
                }
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw PackError(source: file, line: nil, ruleID: nil, message: "cannot read the file")
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw PackError(source: file, line: nil, ruleID: nil, message: "the file is not UTF-8")
                }
                packs.append(try PatternPack(yaml: text, source: file))
            }
        }
        return packs
    }
}
