#!/usr/bin/env bash
# The whole test suite under a sanitizer, in a build folder of its own.
#
#   scripts/sanitizers.sh address|thread
#
# AddressSanitizer runs with leak detection on, for the test processes and for every
# bango they start, minus the two dependency leaks Fuzz/lsan.supp names. ThreadSanitizer
# reports data races; TSAN's own "halt_on_error" makes a race fail the run.
set -euo pipefail
cd "$(dirname "$0")/.."
sanitizer="${1:?address or thread}"
export PATH="/opt/swift/usr/bin:$PATH"
export BANGO_SANITIZER="$sanitizer"
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp"
export ASAN_OPTIONS="detect_leaks=1"
export TSAN_OPTIONS="halt_on_error=1"
scratch=".build-$sanitizer"
swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch"
swift test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch"
