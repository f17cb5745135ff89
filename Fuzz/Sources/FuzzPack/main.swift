import BangoCore
import CFuzzDriver

#if canImport(Glibc)
    import Glibc
#endif

/// Any bytes as a pattern pack: the loader's checks, then the compiler for what passes.
func load(_ text: String) {
    guard let pack = try? PatternPack(yaml: text, source: "fuzz.yaml") else { return }
    _ = try? DetectionEngine(packs: [pack])
}

var argc = CommandLine.argc
// SAFETY: argv is the process's own argument vector, alive for the whole run; libFuzzer
// reads (and may reorder) it, as its C main would.
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        // SAFETY: libFuzzer passes `size` readable bytes at `data` for the length of this call; they are copied.
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        load(String(decoding: bytes, as: UTF8.self))
        return 0
    })
