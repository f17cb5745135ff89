/// Counts newlines, the one byte every scan must count in full.
enum NewlineCounter {
    /// Newlines in `buffer[range]`, 16 bytes at a time.
    ///
    /// Every scan counts the newlines of every byte, so the loop does little per block: a
    /// compare gives 0xFF (−1) in each lane holding a newline, subtracting it adds one to
    /// that lane's count, and the sixteen counts are added up only every 255 blocks, before
    /// a lane could overflow.
    static func count(_ buffer: UnsafeRawBufferPointer, in range: Range<Int>) -> Int {
        // SAFETY: block loads check `position + 16 <= range.upperBound` ≤ buffer.count.
        guard let base = buffer.baseAddress, !range.isEmpty else { return 0 }
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        var position = range.lowerBound
        var count = 0
        let newline = SIMD16<UInt8>(repeating: 0x0A)
        while position + 16 <= range.upperBound {
            let blocks = min(255, (range.upperBound - position) / 16)
            var lanes = SIMD16<UInt8>()
            for _ in 0..<blocks {
                let block = UnsafeRawPointer(bytes + position).loadUnaligned(as: SIMD16<UInt8>.self)
                lanes &-= unsafeBitCast(block .== newline, to: SIMD16<UInt8>.self)
                position += 16
            }
            count &+= Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        while position < range.upperBound {
            if bytes[position] == 0x0A { count += 1 }
            position += 1
        }
        return count
    }
}
