import Atomics

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps a file that shrinks while it is memory-mapped from killing the process.
///
/// Reading a mapped page past the new end of a truncated file raises SIGBUS. Each
/// worker registers the mapping it is reading in its own slot; the handler checks the
/// faulting address against the slots and, for ours, maps anonymous zero pages over the
/// rest of that mapping, marks the slot as truncated and returns, so the read sees
/// zeros instead of crashing. The worker then reports the file as truncated during the
/// scan. A SIGBUS outside our mappings gets the default action, as it would without us.
enum MappingGuard {
    static let slotCount = 256
    /// Four atomics per slot: base address, length, truncated flag, in-use flag.
    // SAFETY: allocated once, never freed; each slot is written by its owning worker
    // and read by the signal handler through atomic operations only (no ARC, no locks,
    // nothing that is unsafe inside a signal handler).
    nonisolated(unsafe) static let storage: UnsafeMutablePointer<UnsafeAtomic<Int>.Storage> = {
        let pointer = UnsafeMutablePointer<UnsafeAtomic<Int>.Storage>.allocate(capacity: slotCount * 4)
        for index in 0..<(slotCount * 4) { (pointer + index).initialize(to: .init(0)) }
        return pointer
    }()
    static let installed = ManagedAtomic<Bool>(false)

    static func base(_ slot: Int) -> UnsafeAtomic<Int> { UnsafeAtomic(at: storage + slot * 4) }
    static func length(_ slot: Int) -> UnsafeAtomic<Int> { UnsafeAtomic(at: storage + slot * 4 + 1) }
    static func truncated(_ slot: Int) -> UnsafeAtomic<Int> { UnsafeAtomic(at: storage + slot * 4 + 2) }
    static func inUse(_ slot: Int) -> UnsafeAtomic<Int> { UnsafeAtomic(at: storage + slot * 4 + 3) }

    /// Installs the SIGBUS handler once per process.
    static func install() {
        _ = storage
        guard installed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = { signal, info, _ in
            MappingGuard.handle(
                signal: signal, address: info.map { Int(bitPattern: $0.pointee._sifields._sigfault.si_addr) } ?? 0)
        }
        action.sa_flags = SA_SIGINFO | SA_NODEFER
        sigemptyset(&action.sa_mask)
        sigaction(SIGBUS, &action, nil)
    }

    /// Claims a slot for one worker; nil when all are taken (the worker then reads
    /// instead of mapping).
    static func claimSlot() -> Int? {
        install()
        for slot in 0..<slotCount
        where inUse(slot).compareExchange(expected: 0, desired: 1, ordering: .acquiringAndReleasing).exchanged {
            return slot
        }
        return nil
    }

    /// Gives a slot back when its worker is done.
    static func releaseSlot(_ slot: Int) {
        base(slot).store(0, ordering: .releasing)
        inUse(slot).store(0, ordering: .releasing)
    }

    private static func handle(signal: Int32, address: Int) {
        for slot in 0..<slotCount {
            let start = base(slot).load(ordering: .acquiring)
            guard start != 0 else { continue }
            let size = length(slot).load(ordering: .acquiring)
            guard address >= start && address < start + size else { continue }
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            let faultPage = address & ~(page - 1)
            let remaining = start + size - faultPage
            // SAFETY: the range lies inside a mapping this process owns and is about to
            // unmap; replacing it with private zero pages only changes what the scanner
            // reads from the vanished part of the file.
            let replaced = mmap(
                UnsafeMutableRawPointer(bitPattern: faultPage), remaining, PROT_READ,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
            if replaced != MAP_FAILED {
                truncated(slot).store(1, ordering: .releasing)
                return
            }
        }
        // Not ours: restore the default action and let the signal be re-raised on return.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigaction(SIGBUS, &action, nil)
    }
}
