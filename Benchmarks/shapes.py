#!/usr/bin/env python3
"""bango against ripgrep (and ugrep where installed) on the four shapes a file share has,
side by side in one run (issue 16's benchmark suite).

  Benchmarks/shapes.py [--runs 3] [--shapes tree,dense,encodings,big] [--bango PATH]

Shapes, generated once from fixed seeds into Benchmarks/corpus/ (nothing committed):
  tree       50,000 small files (generate_corpus.py tree)
  dense      one HR export, 1,000,000 rows with a My Number on each (generate_corpus.py hrcsv)
  encodings  200 files of generated text, half Shift_JIS (CP932), half UTF-16LE with a BOM
  big        one 1 GiB log (generate_corpus.py text)

For each shape and run, interleaved: the page cache is warmed, then bango scans with the
full catalogue writing JSON Lines to /dev/null (`-j` all cores), ripgrep counts the lines
matching the union of the catalogue's numeric shapes (`rg -c -j N`, bytes, no decoding,
no validation), and ugrep does the same where installed. Prints per shape the medians of
wall time and CPU seconds, the peak RSS, ripgrep's time over bango's (above 1: bango is
faster), and a hash of bango's sorted JSON Lines, so that an optimisation is seen to
report exactly what it did before.
"""
import argparse
import codecs
import os
import random
import shutil
import statistics
import subprocess
import sys

from compare import HERE, RG_UNION, timed, warm

CORPUS = os.path.join(HERE, "corpus")
GENERATOR = os.path.join(HERE, "generate_corpus.py")


def generate(kind, out, *options):
    if not os.path.exists(out):
        print(f"generating {out} ...", file=sys.stderr)
        subprocess.run([sys.executable, GENERATOR, kind, out, *options], check=True)
    return out


def encodings_tree():
    """200 files of about 225 KiB each (45 MiB in all), cut from one generated text."""
    out = os.path.join(CORPUS, "encodings-200")
    if os.path.exists(out):
        return out
    text_path = generate("text", os.path.join(CORPUS, "text-45M.txt"), "--size", "45M", "--seed", "16")
    with open(text_path, encoding="utf-8") as handle:
        lines = handle.readlines()
    os.makedirs(out + ".partial")
    per_file = len(lines) // 200 + 1
    rng = random.Random(16)
    for index in range(200):
        chunk = "".join(lines[index * per_file:(index + 1) * per_file])
        folder = os.path.join(out + ".partial", f"dept{rng.randrange(10)}")
        os.makedirs(folder, exist_ok=True)
        if index % 2 == 0:
            data = chunk.encode("cp932", errors="replace")
            name = f"export{index}-sjis.txt"
        else:
            data = codecs.BOM_UTF16_LE + chunk.encode("utf-16-le")
            name = f"export{index}-utf16.txt"
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(data)
    os.rename(out + ".partial", out)
    return out


def digest(command):
    shell = " ".join(f"'{part}'" for part in command) + " 2>/dev/null | LC_ALL=C sort | sha256sum"
    return subprocess.run(["sh", "-c", shell], capture_output=True, text=True).stdout[:16]


def size_of(root):
    if os.path.isfile(root):
        return os.path.getsize(root)
    return sum(os.path.getsize(os.path.join(folder, name)) for folder, _, names in os.walk(root) for name in names)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shapes", default="tree,dense,encodings,big")
    parser.add_argument("--bango", default=os.path.join(os.path.dirname(HERE), ".build", "release", "bango"))
    args = parser.parse_args()
    os.makedirs(CORPUS, exist_ok=True)
    os.environ.setdefault("BANGO_FINGERPRINT_KEY", "benchmark-fingerprint-key-0000")
    cores = str(os.cpu_count() or 1)
    makers = {
        "tree": lambda: generate("tree", os.path.join(CORPUS, "tree-50000"), "--files", "50000"),
        "dense": lambda: generate("hrcsv", os.path.join(CORPUS, "hr-1000000.csv"), "--rows", "1000000"),
        "encodings": encodings_tree,
        "big": lambda: generate("text", os.path.join(CORPUS, "big-1G.txt"), "--size", "1G"),
    }
    shapes = [shape for shape in args.shapes.split(",") if shape]
    ugrep = shutil.which("ugrep")
    print(f"{os.cpu_count()} cores; {args.runs} interleaved runs per shape; medians; "
          f"ratio = ripgrep's wall time / bango's (above 1: bango faster)")
    for shape in shapes:
        root = makers[shape]()
        commands = {
            "bango": [args.bango, "scan", "-q", "--format", "jsonl", "--fail-on", "never", "-j", cores, root],
            "rg": ["rg", "-c", "-j", cores, "--no-messages", RG_UNION, root],
        }
        if ugrep:
            commands["ugrep"] = [ugrep, "-c", "-r", "-P", "-J", cores, RG_UNION, root]
        samples = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                warm(root)
                samples[name].append(timed(command))
        medians = {name: statistics.median(s.seconds for s in runs) for name, runs in samples.items()}
        print(f"\n{shape}: {root} ({size_of(root) / (1 << 20):.0f} MiB)")
        for name, runs in samples.items():
            cpu = statistics.median(s.cpu_seconds for s in runs)
            rss = max(s.peak_rss_mib for s in runs)
            line = f"  {name:6s} {medians[name]:7.2f} s  CPU {cpu:6.2f} s  peak RSS {rss:7.1f} MiB"
            if name != "bango":
                line += f"  ratio {medians[name] / medians['bango']:5.2f}"
            print(line)
        print(f"  bango JSON Lines {digest(commands['bango'])}")


if __name__ == "__main__":
    main()
