import Testing

@testable import BangoCore

/// One secret seen by two rules is one finding, the more specific rule's. Values are
/// synthetic (random characters in each format's shape).
@Suite struct SecretArbitrationTests {
    let worker: DetectionSession
    init() throws { worker = try makeWorker(selection: DetectorSelection(only: ["secret"], skip: [])) }

    func detectors(_ text: String) -> [String] {
        worker.scan(text: text).detections.map(\.detectorID)
    }

    @Test func anAWSSecretKeyIsNotAlsoAGenericCredential() {
        let text = "aws_secret_access_key = tnssQNMkdkOsDbzZ3qAAEW8+HZqJLGgmnvmdCUpb\n"
        #expect(detectors(text) == ["secret.aws_secret_key"])
    }

    @Test func aServiceAccountFileIsOneFindingNotAlsoItsPrivateKey() {
        let text = """
            {
              "type": "service_account",
              "private_key_id": "4f1c9a0be27d35c8e6a1b0f93d7c2e5a8b4f6d01",
              "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCx7Qm2\\n-----END PRIVATE KEY-----\\n"
            }
            """
        #expect(detectors(text) == ["secret.gcp_service_account"])
        // Without the service-account detector, the key is still found on its own.
        let keyOnly = try? makeWorker(selection: DetectorSelection(only: ["secret.private_key"], skip: []))
        #expect(keyOnly?.scan(text: text).detections.map(\.detectorID) == ["secret.private_key"])
    }

    @Test func anNpmTokenInAnNpmrcIsTheNpmToken() {
        let text = "//registry.npmjs.org/:_authToken=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\n"
        #expect(detectors(text) == ["secret.npm_token"])
        // Another registry's token is the .npmrc credential.
        let other = "//npm.pkg.github.com/:_authToken=Zq81vQm3TrL9wK2pB7nCx4Hd\n"
        #expect(detectors(other) == ["secret.npmrc_auth"])
    }

    @Test func aConnectionStringPasswordIsNotAlsoAGenericCredential() {
        let text = "Server=db01;Database=payroll;User ID=app;Password=Vq8rT2mLx9KcW3;\n"
        #expect(detectors(text) == ["secret.connection_string_password"])
    }

    @Test func supersedesMustNameAKnownDetector() throws {
        let yaml = """
            pack: test
            detectors:
              - id: test.token
                name: Token
                jurisdiction: test
                trigger: { literals: [tok_] }
                regex: 'tok_[a-z]{8}'
                normalize: none
                supersedes: [test.nothing]
                confidence: { without_keyword: high, with_keyword: high }
                examples:
                  - { text: 'tok_abcdefgh', expect: high }
                  - { text: 'tok_abc', expect: none }
            """
        let pack = try PatternPack(yaml: yaml, source: "user.yaml")
        #expect(throws: EngineError.self) { try DetectionEngine(packs: [pack]) }
        let selfish = yaml.replacingOccurrences(of: "test.nothing", with: "test.token")
        #expect(throws: PackError.self) { try PatternPack(yaml: selfish, source: "user.yaml") }
    }
}
