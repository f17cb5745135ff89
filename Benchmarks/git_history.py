#!/usr/bin/env python3
"""How `bango scan --git-history` scales: with the changed bytes, or with the tree?

  Benchmarks/git_history.py [--commits 10000] [--runs 3] [--bango PATH]

Builds two repositories with `git fast-import` (under Benchmarks/corpus/history-*),
each of COMMITS commits that add one line of about 60 bytes to one file, a synthetic
My Number on every 100th (check digit by the mod-11 rule; see synthetic_my_number):

  small: 40 files of 2 KiB    (an 80 KiB tree)
  wide:  the same 40 files, and 4,000 more of 2 KiB that no commit touches (an 8 MiB tree)
  large: 40 files of 256 KiB  (a 10 MiB tree)

The changed bytes are the same in all three: `wide` asks whether the size of the tree
matters, `large` whether the size of the files the changes land in does.
Times (medians of RUNS, the two shapes interleaved) are for bango scanning the whole
history to /dev/null and, for scale, for `git log -p` producing the same diffs. It also
checks that both find exactly COMMITS / 100 numbers.
"""
import argparse
import os
import random
import statistics
import subprocess
import sys

from compare import timed

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.join(HERE, "corpus")
KEY = "git-history-fingerprint-key-0123456789"
FILES = 40


def synthetic_my_number(rng):
    """Eleven random digits and the mod-11 check digit of the My Number rule (weights
    6,5,4,3,2,7,6,5,4,3,2 from the left; 11 - sum mod 11, 0 when that is 10 or 11)."""
    body = [rng.randrange(10) for _ in range(11)]
    total = sum(d * w for d, w in zip(body, [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]))
    check = 11 - total % 11
    return "".join(map(str, body)) + str(0 if check >= 10 else check)


def build(path, commits, file_size, untouched=0):
    """A repository of FILES files of `file_size` bytes, `untouched` more that stay as they
    are, and `commits` one-line commits."""
    if os.path.exists(os.path.join(path, ".git")):
        return
    os.makedirs(path, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", path], check=True)
    rng = random.Random(7)
    filler = "log entry %06d: request served in %d ms, status ok\n"
    files = []
    for index in range(FILES):
        lines, size = [], 0
        while size < file_size:
            line = filler % (len(lines), rng.randrange(1000))
            lines.append(line)
            size += len(line)
        files.append(lines)
    stream = []

    def blob_and_commit(number, names):
        stream.append(f"commit refs/heads/main\nmark :{number}\n")
        stream.append(f"author Bench <bench@example.invalid> {1700000000 + number} +0900\n")
        stream.append(f"committer Bench <bench@example.invalid> {1700000000 + number} +0900\n")
        message = f"change {number}\n"
        stream.append(f"data {len(message)}\n{message}")
        if number > 1:
            stream.append(f"from :{number - 1}\n")
        for name in names:
            content = "".join(files[name]).encode()
            stream.append(f"M 100644 inline file{name:02d}.log\ndata {len(content)}\n")
            stream.append(content.decode() + "\n")

    blob_and_commit(1, range(FILES))
    for index in range(untouched):
        content = "".join(files[index % FILES]).replace("log entry", f"old entry {index}")
        stream.append(f"M 100644 inline archive/old{index:05d}.log\ndata {len(content)}\n{content}\n")
    for number in range(2, commits + 2):
        name = rng.randrange(FILES)
        if number % 100 == 0:
            line = f"社員 個人番号 {synthetic_my_number(rng)} updated\n"
        else:
            line = f"note {number}: nothing to see here, value {rng.randrange(10**6)}\n"
        # Into the middle of the file, so that every commit changes one line of many.
        lines = files[name]
        lines.insert(len(lines) // 2, line)
        blob_and_commit(number, [name])
        if len(stream) > 2000:
            run_fast_import(path, stream)
            stream = []
    run_fast_import(path, stream)
    subprocess.run(["git", "-C", path, "reset", "-q", "--hard", "main"], check=True)


def run_fast_import(path, stream):
    if stream:
        # The marks file carries `:N` from one batch to the next.
        marks = os.path.join(path, ".git", "bench-marks")
        subprocess.run(
            ["git", "-C", path, "fast-import", "--quiet", f"--import-marks-if-exists={marks}", f"--export-marks={marks}"],
            input="".join(stream).encode(), check=True)


def count_findings(bango, repo):
    result = subprocess.run(
        [bango, "scan", "--git-history", "--format", "jsonl", "--only", "jp.my_number", "--no-config", "-q"],
        cwd=repo, capture_output=True, env={**os.environ, "BANGO_FINGERPRINT_KEY": KEY})
    return len(result.stdout.splitlines())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commits", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bango", default=os.path.join(ROOT, ".build", "release", "bango"))
    args = parser.parse_args()
    bango = os.path.abspath(args.bango)
    shapes = {"small": (2 << 10, 0), "wide": (2 << 10, 4000), "large": (256 << 10, 0)}
    repos = {}
    for shape, (size, untouched) in shapes.items():
        repos[shape] = os.path.join(CORPUS, f"history-{args.commits}-{shape}")
        print(f"building {repos[shape]} ...", file=sys.stderr)
        build(repos[shape], args.commits, size, untouched)
    for shape, repo in repos.items():
        found = count_findings(bango, repo)
        expected = args.commits // 100
        print(f"{shape}: {found} My Numbers found, {expected} added")
        if found != expected:
            sys.exit(f"{shape}: expected {expected} findings, got {found}")
    times = {(shape, tool): [] for shape in repos for tool in ("bango", "git")}
    os.environ["BANGO_FINGERPRINT_KEY"] = KEY
    for _ in range(args.runs):
        for shape, repo in repos.items():
            os.chdir(repo)
            times[(shape, "bango")].append(timed([bango, "scan", "--git-history", "--format", "jsonl", "--no-config"]))
            times[(shape, "git")].append(timed(["git", "log", "-p", "-U0", "--raw", "-z", "--no-renames"]))
    print(f"{args.commits} commits, one ~60-byte line each; medians of {args.runs}")
    print(f"{'tree':<28} {'bango wall':>11} {'bango CPU':>10} {'RSS MiB':>8} {'git log -p':>11}")
    for shape, repo in repos.items():
        runs = times[(shape, "bango")]
        git = statistics.median(t.seconds for t in times[(shape, "git")])
        size, untouched = shapes[shape]
        label = f"{shape} ({FILES}{f' + {untouched:,}' if untouched else ''} x {size >> 10} KiB)"
        print(
            f"{label:<28} {statistics.median(t.seconds for t in runs):>10.2f}s {statistics.median(t.cpu_seconds for t in runs):>9.2f}s"
            f" {statistics.median(t.peak_rss_mib for t in runs):>8.0f} {git:>10.2f}s")
    small = statistics.median(t.seconds for t in times[("small", "bango")])
    for shape in ("wide", "large"):
        wall = statistics.median(t.seconds for t in times[(shape, "bango")])
        print(f"{shape} / small (bango wall): {wall / small:.2f}")


if __name__ == "__main__":
    main()
