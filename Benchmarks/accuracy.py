#!/usr/bin/env python3
"""Precision and recall per file format, at medium and above, on seeded documents.

  Benchmarks/accuracy.py [--seeds 1,2,3] [--records 4000]

Runs the accuracy gate of the test suite (Tests/BangoScanTests/Containers/
AccuracyCorpusTests.swift) once per seed with a larger document: half the records are
identifiers written the ways people write them (grouped, full-width, labelled in
Japanese and English), half are decoys (UUIDs, hashes, hex dumps, stamps, order ids,
base64, numbers and tokens with bad checksums). The same document is written as plain
UTF-8, Shift_JIS, UTF-16LE, xlsx, docx, pptx, PDF, zip, a zip in a zip and gzip.
Prints one line per format with precision and recall summed over the seeds. Every
identifier is synthetic (see Tests/BangoTestSupport/AccuracyCorpus.swift).
"""
import argparse
import collections
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINE = re.compile(r"accuracy (\S+): precision ([0-9.]+) recall ([0-9.]+) \((\d+) found, (\d+) planted\)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--records", type=int, default=4000)
    args = parser.parse_args()
    subprocess.run(["swift", "build", "--build-tests"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    totals = collections.defaultdict(lambda: [0.0, 0, 0.0, 0])  # true positives, found, recalled, planted
    for seed in args.seeds.split(","):
        environment = dict(os.environ, BANGO_ACCURACY_SEED=seed, BANGO_ACCURACY_COUNT=str(args.records))
        run = subprocess.run(["swift", "test", "--skip-build", "--filter", "AccuracyCorpusTests"], cwd=ROOT,
                             env=environment, capture_output=True, text=True)
        for match in LINE.finditer(run.stdout + run.stderr):
            name, precision, recall, found, planted = match.groups()
            total = totals[name]
            total[0] += float(precision) * int(found)
            total[1] += int(found)
            total[2] += float(recall) * int(planted)
            total[3] += int(planted)
    print(f"{'format':<14} {'precision':>9} {'recall':>7} {'found':>7} {'planted':>7}")
    for name in sorted(totals):
        hits, found, recalled, planted = totals[name]
        print(f"{name:<14} {hits / max(found, 1):9.4f} {recalled / max(planted, 1):7.4f} {found:7d} {planted:7d}")


if __name__ == "__main__":
    main()
