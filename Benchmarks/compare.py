#!/usr/bin/env python3
"""bango against ripgrep on the same generated corpus, side by side in one run.

  Benchmarks/compare.py [--size 1G] [--runs 5] [--bango PATH]

Generates (once, seeded) Benchmarks/corpus/big-SIZE.txt with generate_corpus.py,
builds nothing (pass --bango, default .build/release/bango), then for each run warms
the page cache and times the commands interleaved (bango, rg, bango, rg, ...):

  bango scan -q --format jsonl FILE > /dev/null      full scan: match, validate, score
  bango scan -q --format jsonl --only jp.my_number   the same with one detector
  bango ... --only jp.my_number,jp.corporate_number  the two detectors of issue 2
  rg -c MY_NUMBER_SHAPE FILE                         count lines of the My Number shape
  rg -c UNION_OF_NUMERIC_SHAPES FILE                 the catalogue's numeric shapes

ripgrep gets ASCII word boundaries (`(?-u:\\b)`): with Unicode \\b it is 50-60x slower
on Japanese text and misses digits glued to kana and kanji, which would flatter bango.
Prints median wall time, throughput, peak RSS of each, and the ratio.
"""
import argparse
import collections
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RG_PATTERN = r"(?-u:\b)[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}(?-u:\b)"
# The union of the catalogue's numeric shapes: My Number, corporate number, cards,
# IBAN, SIN, Japanese phones, CUIT, PESEL/11 digits, passports/residence cards.
RG_UNION = (r"(?-u:\b)(?:[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}|T?[0-9]{13}|[0-9]{4}(?:[ -]?[0-9]{4}){3}"
            r"|[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}|[0-9]{3}[ -][0-9]{3}[ -][0-9]{3}|0[789]0-?[0-9]{4}-?[0-9]{4}"
            r"|[0-9]{2}-?[0-9]{8}-?[0-9]|[0-9]{11}|[A-Z]{2}[0-9]{7}|[A-Z]{2}[0-9]{8}[A-Z]{2})(?-u:\b)")


Timing = collections.namedtuple("Timing", "seconds cpu_seconds peak_rss_mib status")


def timed(command):
    """Runs `command` with stdout to /dev/null; returns its wall time, CPU time (user +
    system), peak RSS in MiB and exit status."""
    with open(os.devnull, "wb") as null:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=null, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.stderr.close()
    return Timing(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status))


def warm(path):
    """Reads a file, or every file under a folder, into the page cache a block at a time,
    so that the calling script stays small: a child's peak RSS counts its parent's pages."""
    paths = [path] if os.path.isfile(path) else [
        os.path.join(folder, name) for folder, _, names in os.walk(path) for name in names]
    for file in paths:
        with open(file, "rb") as handle:
            while handle.read(1 << 20):
                pass


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="1G")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bango", default=os.path.join(ROOT, ".build", "release", "bango"))
    args = parser.parse_args()

    corpus = os.path.join(HERE, "corpus", f"big-{args.size}.txt")
    if not os.path.exists(corpus):
        print(f"generating {corpus} ...", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(HERE, "generate_corpus.py"), "text", corpus, "--size", args.size], check=True)
    size = os.path.getsize(corpus)

    env_key = os.environ.setdefault("BANGO_FINGERPRINT_KEY", "benchmark-fingerprint-key-0000")
    assert env_key
    bango = [args.bango, "scan", "-q", "--format", "jsonl"]
    commands = {
        "bango (all detectors)": bango + [corpus],
        "bango --only jp.my_number": bango + ["--only", "jp.my_number", corpus],
        "bango My Number + corporate": bango + ["--only", "jp.my_number,jp.corporate_number", corpus],
        # jp.phone reports every phone number at low (the corpus holds 426,277 per GiB);
        # this row shows what that reporting costs.
        "bango all but jp.phone": bango + ["--skip", "jp.phone", corpus],
        "rg -c My Number shape": ["rg", "-c", RG_PATTERN, corpus],
        "rg -c union of numeric shapes": ["rg", "-c", RG_UNION, corpus],
    }
    results = {name: [] for name in commands}
    for run in range(args.runs):
        for name, command in commands.items():
            warm(corpus)
            seconds, _, rss, status = timed(command)
            if status not in (0, 1):
                sys.exit(f"{name} failed with status {status}")
            results[name].append((seconds, rss))
    print(f"corpus: {corpus} ({size / 2**20:.0f} MiB), {args.runs} interleaved runs, {os.cpu_count()} cores")
    medians = {}
    for name, samples in results.items():
        seconds = statistics.median(s for s, _ in samples)
        rss = max(r for _, r in samples)
        medians[name] = seconds
        print(f"{name:32s} median {seconds:6.3f} s  {size / seconds / 2**20:7.0f} MiB/s  peak RSS {rss:7.1f} MiB")
    all_, my_number, japanese, no_phone, rg_shape, rg_union = (medians[name] for name in commands)
    print(f"bango My Number only / rg My Number shape:  {rg_shape / my_number:.2f}x")
    print(f"bango My Number + corporate / rg shape:     {rg_shape / japanese:.2f}x")
    print(f"bango all detectors / rg numeric union:     {rg_union / all_:.2f}x")
    print(f"bango all detectors / bango My Number only: {my_number / all_:.0%} of the throughput")
    print(f"bango all but jp.phone / My Number only:    {my_number / no_phone:.0%} of the throughput")
    # Issue 3's target, measured side by side in this run.
    share_met = my_number / all_ >= 0.70
    union_met = rg_union / all_ >= 1.0
    print(f"target: catalogue >= 70% of My-Number-only: {'met' if share_met else 'NOT met'}; "
          f"catalogue >= rg numeric union: {'met' if union_met else 'NOT met'}")


if __name__ == "__main__":
    main()
