/// A folder to list, with the ignore rules in force there and its ancestry.
struct DirectoryJob: Sendable {
    let path: TargetPath
    let ignores: IgnoreStack
    /// (device, inode) of this folder and its ancestors, for loop detection.
    let ancestors: [DeviceInode]
}

/// A file system object's identity.
struct DeviceInode: Hashable, Sendable {
    let device: UInt64
    let inode: UInt64
}
