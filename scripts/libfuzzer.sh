#!/usr/bin/env bash
# Coverage-guided fuzzing of bango with libFuzzer (the Fuzz/ package), AddressSanitizer on.
#
#   scripts/libfuzzer.sh [SECONDS]     each fuzzer runs SECONDS (default 60)
#
# Seeds come from the repository: every sample-share file the scan fuzzer can type (its
# first byte picks the file type, so each seed gets its type's byte) and every built-in
# pattern pack for the pack fuzzer. Crashes, leaks and timeouts land in
# Fuzz/artifacts/; the script exits non-zero when a fuzzer found one.
set -euo pipefail
cd "$(dirname "$0")/../Fuzz"
seconds="${1:-60}"
export PATH="/opt/swift/usr/bin:$PATH"
swift build -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
mkdir -p corpus/scan corpus/pack artifacts
python3 - <<'PY'
import os
# The order of FuzzScan's `Fixed.names`.
types = {".zip": 0, ".docx": 1, ".xlsx": 2, ".eml": 3, ".gz": 4, ".tar": 5, ".csv": 6, ".tsv": 6,
         ".txt": 7, ".log": 7, ".yaml": 7, ".py": 7, ".pptx": 8, ".odt": 9}
for folder, _, names in os.walk("../Samples/share"):
    for name in names:
        kind = types.get(os.path.splitext(name)[1])
        if kind is not None:
            data = open(os.path.join(folder, name), "rb").read()
            open(os.path.join("corpus/scan", "seed-" + name.encode().hex()[:40]), "wb").write(bytes([kind]) + data)
for name in os.listdir("../Patterns"):
    if name.endswith(".yaml"):
        open(os.path.join("corpus/pack", "seed-" + name), "wb").write(open(os.path.join("../Patterns", name), "rb").read())
PY
export LSAN_OPTIONS="suppressions=$PWD/lsan.supp"
status=0
for fuzzer in FuzzScan FuzzPack; do
    corpus="corpus/$(echo "${fuzzer#Fuzz}" | tr '[:upper:]' '[:lower:]')"
    echo "== $fuzzer on $corpus for ${seconds}s"
    log="artifacts/$fuzzer.log"
    if ! .build/debug/$fuzzer "$corpus" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 \
        -artifact_prefix=artifacts/ -print_final_stats=1 >"$log" 2>&1; then
        status=1
        grep -E "ERROR|SUMMARY|Test unit written" "$log" || tail -20 "$log"
    fi
    grep -E "DONE|stat::number_of_executed_units|stat::peak_rss_mb" "$log" || true
done
exit $status
