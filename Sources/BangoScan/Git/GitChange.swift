/// One file a diff changed, as git's raw and patch output describe it.
struct GitChange: Equatable, Sendable {
    /// git's status letter: `A`dded, `C`opied, `D`eleted, `M`odified, `R`enamed,
    /// `T`ype changed, `U`nmerged.
    var status: UInt8
    /// The path after the change, relative to the repository root, as git wrote it.
    var path: [UInt8]
    /// The file mode after the change (`100644`, `100755`, `120000` for a symlink,
    /// `160000` for a submodule).
    var newMode: String
    /// The blob after the change; all zeros when it is the working-tree file (not hashed).
    var newBlob: String
    /// The lines the change added (1-based, in the file after the change).
    var addedLines = LineSet()
    /// git called the change binary: there are no lines, the whole blob is new.
    var isBinary = false

    /// Whether the change leaves something to scan: a regular file that gained lines or
    /// a binary one. Deletions, pure renames and mode changes add nothing; symlinks and
    /// submodules hold no content of this repository's.
    var addsContent: Bool {
        status != UInt8(ascii: "D") && status != UInt8(ascii: "U") && newMode.hasPrefix("100")
            && (isBinary || !addedLines.isEmpty)
    }

    /// Whether the new content is the working-tree file rather than a stored blob.
    var isInWorkingTree: Bool { newBlob.allSatisfy { $0 == "0" } }
}
