#!/usr/bin/env python3
"""A sharded sweep on one machine: wall time with N shards run as processes at once, and
the cost of `bango merge`, against one scan of the same roots.

  Benchmarks/shards.py [--files 20000] [--rows 1000000] [--shards 1,2,4,8] [--runs 3]

Generates (once, seeded) Benchmarks/corpus/tree-FILES (many small files) and
Benchmarks/corpus/hr-ROWS.csv (one dense HR export, split into pieces between shards),
then for each run, interleaved: warms the page cache, times one `bango scan` of both
roots with every core, and for each N starts N `bango scan --shard K/N` processes at
once (each with cores/N threads, at least one), waits for the last, and times the merge
of their outputs (the export split with --shard-piece, default 8M). Prints medians of wall time, summed CPU and peak RSS, the merge's
cost per million findings, and a hash of each sorted report (merged or single) so that
every N is seen to report exactly what the single scan does.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from compare import HERE, ROOT, warm


def spawn(command, log):
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)


def wait_all(processes):
    """Wall seconds until the last exits, summed CPU seconds, the largest peak RSS (MiB)."""
    cpu, rss = 0.0, 0.0
    for process in processes:
        _, status, usage = os.wait4(process.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            sys.exit(f"{process.args} failed with status {code}")
        cpu += usage.ru_utime + usage.ru_stime
        rss = max(rss, usage.ru_maxrss / 1024)
    return cpu, rss


def digest(path):
    shell = f"LC_ALL=C sort '{path}' | sha256sum"
    return subprocess.run(["sh", "-c", shell], capture_output=True, text=True).stdout[:16]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=20000)
    parser.add_argument("--rows", type=int, default=1000000)
    parser.add_argument("--shards", default="1,2,4,8")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--piece", default="8M", help="--shard-piece (the export is split into pieces of this size)")
    parser.add_argument("--bango", default=os.path.join(ROOT, ".build", "release", "bango"))
    args = parser.parse_args()
    tree = os.path.join(HERE, "corpus", f"tree-{args.files}")
    export = os.path.join(HERE, "corpus", f"hr-{args.rows}.csv")
    generator = os.path.join(HERE, "generate_corpus.py")
    if not os.path.exists(tree):
        subprocess.run([sys.executable, generator, "tree", tree, "--files", str(args.files)], check=True)
    if not os.path.exists(export):
        subprocess.run([sys.executable, generator, "hrcsv", export, "--rows", str(args.rows)], check=True)
    os.environ.setdefault("BANGO_FINGERPRINT_KEY", "benchmark-fingerprint-key-0000")
    cores = os.cpu_count() or 1
    counts = [int(n) for n in args.shards.split(",")]
    work = tempfile.mkdtemp(prefix="bango-shards-")
    log = open(os.path.join(work, "stderr.log"), "wb")
    scan = [args.bango, "scan", "-q", "--format", "jsonl", "--fail-on", "never"]
    roots = [tree, export]
    samples = {"single": []}
    for count in counts:
        samples[count] = []
    merges = {count: [] for count in counts}
    digests = {}
    findings = 0
    for _ in range(args.runs):
        warm(tree)
        warm(export)
        start = time.perf_counter()
        single = os.path.join(work, "single.jsonl")
        cpu, rss = wait_all([spawn(scan + ["-j", str(cores), "-o", single] + roots, log)])
        samples["single"].append((time.perf_counter() - start, cpu, rss))
        digests["single"] = digest(single)
        with open(single, "rb") as report:
            findings = sum(1 for _ in report)
        for count in counts:
            out = os.path.join(work, f"out-{count}")
            merged = os.path.join(work, f"merged-{count}")
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(merged, ignore_errors=True)
            os.makedirs(out)
            warm(tree)
            warm(export)
            threads = str(max(1, cores // count))
            start = time.perf_counter()
            processes = [
                spawn(scan + ["-j", threads, "--shard", f"{k}/{count}", "--shard-piece", args.piece, "-o", os.path.join(out, "findings.jsonl"),
                              "--manifest", os.path.join(out, "manifest.json")] + roots, log)
                for k in range(1, count + 1)
            ]
            cpu, rss = wait_all(processes)
            samples[count].append((time.perf_counter() - start, cpu, rss))
            start = time.perf_counter()
            merge_cpu, merge_rss = wait_all([spawn([args.bango, "merge", "-q", "-o", merged, out], log)])
            merges[count].append((time.perf_counter() - start, merge_cpu, merge_rss))
            digests[count] = digest(os.path.join(merged, "findings.jsonl"))
    print(f"roots: {tree} ({args.files} files) and {export} ({args.rows} rows, {os.path.getsize(export) >> 20} MiB);"
          f" {findings} findings; --shard-piece {args.piece}; {args.runs} interleaved runs, {cores} cores")
    baseline = statistics.median(s[0] for s in samples["single"])
    print(f"{'':22s} {'wall':>8s} {'CPU':>8s} {'peak RSS':>10s} {'vs single':>10s}   merge wall / per M findings / RSS   JSONL")
    for name, runs in samples.items():
        wall = statistics.median(s[0] for s in runs)
        cpu = statistics.median(s[1] for s in runs)
        rss = max(s[2] for s in runs)
        label = "one scan" if name == "single" else f"{name} shard{'s' if name != 1 else ''} at once"
        line = f"{label:22s} {wall:7.2f}s {cpu:7.2f}s {rss:8.1f}MiB {baseline / wall:9.2f}x"
        if name != "single":
            merge = statistics.median(m[0] for m in merges[name])
            merge_rss = max(m[2] for m in merges[name])
            line += f"   {merge:6.2f} s / {merge / (findings / 1e6):5.2f} s / {merge_rss:6.1f} MiB"
        else:
            line += " " * 37
        print(line + f"   {digests[name]}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
