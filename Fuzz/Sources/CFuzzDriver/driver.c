// libFuzzer (linked by -sanitize=fuzzer) defines LLVMFuzzerRunDriver. Its own main,
// which the linker still pulls in, wants LLVMFuzzerTestOneInput: this one satisfies it
// and is never called, because SwiftPM points the entry at the target's main.swift,
// which hands libFuzzer the real callback through LLVMFuzzerRunDriver.
#include "CFuzzDriver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    (void)data;
    (void)size;
    return 0;
}
