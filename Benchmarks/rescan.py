#!/usr/bin/env python3
"""The audit store's first scan against an unchanged rescan, on the many-files shape.

  Benchmarks/rescan.py [--files 50000] [--runs 3] [--bango PATH]

Generates (once, seeded) Benchmarks/corpus/tree-FILES with generate_corpus.py tree,
then for each run: deletes the store, warms the page cache, times the first scan
(`bango scan -q --store S --format jsonl TREE`, the report written to a file), warms
again and times an unchanged rescan, and a plain scan without a store for reference,
all interleaved. Prints
medians, CPU seconds and peak RSS, the rescan speed-up, and a hash of each command's
sorted JSONL so that the rescan is seen to report exactly what the first scan found.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from compare import HERE, ROOT, warm


def run(command):
    """Wall seconds, CPU seconds, peak RSS MiB and exit status, the report to /dev/null."""
    with open(os.devnull, "wb") as null:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=null, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def digest(command):
    """A hash of the command's sorted JSONL, made by sort(1) and sha256sum(1) so that
    this script stays small (a forked child's peak RSS counts its parent's pages)."""
    shell = " ".join(f"'{part}'" for part in command) + " 2>/dev/null | LC_ALL=C sort | sha256sum"
    return subprocess.run(["sh", "-c", shell], capture_output=True, text=True).stdout[:16]


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
    commands = {
        "plain scan (no store)": scan + [tree],
        "first scan (--store)": scan + ["--store", store, tree],
        "unchanged rescan (--store)": scan + ["--store", store, tree],
    }

    def remove_store():
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(store + suffix):
                os.remove(store + suffix)

    for _ in range(args.runs):
        remove_store()
        for name, command in commands.items():
            warm(tree)
            result = run(command)
            if result[3] not in (0, 1):
                sys.exit(f"{name} failed with status {result[3]}")
            results[name].append(result)
    # Once more, untimed, for what each reports.
    remove_store()
    digests = {name: digest(command) for name, command in commands.items()}
    print(f"tree: {tree} ({args.files} files), {args.runs} interleaved runs, {os.cpu_count()} cores")
    medians = {}
    for name, samples in results.items():
        medians[name] = statistics.median(s[0] for s in samples)
        cpu = statistics.median(s[1] for s in samples)
        rss = max(s[2] for s in samples)
        print(f"{name:28s} median {medians[name]:6.2f} s  CPU {cpu:6.2f} s  peak RSS {rss:6.1f} MiB  JSONL {digests[name]}")
    first, rescan = medians["first scan (--store)"], medians["unchanged rescan (--store)"]
    print(f"unchanged rescan speed-up over the first scan: {first / rescan:.1f}x (target 10x: {'met' if first / rescan >= 10 else 'NOT met'})")


if __name__ == "__main__":
    main()
