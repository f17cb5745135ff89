#!/usr/bin/env python3
"""CPU time of bango builds on one file, interleaved, for judging a change's own cost.

  Benchmarks/cputime.py FILE [--runs 5] [--bango A,B] [-- 'ARGS' 'ARGS' ...]

Wall time on a shared 2-core machine swings by a third from run to run; the CPU time a
scan uses (user + system, from wait4) swings far less, so two builds run alternately
(A B A B ...) show what a change costs. Each set of ARGS is one configuration (the
default: all detectors, `--only jp.my_number`, `--only jp.phone`); the page cache is
warmed before every round. Prints the median CPU and wall time of each build and
configuration. Generate a file first, e.g.:

  Benchmarks/generate_corpus.py text Benchmarks/corpus/big-256M.txt --size 256M
"""
import argparse
import os
import statistics

from compare import ROOT, timed, warm


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bango", default=os.path.join(ROOT, ".build", "release", "bango"),
                        help="comma-separated binaries to compare")
    parser.add_argument("configurations", nargs="*", default=["", "--only jp.my_number", "--only jp.phone"])
    args = parser.parse_intermixed_args()
    os.environ.setdefault("BANGO_FINGERPRINT_KEY", "benchmark-fingerprint-key-0000")
    binaries = args.bango.split(",")
    samples = {}
    for _ in range(args.runs):
        warm(args.file)
        for binary in binaries:
            for configuration in args.configurations:
                command = [binary, "scan", "-q", "--format", "jsonl", "--fail-on", "never"] + configuration.split() + [args.file]
                timing = timed(command)
                if timing.status != 0:
                    raise SystemExit(f"{' '.join(command)} exited with status {timing.status}")
                samples.setdefault((binary, configuration), []).append((timing.cpu_seconds, timing.seconds))
    for (binary, configuration), values in samples.items():
        cpu = statistics.median(value[0] for value in values)
        wall = statistics.median(value[1] for value in values)
        print(f"{binary:40s} {configuration or '(all detectors)':24s} cpu {cpu * 1000:7.0f} ms  wall {wall * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
