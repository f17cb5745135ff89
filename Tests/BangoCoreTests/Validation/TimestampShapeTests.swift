import Testing

@testable import BangoCore

/// `yyyymmddhhmm[ss]` stamps, refused by detectors with `rejects_timestamps`.
@Suite struct TimestampShapeTests {
    func matches(_ text: String) -> Bool {
        // SAFETY: the pointer covers the array and does not leave the closure.
        Array(text.utf8).withUnsafeBytes { TimestampShape.matches($0) }
    }

    @Test func realDatesAndTimesAreStamps() {
        #expect(matches("202601070903"))
        #expect(matches("199001010000"))
        #expect(matches("20240229235959"))
    }

    @Test func impossibleDatesTimesAndOtherLengthsAreNot() {
        for text in [
            "202613070903", "202601320903", "202302290903", "202601072403", "202601070960", "198912312359",
            "205001010000", "20240229235960", "2026010709031", "2026-0107-0903", "２０２６01070903",
        ] {
            #expect(!matches(text), "\(text)")
        }
    }

    @Test func myNumberRefusesAStampButNotTheSameDigitsGrouped() throws {
        let worker = try makeWorker(selection: DetectorSelection(only: ["jp.my_number"], skip: []))
        // 202601070903 passes the mod-11 check digit.
        #expect(summary("個人番号 202601070903", worker: worker).isEmpty)
        #expect(summary("個人番号 2026-0107-0903", worker: worker) == ["jp.my_number ********0903 high"])
    }

    /// A 13-digit run that reads as Unix milliseconds (1733570000002 passes the corporate
    /// check digit) is low, and high only with its own label: a keyword 100 characters
    /// back, on the record before a log line, does not make a stamp a corporate number.
    @Test func corporateNumbersInEpochShapeNeedTheirOwnLabel() throws {
        let worker = try makeWorker(selection: DetectorSelection(only: ["jp.corporate_number"], skip: []))
        #expect(
            summary(#"{"event":"login","ts":1733570000002}"#, worker: worker) == [
                "jp.corporate_number *********0002 low"
            ])
        #expect(summary("法人番号 1733570000002", worker: worker) == ["jp.corporate_number *********0002 high"])
        let filler = String(repeating: "取引記録の確認を行いました。", count: 6)
        let text = "法人番号の照会\n" + filler + "\n" + #"{"event":"login","ts":1733570000002}"#
        #expect(summary(text, worker: worker) == ["jp.corporate_number *********0002 low"])
        // The same distance keeps an ordinary corporate number high (300 characters).
        #expect(
            summary("法人番号の照会\n" + filler + "\n5835678256246", worker: worker) == [
                "jp.corporate_number *********6246 high"
            ])
    }
}
