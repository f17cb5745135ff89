// ThreadSanitizer flags this correct program: Synchronization.Mutex on Linux waits on
// futexes, which TSan does not model, so every access under Mutex.withLock looks like a
// race. This is why `scripts/sanitizers.sh thread` reports races inside bango's locks.
//
//   swiftc -sanitize=thread -O mutex_false_positive.swift -o /tmp/mutex && /tmp/mutex
import Dispatch
import Synchronization

final class Box: Sendable {
    let numbers = Mutex<[Int]>([])
}

let box = Box()
DispatchQueue.concurrentPerform(iterations: 2) { _ in
    for number in 0..<100_000 { box.numbers.withLock { $0.append(number) } }
}
print(box.numbers.withLock { $0.count })
