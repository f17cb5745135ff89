#if canImport(Glibc)
    import Glibc
#endif

/// A value shared between threads, reached only under a lock: what
/// `Synchronization.Mutex` offers, on a POSIX mutex instead of a bare futex, because
/// ThreadSanitizer models `pthread_mutex_lock` and not the futex calls Mutex makes on
/// Linux, and reported every access under Mutex as a race (`scripts/tsan/`). With this
/// lock the suite can run under ThreadSanitizer and a report is worth reading.
///
/// SAFETY of `@unchecked Sendable`: `value` is read and written only inside `withLock`,
/// between `pthread_mutex_lock` and `pthread_mutex_unlock` on the one mutex this object
/// owns, so no two threads ever touch it at once.
public final class Locked<Value: ~Copyable>: @unchecked Sendable {
    /// On the heap, where it never moves: a POSIX mutex must not be copied or moved once
    /// initialised.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    public init(_ value: consuming Value) {
        self.value = value
        // SAFETY: one mutex allocated here, initialised before use and destroyed and freed only in deinit, when no
        // thread can hold a reference.
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        // SAFETY: the mutex initialised in init; nothing holds it once the object is gone.
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with the value, holding the lock.
    @inline(__always)
    public func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure)
        -> Result
    {
        // SAFETY: the mutex this object owns, alive for as long as the object.
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
