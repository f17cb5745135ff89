/// A read that failed, with its errno.
struct ReadFailure: Error, Equatable {
    let code: Int32
}
