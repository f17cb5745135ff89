import BangoCore
import Testing

@testable import BangoScan

/// What every shard of a sweep must agree on without talking to the others: which shard
/// owns a file, and which shard owns each piece of a split one.
@Suite struct ShardFilterTests {
    static let paths = (0..<3000).map { TargetPath("share/dept\($0 % 7)/file\($0).txt") }

    static func filters(_ count: Int, pieceSize: Int = 1 << 20) throws -> [ShardFilter] {
        try (1...count).map {
            ShardFilter(
                spec: try ShardSpec(index: $0, count: count, pieceSize: pieceSize), roots: [TargetPath("share")])
        }
    }

    @Test(arguments: [1, 3, 7]) func everyFileHasExactlyOneOwner(count: Int) throws {
        let filters = try Self.filters(count)
        var owned = Array(repeating: 0, count: count)
        for path in Self.paths {
            let owners = filters.indices.filter { filters[$0].assignment(of: path, size: 100) == .whole }
            #expect(owners.count == 1, "\(path)")
            for owner in owners { owned[owner] += 1 }
        }
        // The hash spreads files evenly: no shard gets less than half its fair share.
        for count in owned { #expect(count > Self.paths.count / filters.count / 2) }
    }

    @Test(arguments: [1, 3, 7]) func everyPieceOfASplitFileHasExactlyOneOwner(count: Int) throws {
        let filters = try Self.filters(count)
        let size = 37 << 20 + 12345
        let path = TargetPath("share/exports/hr-2026.csv")
        var owners = Array(repeating: 0, count: 38)
        var bytes = 0
        for filter in filters {
            switch filter.assignment(of: path, size: size) {
            case .elsewhere: continue
            case .whole: Issue.record("a file over the piece size is split")
            case .pieces(let pieces):
                #expect(pieces.owned.count == 38)
                for (piece, isOwned) in pieces.owned.enumerated() where isOwned { owners[piece] += 1 }
                bytes += pieces.ownedBytes
            }
        }
        #expect(owners.allSatisfy { $0 == 1 })
        #expect(bytes == size)
    }

    @Test func theAssignmentDependsOnThePathBelowTheRootOnly() throws {
        let spec = try ShardSpec(index: 1, count: 5)
        let here = ShardFilter(spec: spec, roots: [TargetPath("/mnt/share")])
        let there = ShardFilter(spec: spec, roots: [TargetPath("/srv/nfs/share/")])
        for index in 0..<200 {
            let name = "dept\(index % 3)/file\(index).txt"
            #expect(
                here.key(of: TargetPath("/mnt/share/" + name)) == there.key(of: TargetPath("/srv/nfs/share/" + name)))
            #expect(
                here.owner(of: here.key(of: TargetPath("/mnt/share/" + name)))
                    == there.owner(of: there.key(of: TargetPath("/srv/nfs/share/" + name))))
        }
        // A root that is a prefix of another folder's name does not claim it.
        let filter = ShardFilter(spec: spec, roots: [TargetPath("a"), TargetPath("ab")])
        #expect(filter.key(of: TargetPath("ab/x")) == Array("1".utf8) + [0] + Array("x".utf8))
        #expect(filter.key(of: TargetPath("a/x")) == Array("0".utf8) + [0] + Array("x".utf8))
    }

    @Test func theHashIsFixedAcrossReleasesAndMachines() {
        // Shards of one sweep may run different builds on different machines: the hash is
        // FNV-1a plus the splitmix64 finaliser, pinned here.
        #expect(ShardFilter.fnv1a(Array("share/a.txt".utf8)) == 0xe9fa_2cbf_a3ec_036a)
        #expect(ShardFilter.finalised(0) == 0)
        #expect(ShardFilter.finalised(1) == 0x5692_161d_100b_05e5)
    }

    @Test func piecesJoinAdjacentOwnedRanges() {
        let pieces = ShardPieces(pieceSize: 10, fileSize: 45, owned: [true, true, false, true, true])
        #expect(pieces.ranges == [0..<20, 30..<45])
        #expect(pieces.ownedBytes == 35)
        #expect(pieces.ownsFirst)
        #expect(pieces.ownsChunk(4, chunkSize: 5) == false)
        #expect(pieces.ownsChunk(8, chunkSize: 5))
    }

    @Test func specsParseAndRefuseWhatDoesNotExist() throws {
        #expect(try ShardSpec.parse("3/7") == ShardSpec(index: 3, count: 7))
        for bad in ["0/3", "4/3", "3", "a/b", "1/0", "-1/3", "1/3/5", ""] {
            #expect(throws: ShardError.self) { try ShardSpec.parse(bad) }
        }
        #expect(throws: ShardError.self) { try ShardSpec(index: 1, count: 2, pieceSize: 1000) }
    }

    @Test func autoReadsTheJobEngines() throws {
        let kubernetes = try ShardSpec.fromEnvironment(["JOB_COMPLETION_INDEX": "0", "BANGO_SHARD_COUNT": "8"])
        #expect(kubernetes == (try ShardSpec(index: 1, count: 8)))
        let slurm = try ShardSpec.fromEnvironment([
            "SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_COUNT": "8", "SLURM_ARRAY_TASK_MIN": "1",
        ])
        #expect(slurm == (try ShardSpec(index: 5, count: 8)))
        let zeroBased = try ShardSpec.fromEnvironment(["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "4"])
        #expect(zeroBased == (try ShardSpec(index: 1, count: 4)))
        let failures: [[String: String]] = [
            [:], ["JOB_COMPLETION_INDEX": "2"], ["JOB_COMPLETION_INDEX": "x", "BANGO_SHARD_COUNT": "3"],
            ["JOB_COMPLETION_INDEX": "3", "BANGO_SHARD_COUNT": "3"], ["SLURM_ARRAY_TASK_ID": "1"],
            ["SLURM_ARRAY_TASK_ID": "9", "SLURM_ARRAY_TASK_COUNT": "8", "SLURM_ARRAY_TASK_MIN": "1"],
        ]
        for environment in failures {
            #expect(throws: ShardError.self, "\(environment)") { try ShardSpec.fromEnvironment(environment) }
        }
    }
}
