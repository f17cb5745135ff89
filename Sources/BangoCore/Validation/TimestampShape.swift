/// A date and time written as one run of digits: `yyyymmddhhmm` or `yyyymmddhhmmss`,
/// as logs, exports and file names stamp them. One in eleven such stamps passes the My
/// Number check digit; a real My Number reads as one only about once in 30,000 (years
/// 1990–2049, then a real month, day, hour and minute), so the stamp is the better bet.
enum TimestampShape {
    /// Whether `raw` is 12 or 14 ASCII digits that read as such a date and time.
    static func matches(_ raw: UnsafeRawBufferPointer) -> Bool {
        guard raw.count == 12 || raw.count == 14, raw.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        func number(_ offset: Int, _ length: Int) -> Int {
            (offset..<(offset + length)).reduce(0) { $0 * 10 + Int(raw[$1] - 0x30) }
        }
        let year = number(0, 4)
        let month = number(4, 2)
        let day = number(6, 2)
        guard (1990...2049).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day <= days, number(8, 2) <= 23, number(10, 2) <= 59 else { return false }
        return raw.count == 12 || number(12, 2) <= 59
    }

    /// Whether `digits` (ASCII) are 13 that read as a Unix time in milliseconds between
    /// mid-2017 and early 2030 (1.5e12 to 1.9e12), as logs and JSON stamp events. A
    /// number of that shape is only an identifier when its keyword says so.
    static func isEpochMilliseconds(_ digits: UnsafeRawBufferPointer) -> Bool {
        guard digits.count == 13, digits[0] == UInt8(ascii: "1"), digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return false }
        return (UInt8(ascii: "5")...UInt8(ascii: "8")).contains(digits[1])
    }
}
