import BangoCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where the fingerprint key comes from, in order: `--fingerprint-key-file`, the
/// `BANGO_FINGERPRINT_KEY` environment variable, or a random key made once and kept in
/// the user's config folder (`$XDG_CONFIG_HOME/bango/fingerprint.key`, else
/// `~/.config/bango/fingerprint.key`), readable by the owner only.
public enum FingerprintKeyStore {
    public static let environmentVariable = "BANGO_FINGERPRINT_KEY"

    public enum KeyError: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case unusable(source: String, FingerprintKeyError)
        case cannotCreate(path: String, reason: String)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): "cannot read fingerprint key file \(path): \(reason)"
            case .unusable(let source, let error): "fingerprint key from \(source): \(error)"
            case .cannotCreate(let path, let reason): "cannot create fingerprint key \(path): \(reason)"
            }
        }
    }

    /// Loads or creates the key and returns a fingerprinter for it.
    public static func fingerprinter(
        keyFile: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(KeyError) -> Fingerprinter {
        let (bytes, source): ([UInt8], String)
        if let keyFile {
            guard let data = FileManager.default.contents(atPath: keyFile) else {
                throw .unreadable(path: keyFile, reason: "no such file or not readable")
            }
            (bytes, source) = (Array(data), keyFile)
        } else if let value = environment[environmentVariable], !value.isEmpty {
            (bytes, source) = (Array(value.utf8), "$\(environmentVariable)")
        } else {
            let path = defaultKeyPath(environment: environment)
            (bytes, source) = (try loadOrCreate(at: path), path)
        }
        do {
            return try Fingerprinter(keyBytes: bytes)
        } catch {
            throw .unusable(source: source, error)
        }
    }

    public static func defaultKeyPath(environment: [String: String]) -> String {
        let base: String
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            base = config
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        }
        return base + "/bango/fingerprint.key"
    }

    /// Reads the key at `path`, or creates it with 32 random bytes (mode 0600, in a
    /// 0700 folder). `O_EXCL` makes concurrent first runs agree on one key.
    static func loadOrCreate(at path: String) throws(KeyError) -> [UInt8] {
        if let data = FileManager.default.contents(atPath: path) { return Array(data) }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotCreate(path: path, reason: "\(error.localizedDescription)")
        }
        var key = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in key.indices { key[index] = generator.next() }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            let code = errno
            if code == EEXIST, let data = FileManager.default.contents(atPath: path) { return Array(data) }
            throw .cannotCreate(path: path, reason: String(cString: strerror(code)))
        }
        defer { close(fd) }
        // SAFETY: write(2) reads `count` bytes from the array's own storage, alive for the call.
        let written = key.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == key.count else { throw .cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        return key
    }
}
