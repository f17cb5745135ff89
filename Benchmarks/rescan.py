#!/usr/bin/env python3
"""The audit store's first scan against an unchanged rescan, on the many-files shape.

  Benchmarks/rescan.py [--files 50000] [--runs 3] [--bango PATH]

Generates (once, seeded) Benchmarks/corpus/tree-FILES with generate_corpus.py tree,
then for each run: deletes the store, warms the page cache, times the first scan
(`bango scan -q --store S --format jsonl TREE`), warms again and times an unchanged
rescan, and a plain scan without a store for reference, all interleaved. Prints
medians, CPU seconds and peak RSS, the rescan speed-up, and a hash of each command's
sorted JSONL so that the rescan is seen to report exactly what the first scan found.
"""
import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time

from compare import HERE, ROOT


def warm(root):
    for folder, _, names in os.walk(root):
        for name in names:
            with open(os.path.join(folder, name), "rb") as handle:
                handle.read()


def run(command):
    """Wall seconds, CPU seconds, peak RSS MiB, exit status and the sorted output's hash."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    output = process.stdout.read()
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    digest = hashlib.sha256(b"\n".join(sorted(output.splitlines()))).hexdigest()[:16]
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), digest


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=50000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bango", default=os.path.join(ROOT, ".build", "release", "bango"))
    args = parser.parse_args()
    tree = os.path.join(HERE, "corpus", f"tree-{args.files}")
    if not os.path.exists(tree):
        print(f"generating {tree} ...", file=sys.stderr)
        subprocess.run(
            [sys.executable, os.path.join(HERE, "generate_corpus.py"), "tree", tree, "--files", str(args.files)],
            check=True)
    os.environ.setdefault("BANGO_FINGERPRINT_KEY", "benchmark-fingerprint-key-0000")
    store = os.path.join(tempfile.mkdtemp(prefix="bango-rescan-"), "audit.db")
    scan = [args.bango, "scan", "-q", "--format", "jsonl"]
    results = {"plain scan (no store)": [], "first scan (--store)": [], "unchanged rescan (--store)": []}
    for _ in range(args.runs):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(store + suffix):
                os.remove(store + suffix)
        for name, command in (
            ("plain scan (no store)", scan + [tree]),
            ("first scan (--store)", scan + ["--store", store, tree]),
            ("unchanged rescan (--store)", scan + ["--store", store, tree]),
        ):
            warm(tree)
            result = run(command)
            if result[3] not in (0, 1):
                sys.exit(f"{name} failed with status {result[3]}")
            results[name].append(result)
    print(f"tree: {tree} ({args.files} files), {args.runs} interleaved runs, {os.cpu_count()} cores")
    medians = {}
    for name, samples in results.items():
        medians[name] = statistics.median(s[0] for s in samples)
        cpu = statistics.median(s[1] for s in samples)
        rss = max(s[2] for s in samples)
        digests = sorted({s[4] for s in samples})
        print(f"{name:28s} median {medians[name]:6.2f} s  CPU {cpu:6.2f} s  peak RSS {rss:6.1f} MiB  output {','.join(digests)}")
    first, rescan = medians["first scan (--store)"], medians["unchanged rescan (--store)"]
    print(f"unchanged rescan speed-up over the first scan: {first / rescan:.1f}x (target 10x: {'met' if first / rescan >= 10 else 'NOT met'})")


if __name__ == "__main__":
    main()
