#!/usr/bin/env python3
"""bango against ripgrep on the same generated corpus, side by side in one run.

  Benchmarks/compare.py [--size 1G] [--runs 5] [--bango PATH]

Generates (once, seeded) Benchmarks/corpus/big-SIZE.txt with generate_corpus.py,
builds nothing (pass --bango, default .build/release/bango), then for each run warms
the page cache and times the commands interleaved (bango, rg, bango, rg, ...):

  bango scan -q --format jsonl FILE > /dev/null      full scan: match, validate, score
  rg -c MY_NUMBER_SHAPE FILE                         count lines of the My Number shape

ripgrep gets ASCII word boundaries (`(?-u:\\b)`): with Unicode \\b it is 50-60x slower
on Japanese text and misses digits glued to kana and kanji, which would flatter bango.
Prints median wall time, throughput, peak RSS of each, and the ratio.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RG_PATTERN = r"(?-u:\b)[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}(?-u:\b)"


def timed(command):
    """Runs `command` with stdout to /dev/null; returns (seconds, peak RSS in MiB, status)."""
    with open(os.devnull, "wb") as null:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=null, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.stderr.close()
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def warm(path):
    with open(path, "rb") as handle:
        while handle.read(1 << 24):
            pass


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="1G")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bango", default=os.path.join(ROOT, ".build", "release", "bango"))
    parser.add_argument("--only", default=None, help="pass --only to bango (e.g. jp.my_number)")
    args = parser.parse_args()

    corpus = os.path.join(HERE, "corpus", f"big-{args.size}.txt")
    if not os.path.exists(corpus):
        os.makedirs(os.path.dirname(corpus), exist_ok=True)
        print(f"generating {corpus} ...", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(HERE, "generate_corpus.py"), "text", corpus, "--size", args.size], check=True)
    size = os.path.getsize(corpus)

    env_key = os.environ.setdefault("BANGO_FINGERPRINT_KEY", "benchmark-fingerprint-key-0000")
    assert env_key
    bango = [args.bango, "scan", "-q", "--format", "jsonl"] + (["--only", args.only] if args.only else []) + [corpus]
    rg = ["rg", "-c", RG_PATTERN, corpus]
    results = {"bango": [], "rg": []}
    for run in range(args.runs):
        for name, command in (("bango", bango), ("rg", rg)):
            warm(corpus)
            seconds, rss, status = timed(command)
            if status not in (0, 1):
                sys.exit(f"{name} failed with status {status}")
            results[name].append((seconds, rss))
    print(f"corpus: {corpus} ({size / 2**20:.0f} MiB), {args.runs} interleaved runs, {os.cpu_count()} cores")
    medians = {}
    for name, samples in results.items():
        seconds = statistics.median(s for s, _ in samples)
        rss = max(r for _, r in samples)
        medians[name] = seconds
        print(f"{name:6s} median {seconds:6.3f} s  {size / seconds / 2**20:7.0f} MiB/s  peak RSS {rss:6.1f} MiB")
    print(f"ratio (bango throughput / rg throughput): {medians['rg'] / medians['bango']:.2f}")


if __name__ == "__main__":
    main()
