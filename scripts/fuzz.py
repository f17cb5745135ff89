#!/usr/bin/env python3
"""Mutation fuzzing of bango's readers: takes every file of the sample share (zip,
xlsx, docx, PDF, e-mail, Shift_JIS and UTF-16 text, …), damages copies of it (flipped,
deleted and inserted bytes, from a fixed seed) and scans each with the built binary.
Any exit status other than 0, 1 or 2, or a scan over 60 s, is a bug: the damaged file
is kept under the output folder and named.

  swift build -c release && scripts/fuzz.py [--runs 1000] [--seed 7] [--out /tmp/bango-fuzz]

The sample share is synthetic (see Tests/BangoCLITests/SampleShare.swift), so nothing
this writes holds real personal data.
"""
import argparse
import os
import random
import shutil
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def mutate(rng, data):
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        operation = rng.randrange(3)
        if operation == 0 and data:
            data[rng.randrange(len(data))] = rng.randrange(256)
        elif operation == 1 and data:
            start = rng.randrange(len(data))
            del data[start:start + rng.randint(1, 64)]
        else:
            at = rng.randrange(len(data) + 1)
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return bytes(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", default="/tmp/bango-fuzz")
    parser.add_argument("--bango", default=os.path.join(ROOT, ".build", "release", "bango"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    seeds = []
    for folder, _, files in os.walk(os.path.join(ROOT, "Samples", "share")):
        for name in sorted(files):
            with open(os.path.join(folder, name), "rb") as handle:
                seeds.append((name, handle.read()))
    environment = dict(os.environ, BANGO_FINGERPRINT_KEY="fuzz-key-0123456789abcdef")
    failures = 0
    for run in range(args.runs):
        name, data = rng.choice(sorted(seeds))
        case = os.path.join(args.out, f"case{run}")
        os.makedirs(case, exist_ok=True)
        with open(os.path.join(case, name), "wb") as handle:
            handle.write(mutate(rng, data))
        try:
            status = subprocess.run([args.bango, "scan", "-q", case], capture_output=True, timeout=60, env=environment).returncode
        except subprocess.TimeoutExpired:
            status = "timeout"
        if status in (0, 1, 2):
            shutil.rmtree(case)
        else:
            failures += 1
            print(f"FAIL {status}: {os.path.join(case, name)}")
    print(f"{args.runs - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
