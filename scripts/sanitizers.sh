#!/usr/bin/env bash
# The whole test suite under a sanitizer, in a build folder of its own.
#
#   scripts/sanitizers.sh address|thread
#
# AddressSanitizer checks memory errors in the test processes and every bango they
# start. Its leak check is off here: Foundation's Process and weak references leak on
# Linux in every command that runs git or pdftotext, and LeakSanitizer's exit code would
# replace bango's; the fuzzers (scripts/libfuzzer.sh) run with leak checks on and only
# the dependency leaks Fuzz/lsan.supp names suppressed. ThreadSanitizer reports data
# races; bango's locks are BangoCore.Locked (a POSIX mutex) because TSan does not model
# Synchronization.Mutex on Linux (scripts/tsan/mutex_false_positive.swift).
set -euo pipefail
cd "$(dirname "$0")/.."
sanitizer="${1:?address or thread}"
export PATH="/opt/swift/usr/bin:$PATH"
export BANGO_SANITIZER="$sanitizer"
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp"
export ASAN_OPTIONS="detect_leaks=0"
scratch=".build-$sanitizer"
swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch"
swift test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch"
