import CHyperscan

/// A set of byte strings compiled by Hyperscan into one database that finds every
/// occurrence of every one of them in a single pass over a buffer.
///
/// Hyperscan picks an engine for the set (for a few hundred literals, FDR: SIMD shift-or
/// over buckets of literals, with a hash check) that runs at several GB/s, about three
/// times bango's own scalar multi-literal pass. It needs SSSE3 on x86-64; where the
/// processor lacks it, or the library refuses the set, ``init(_:)`` returns nil and the
/// caller keeps its portable search.
///
/// The database is immutable once compiled and is shared by threads; each thread scans
/// with its own ``Scratch``.
public final class LiteralDatabase: @unchecked Sendable {
    /// One literal: its bytes (any bytes, NUL included) and whether ASCII letters in it
    /// match either case (Hyperscan folds ASCII only, which is what bango asks for).
    public struct Literal: Sendable {
        public var bytes: [UInt8]
        public var caseInsensitive: Bool

        public init(bytes: [UInt8], caseInsensitive: Bool) {
            self.bytes = bytes
            self.caseInsensitive = caseInsensitive
        }
    }

    /// Per-thread working memory for ``scan(_:scratch:onMatch:)``; not to be shared.
    public final class Scratch {
        fileprivate let pointer: OpaquePointer

        fileprivate init(pointer: OpaquePointer) { self.pointer = pointer }

        deinit { hs_free_scratch(pointer) }
    }

    /// Why a scan did not finish; the caller falls back to its own search.
    public struct ScanError: Error, Sendable {
        public let code: Int32
    }

    // SAFETY: the database is written only by hs_compile_lit_multi in init and is read
    // only afterwards; Hyperscan documents concurrent scans of one database with
    // distinct scratch spaces as safe. That is what makes the @unchecked Sendable true.
    private let database: OpaquePointer
    /// Scratch sized for this database, cloned for each thread.
    private let prototype: Scratch

    /// Whether Hyperscan runs on this processor (x86-64 needs SSSE3).
    public static var isSupported: Bool { hs_valid_platform() == HS_SUCCESS }

    /// Compiles `literals`; the index of a literal in the array is the id reported for
    /// its matches. Nil when the platform is unsupported, the set is empty, or the
    /// library cannot compile it.
    public init?(_ literals: [Literal]) {
        guard !literals.isEmpty, literals.allSatisfy({ !$0.bytes.isEmpty }), Self.isSupported,
            literals.count < Int(UInt32.max)
        else { return nil }
        // Hyperscan takes an array of pointers; lay the literals out end to end in one
        // buffer that outlives the call.
        let joined = literals.flatMap(\.bytes).map { CChar(bitPattern: $0) }
        var offsets: [Int] = []
        var start = 0
        for literal in literals {
            offsets.append(start)
            start += literal.bytes.count
        }
        let flags = literals.map { $0.caseInsensitive ? UInt32(HS_FLAG_CASELESS) : 0 }
        let ids = (0..<literals.count).map { UInt32($0) }
        let lengths = literals.map(\.bytes.count)
        var compiled: OpaquePointer?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        // SAFETY: every pointer is into `joined`, which lives across the call, and
        // each is read for exactly `lengths[i]` bytes, inside the buffer.
        let status = joined.withUnsafeBufferPointer { joined -> hs_error_t in
            let starts: [UnsafePointer<CChar>?] = offsets.map { offset in joined.baseAddress.map { $0 + offset } }
            return hs_compile_lit_multi(
                starts, flags, ids, lengths, UInt32(literals.count), UInt32(HS_MODE_BLOCK), nil, &compiled, &error)
        }
        if let error { hs_free_compile_error(error) }
        guard status == HS_SUCCESS, let compiled else { return nil }
        var scratch: OpaquePointer?
        guard hs_alloc_scratch(compiled, &scratch) == HS_SUCCESS, let scratch else {
            hs_free_database(compiled)
            return nil
        }
        database = compiled
        prototype = Scratch(pointer: scratch)
    }

    deinit { hs_free_database(database) }

    /// A scratch space for one thread's scans of this database.
    public func makeScratch() -> Scratch? {
        var clone: OpaquePointer?
        guard hs_clone_scratch(prototype.pointer, &clone) == HS_SUCCESS, let clone else { return nil }
        return Scratch(pointer: clone)
    }

    /// Calls `onMatch(literal, end)` for every occurrence in `buffer`, with `end` the
    /// offset just past it, in order of end offset (ties in no particular order).
    /// `buffer` must be shorter than 4 GiB.
    public func scan(
        _ buffer: UnsafeRawBufferPointer, scratch: Scratch, onMatch: (_ literal: Int, _ end: Int) -> Void
    ) throws(ScanError) {
        // SAFETY: see below: `base` is handed to hs_scan with the buffer's own count.
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        guard buffer.count <= Int(UInt32.max) else { throw ScanError(code: HS_INVALID) }
        let status = withoutActuallyEscaping(onMatch) { handler -> hs_error_t in
            var handler = handler
            // SAFETY: `context` points at `handler`, alive for the whole hs_scan call,
            // which calls back synchronously on this thread only; `base` is read for
            // `buffer.count` bytes, the buffer's own size.
            return withUnsafeMutablePointer(to: &handler) { context in
                hs_scan(
                    database, base.assumingMemoryBound(to: CChar.self), UInt32(buffer.count), 0, scratch.pointer,
                    { id, _, end, _, context in
                        context?.assumingMemoryBound(to: ((Int, Int) -> Void).self).pointee(Int(id), Int(end))
                        return 0
                    }, context)
            }
        }
        guard status == HS_SUCCESS else { throw ScanError(code: status) }
    }
}
