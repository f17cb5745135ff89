import Testing

@testable import BangoCore

/// GitHub's token checksum: CRC32 of the 30-character body, in base62.
@Suite struct GitHubChecksumTests {
    @Test func crc32IsTheIEEEOne() {
        // The standard check value of CRC-32/ISO-HDLC.
        #expect(Validators.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Validators.crc32([UInt8]()) == 0)
    }

    /// Synthetic tokens made the way GitHub describes: 30 random base62 characters and
    /// their CRC32 in base62, padded to six.
    @Test func tokensWithTheirChecksumPassAndAlteredOnesFail() {
        let valid = "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"
        #expect(Validator.githubToken.isValid(valid))
        #expect(Validator.githubToken.isValid("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"))
        var body = Array(valid)
        body[10] = body[10] == "a" ? "b" : "a"
        #expect(!Validator.githubToken.isValid(String(body)))
        #expect(!Validator.githubToken.isValid(String(valid.dropLast())))
        #expect(Validator.githubToken.isValid("github_pat_" + String(repeating: "A", count: 82)))
    }

    /// GitLab's routable tokens, built as GitLab's generator builds them (payload
    /// `c:1 o:2s u:7f` and 16 random bytes, base64url, `.`, length, CRC32 in base36).
    @Test func gitLabRoutableTokensCarryTheirCRC() {
        let valid = "glpat-YzoxCm86MnMKdTo3ZjkMjH1yRzQs2BAPL293DWUQ.140lf0wj9"
        #expect(Validator.gitlabToken.isValid(valid))
        #expect(Validator.gitlabToken.isValid("glrt-t1_YzoxCm86MnMKdTo3ZrewhxbrP8EolrliIxd0lCgQ.140hwl8ar"))
        #expect(!Validator.gitlabToken.isValid(String(valid.dropLast()) + "a"))  // checksum changed
        #expect(!Validator.gitlabToken.isValid(valid.replacingOccurrences(of: "Yzox", with: "Yzoy")))  // body changed
        #expect(!Validator.gitlabToken.isValid(valid.replacingOccurrences(of: ".14", with: ".1A")))  // not base36
        #expect(!Validator.gitlabToken.isValid(String(valid.dropLast())))  // too short
        #expect(Validator.gitlabToken.isValid("glpat-Xq3vB8nK2mR7tY1wZ5cD"))  // classic: no checksum
    }
}
