import BangoCore
import Testing

@Suite struct HexTests {
    @Test func bytesBecomeTwoLowercaseDigitsEach() {
        #expect(Hex.encode([0x00, 0x0F, 0xA0, 0xFF]) == "000fa0ff")
        #expect(Hex.encode([UInt8]()) == "")
    }
}
