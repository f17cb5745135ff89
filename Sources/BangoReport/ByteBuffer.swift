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
        // SAFETY: `reserve` makes room for bytes.count more bytes first, so both copies below write inside `capacity`,
        // and read `base` for bytes.count bytes, the caller's buffer's own size.
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        if bytes.count <= 16 {
            // The field names and separators: a call to memmove costs more than the copy.
            for offset in 0..<bytes.count {
                storage[count + offset] = base.load(fromByteOffset: offset, as: UInt8.self)
            }
        } else {
            UnsafeMutableRawPointer(storage + count).copyMemory(from: base, byteCount: bytes.count)
        }
        count += bytes.count
    }

    @inline(__always)
    mutating func append(_ text: StaticString) {
        // SAFETY: a StaticString's UTF-8 is static data of exactly utf8CodeUnitCount bytes.
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The UTF-8 of `text`, as it is. (Labelled: a string literal passed to an
    /// unlabelled `append` would pick this over the `StaticString` one.)
    mutating func append(string text: String) {
        let length = text.utf8.count
        reserve(length)
        // The UTF-8 view copies its bytes in one go (a small string's from the string
        // itself); reading them through `withUTF8` or `withContiguousStorageIfAvailable`
        // cost several times as much for the short strings findings are made of.
        // SAFETY: `reserve(length)` left room for the string's `length` UTF-8 bytes after `count`, and
        // `initialize(from:)` writes no more than the view's count.
        let (_, copied) = UnsafeMutableBufferPointer(start: storage + count, count: length).initialize(from: text.utf8)
        count += copied
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
        // SAFETY: `reserve(64)` left room for the 64 hex digits writeHex writes.
        fingerprint.writeHex(to: UnsafeMutableRawBufferPointer(start: storage + count, count: 64))
        count += 64
    }

    /// `text` as a JSON string (RFC 8259): quotes and backslashes escaped, `\n`, `\r` and
    /// `\t` by name, other control characters as `\u00XX`; everything else, multi-byte
    /// characters and DEL included, copied as it is. (``JSON/quote(_:)`` is this too.)
    mutating func appendJSONString(_ text: String) {
        let start = count
        append(UInt8(ascii: "\""))
        append(string: text)
        // Most strings need no escaping: checked where they were just copied.
        // SAFETY: `written` points into the storage as it is now, and is read only
        // before `reserve` below may move the storage.
        let written = UnsafeRawBufferPointer(start: storage + start + 1, count: count - start - 1)
        let first = Self.firstByteNeedingEscape(in: written, from: 0)
        if first < written.count {
            // Rewrite from the first byte that needs escaping: every byte may grow to six.
            let rest = Array(written[first...])
            count = start + 1 + first
            reserve(rest.count * 6)
            var position = 0
            rest.withUnsafeBytes { rest in
                while position < rest.count {
                    let end = Self.firstByteNeedingEscape(in: rest, from: position)
                    // SAFETY: `reserve(rest.count * 6)` above left room for every remaining byte at its widest; `base +
                    // position` is read for `end - position` bytes, inside `rest`.
                    if end > position, let base = rest.baseAddress {
                        UnsafeMutableRawPointer(storage + count).copyMemory(
                            from: base + position, byteCount: end - position)
                        count += end - position
                    }
                    guard end < rest.count else { break }
                    appendEscaped(rest[end])
                    position = end + 1
                }
            }
        }
        append(UInt8(ascii: "\""))
    }

    /// The offset of the first quote, backslash or control byte at or after `start`, or
    /// the count when there is none; eight bytes at a time.
    private static func firstByteNeedingEscape(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var position = start
        while position + 8 <= bytes.count {
            // SAFETY: the 8-byte load runs only while `position + 8 <= bytes.count`, and the byte load while `position
            // < bytes.count`.
            let word = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
            // A lane is flagged when its byte is below 0x20 or equals `"` or `\`: the
            // classic has-zero-byte test on the word XOR each quote byte, and on the word
            // less 0x20 in each lane (valid for lanes below 0x80; UTF-8 lead and
            // continuation bytes, which are 0x80 and up, are masked out by `~word`).
            let low = word &- 0x2020_2020_2020_2020
            let quote = word ^ 0x2222_2222_2222_2222
            let backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
            let flagged =
                (low | (quote &- 0x0101_0101_0101_0101) | (backslash &- 0x0101_0101_0101_0101))
                & ~word & 0x8080_8080_8080_8080
            if flagged != 0 { break }
            position += 8
        }
        while position < bytes.count {
            // SAFETY: a byte is read only while position < bytes.count.
            let byte = bytes.load(fromByteOffset: position, as: UInt8.self)
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return position }
            position += 1
        }
        return position
    }

    /// One byte that needs escaping, escaped; the caller reserved room for six bytes.
    private mutating func appendEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"):
            storage[count] = UInt8(ascii: "\\")
            storage[count + 1] = byte
            count += 2
        case 0x0A, 0x0D, 0x09:
            storage[count] = UInt8(ascii: "\\")
            storage[count + 1] = byte == 0x0A ? UInt8(ascii: "n") : byte == 0x0D ? UInt8(ascii: "r") : UInt8(ascii: "t")
            count += 2
        default:
            let hex: StaticString = "0123456789abcdef"
            for (offset, character) in "\\u00".utf8.enumerated() { storage[count + offset] = character }
            storage[count + 4] = hex.utf8Start[Int(byte >> 4)]
            storage[count + 5] = hex.utf8Start[Int(byte & 0x0F)]
            count += 6
        }
    }

    /// Forgets what was written, keeping the storage for the next use unless it has
    /// grown past `limit` bytes, when it goes back to `limit`.
    mutating func removeAll(keepingCapacityUpTo limit: Int) {
        count = 0
        guard capacity > limit else { return }
        storage.deallocate()
        capacity = max(64, limit)
        storage = .allocate(capacity: capacity)
    }

    /// The bytes written so far, as an array.
    // SAFETY: the first `count` bytes of the storage are initialised, and the array copies them.
    func bytes() -> [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }
}

extension ByteBuffer {
    /// Lends the bytes written so far.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        // SAFETY: the view covers the initialised bytes and is valid while `body` runs; a borrowed ByteBuffer cannot
        // reallocate meanwhile.
        body(UnsafeRawBufferPointer(start: storage, count: count))
    }
}
