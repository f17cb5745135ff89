import BangoCore
import Foundation

/// Everything about how a run walks and loads, independent of what it looks for.
public struct ScanConfiguration: Sendable {
    /// Worker threads; each owns its matcher scratch and read buffer.
    public var threads: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Honour `.gitignore` files. Off by default: exports and dumps hide there.
    public var respectGitignore = false
    /// Globs a file must match to be scanned (any of them), when not empty.
    public var includeGlobs: [Glob] = []
    /// Globs that exclude files and directories.
    public var excludeGlobs: [Glob] = []
    /// Files larger than this are skipped (recorded as too large).
    public var maxFileSize: Int? = nil
    /// Follow symbolic links (with loop detection).
    public var followSymlinks = false
    /// Skip files with a NUL byte in their first 8 KiB.
    public var skipBinary = true
    /// Decode every file as this encoding instead of detecting it (`--encoding`).
    public var forcedEncoding: TextEncoding? = nil
    /// Open archives, documents and e-mail and scan what they hold (`--no-archives`
    /// turns it off: they are then scanned as bytes, or skipped as binary).
    public var unpackContainers = true
    public var containerLimits = ContainerLimits()
    public var loadPolicy: LoadPolicy = .default
    /// Files queued ahead of the workers before directory walking pauses.
    public var queueBound = 4096
    /// Bytes of in-memory targets (git blobs) queued before a producer hands over work:
    /// a history of large files otherwise held thousands of blobs at once.
    public var queueByteBound = 32 << 20
    /// Buffer all output and write it sorted by path at the end.
    public var sortByPath = false
    /// Stamp every file scanned (size, time, inode) for the audit store.
    public var stampsFiles = false
    /// Add a SHA-256 of the content to each stamp (`--verify`): one more read per file.
    public var hashesContent = false
    /// The part of the sweep this process scans (`--shard K/N`), nil for all of it.
    public var shard: ShardFilter? = nil

    /// Directory names never descended into: version-control internals.
    public static let vcsDirectoryNames: Set<[UInt8]> = [Array(".git".utf8), Array(".svn".utf8), Array(".hg".utf8)]
    /// How much of a file's start is checked for NUL bytes and read for a table header.
    public static let headProbeBytes = 16384

    public init() {}
}
