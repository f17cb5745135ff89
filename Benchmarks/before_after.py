#!/usr/bin/env python3
"""Two bango binaries on the same corpora, interleaved in one run: does a change cost speed?

  Benchmarks/before_after.py BEFORE AFTER [--runs 5] [--shape big|tree|all]

BEFORE and AFTER are bango binaries (build the old commit in a git worktree:
`git worktree add /tmp/base REV && (cd /tmp/base && swift build -c release)`).
Corpora come from generate_corpus.py with its default seed: big-1G.txt (one 1 GiB
log) and tree-50k (50,000 small files). Each round warms the input, then runs
BEFORE, warms again, runs AFTER (A B A B ...), so drift on a noisy machine hits both.
Both write JSON Lines for the full catalogue to /dev/null; their outputs are compared
once, byte for byte, so a faster binary that finds less cannot win.
Prints the median wall and CPU time and the peak RSS of each, and AFTER / BEFORE.
"""
import argparse
import hashlib
import os
import statistics
import subprocess
import sys

from compare import timed, warm

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
KEY = "before-after-fingerprint-key-0123456789"


def corpus(shape):
    if shape == "big":
        path = os.path.join(CORPUS, "big-1G.txt")
        arguments = ["text", path, "--size", "1G"]
    else:
        path = os.path.join(CORPUS, "tree-50k")
        arguments = ["tree", path, "--files", "50000"]
    if not os.path.exists(path):
        print(f"generating {path} ...", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(HERE, "generate_corpus.py")] + arguments, check=True)
    return path


def output_digest(binary, path):
    """The SHA-256 of the sorted JSON Lines, so thread timing cannot reorder it."""
    command = [binary, "scan", "-q", "--format", "jsonl", "--sort", "path", "--fail-on", "never", path]
    result = subprocess.run(command, capture_output=True, check=True)
    return hashlib.sha256(result.stdout).hexdigest(), result.stdout.count(b"\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--shape", choices=["big", "tree", "all"], default="all")
    args = parser.parse_args()
    os.environ["BANGO_FINGERPRINT_KEY"] = KEY
    shapes = ["big", "tree"] if args.shape == "all" else [args.shape]
    print(f"{os.cpu_count()} cores, {args.runs} interleaved runs each")
    for shape in shapes:
        path = corpus(shape)
        before_digest = output_digest(args.before, path)
        after_digest = output_digest(args.after, path)
        same = "identical" if before_digest == after_digest else "DIFFERENT"
        print(f"\n{shape}: {path}: output {same} ({before_digest[1]} and {after_digest[1]} findings)")
        samples = {"before": [], "after": []}
        for _ in range(args.runs):
            for label, binary in (("before", args.before), ("after", args.after)):
                warm(path)
                timing = timed([binary, "scan", "-q", "--format", "jsonl", path])
                if timing.status not in (0, 1):
                    sys.exit(f"{label} failed on {shape} with status {timing.status}")
                samples[label].append(timing)
        medians = {}
        for label, timings in samples.items():
            wall = statistics.median(t.seconds for t in timings)
            cpu = statistics.median(t.cpu_seconds for t in timings)
            rss = max(t.peak_rss_mib for t in timings)
            medians[label] = wall
            print(f"  {label:6s} median {wall:6.3f} s wall  {cpu:6.2f} CPU-s  peak RSS {rss:6.1f} MiB")
        print(f"  after / before: {medians['after'] / medians['before']:.3f} (below 1 is faster)")


if __name__ == "__main__":
    main()
