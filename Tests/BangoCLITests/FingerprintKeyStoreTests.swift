import BangoCore
import Foundation
import Testing

@testable import bango

/// Where the fingerprint key comes from, and how the default one is made and kept.
@Suite struct FingerprintKeyStoreTests {
    static func folder() -> String {
        let path = NSTemporaryDirectory() + "bango-key-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func permissions(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int
    }

    @Test func theDefaultKeyIsMadeOnceOwnerOnlyAndReused() throws {
        let home = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["XDG_CONFIG_HOME": home]
        let path = FingerprintKeyStore.defaultKeyPath(environment: environment)
        #expect(path == home + "/bango/fingerprint.key")
        let first = try FingerprintKeyStore.loadOrCreate(at: path)
        #expect(first.count == 32)
        #expect(Self.permissions(path) == 0o600)
        #expect(Self.permissions(home + "/bango") == 0o700)
        #expect(try FingerprintKeyStore.loadOrCreate(at: path) == first)
        // Fingerprints from the stored key agree run after run.
        let one = try FingerprintKeyStore.fingerprinter(keyFile: nil, environment: environment)
        let two = try FingerprintKeyStore.fingerprinter(keyFile: nil, environment: environment)
        #expect(
            one.fingerprint(detector: "jp.my_number", normalizedValue: "123456789018")
                == two.fingerprint(detector: "jp.my_number", normalizedValue: "123456789018"))
    }

    @Test func aRelativeConfigHomeIsIgnoredForHome() {
        let path = FingerprintKeyStore.defaultKeyPath(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/home/u"])
        #expect(path == "/home/u/.config/bango/fingerprint.key")
    }

    /// The key file given wins over the environment, and the environment over the default.
    @Test func sourcesAreTakenInOrder() throws {
        let home = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let keyFile = home + "/team.key"
        FileManager.default.createFile(atPath: keyFile, contents: Data("team-key-0123456789abcdef-shared".utf8))
        let environment = [
            FingerprintKeyStore.environmentVariable: "env-key-0123456789abcdef-value", "XDG_CONFIG_HOME": home,
        ]
        let fromFile = try FingerprintKeyStore.fingerprinter(keyFile: keyFile, environment: environment)
        let fromEnvironment = try FingerprintKeyStore.fingerprinter(keyFile: nil, environment: environment)
        let direct = try Fingerprinter(keyBytes: Array("team-key-0123456789abcdef-shared".utf8))
        let value = "123456789018"
        #expect(
            fromFile.fingerprint(detector: "d", normalizedValue: value)
                == direct.fingerprint(detector: "d", normalizedValue: value))
        #expect(
            fromEnvironment.fingerprint(detector: "d", normalizedValue: value)
                != direct.fingerprint(detector: "d", normalizedValue: value))
        #expect(!FileManager.default.fileExists(atPath: home + "/bango/fingerprint.key"))  // no default key made
    }

    @Test func aMissingKeyFileIsNamed() {
        #expect(throws: FingerprintKeyStore.KeyError.self) {
            try FingerprintKeyStore.fingerprinter(keyFile: "/no/such/key", environment: [:])
        }
        do {
            _ = try FingerprintKeyStore.fingerprinter(keyFile: "/no/such/key", environment: [:])
        } catch {
            #expect(error.description == "cannot read fingerprint key file /no/such/key: no such file or not readable")
        }
    }

    @Test func aShortKeyIsRefusedWithItsSource() {
        do {
            _ = try FingerprintKeyStore.fingerprinter(
                keyFile: nil, environment: [FingerprintKeyStore.environmentVariable: "short"])
            Issue.record("a five-byte key was accepted")
        } catch {
            #expect(error.description.hasPrefix("fingerprint key from $BANGO_FINGERPRINT_KEY: "))
            #expect(!error.description.contains("short"))  // the key itself is never echoed
        }
    }

    @Test func anUncreatableKeyFolderIsAnError() {
        #expect(throws: FingerprintKeyStore.KeyError.self) {
            try FingerprintKeyStore.loadOrCreate(at: "/proc/bango-cannot/fingerprint.key")
        }
    }
}
