import BangoCore

/// A growable byte buffer for formatting findings.
///
/// A scan with many findings (an HR export with a phone number on every row) formats
/// hundreds of thousands of lines; an append here is a capacity check and a copy,
/// where `[UInt8].append(contentsOf:)` is a generic call and `String(value)` builds a
/// string for every number.
struct ByteBuffer: ~Copyable {
    // SAFETY: `storage` is allocated here with `capacity` bytes, of which the first
    // `count` are initialised; it is reallocated only by `reserve`, which copies those
    // bytes, and freed once, in deinit.
    private var storage: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(64, capacity)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(capacity * 2, count + extra)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        larger.initialize(from: storage, count: count)
        storage.deallocate()
        storage = larger
        capacity = grown
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        if bytes.count <= 16 {
            // The field names and separators: a call to memmove costs more than the copy.
            for offset in 0..<bytes.count { storage[count + offset] = base.load(fromByteOffset: offset, as: UInt8.self) }
        } else {
            UnsafeMutableRawPointer(storage + count).copyMemory(from: base, byteCount: bytes.count)
        }
        count += bytes.count
    }

    @inline(__always)
    mutating func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The UTF-8 of `text`, as it is. (Labelled: a string literal passed to an
    /// unlabelled `append` would pick this over the `StaticString` one.)
    mutating func append(string text: String) {
        Self.withUTF8(of: text) { append($0) }
    }

    /// Calls `body` with the UTF-8 of `text`, read in place when the string is
    /// contiguous (native and small strings are): `String.withUTF8` needs a mutable
    /// copy of the string, and so a retain and a release for every field written.
    private static func withUTF8<Result>(of text: String, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) { return result }
        return Array(text.utf8).withUnsafeBytes(body)
    }

    /// `value` in decimal.
    mutating func append(decimal value: Int) {
        var magnitude = value.magnitude
        // 20 digits hold UInt64.max; one more for the sign.
        reserve(21)
        if value < 0 {
            storage[count] = UInt8(ascii: "-")
            count += 1
        }
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        var position = count + digits
        count = position
        repeat {
            position -= 1
            storage[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
    }

    /// The 64 hex digits of a fingerprint.
    mutating func append(_ fingerprint: Fingerprint) {
        reserve(64)
        fingerprint.writeHex(to: UnsafeMutableRawBufferPointer(start: storage + count, count: 64))
        count += 64
    }

    /// `text` as a JSON string (RFC 8259): quotes, backslashes and control characters
    /// escaped exactly as ``JSON/quote(_:)`` escapes them; everything else, multi-byte
    /// characters included, copied as it is.
    mutating func appendJSONString(_ text: String) {
        Self.withUTF8(of: text) { utf8 in
            // Worst case: every byte a six-byte \u00XX escape, plus the quotes.
            reserve(utf8.count * 6 + 2)
            storage[count] = UInt8(ascii: "\"")
            count += 1
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    storage[count] = UInt8(ascii: "\\")
                    storage[count + 1] = byte
                    count += 2
                case 0x0A, 0x0D, 0x09:
                    storage[count] = UInt8(ascii: "\\")
                    storage[count + 1] = byte == 0x0A ? UInt8(ascii: "n") : byte == 0x0D ? UInt8(ascii: "r") : UInt8(ascii: "t")
                    count += 2
                case 0..<0x20:
                    let hex: StaticString = "0123456789abcdef"
                    for (offset, character) in "\\u00".utf8.enumerated() { storage[count + offset] = character }
                    storage[count + 4] = hex.utf8Start[Int(byte >> 4)]
                    storage[count + 5] = hex.utf8Start[Int(byte & 0x0F)]
                    count += 6
                default:
                    storage[count] = byte
                    count += 1
                }
            }
            storage[count] = UInt8(ascii: "\"")
            count += 1
        }
    }

    /// The bytes written so far, as an array.
    func bytes() -> [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }
}

extension ByteBuffer {
    /// Lends the bytes written so far.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        body(UnsafeRawBufferPointer(start: storage, count: count))
    }
}
