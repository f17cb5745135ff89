#!/usr/bin/env python3
"""Decoding and document throughput, side by side in one run.

  Benchmarks/encodings.py [--size 256M] [--rows 200000] [--runs 5] [--bango PATH]

1. The same generated text (generate_corpus.py text, seeded) in UTF-8, Shift_JIS
   (CP932, made with iconv) and UTF-16LE with a BOM: bango scans each, interleaved
   (utf-8, shift_jis, utf-16le, utf-8, ...) with the page cache warmed before every run,
   with all detectors and with My Number alone. Prints median seconds, MiB/s of the
   UTF-8 text (the same text in every encoding, so the figures compare like with like),
   and each encoding's throughput as a share of UTF-8's.
2. An xlsx with ROWS rows of an HR sheet (shared strings, numeric My Numbers), written
   with Python's zipfile: prints median seconds and MiB/s of uncompressed XML.

Every identifier is synthetic (generate_corpus.py's check-digit generator). Nothing
this writes is committed (Benchmarks/corpus/ is ignored).
"""
import argparse
import os
import random
import statistics
import subprocess
import sys
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from generate_corpus import my_number  # noqa: E402


def timed(command):
    with open(os.devnull, "wb") as null:
        start = time.perf_counter()
        status = subprocess.run(command, stdout=null, stderr=subprocess.DEVNULL).returncode
        elapsed = time.perf_counter() - start
    if status not in (0, 1):
        sys.exit(f"{' '.join(command)} failed with status {status}")
    return elapsed


def warm(path):
    with open(path, "rb") as handle:
        while handle.read(1 << 24):
            pass


def make_text(size):
    folder = os.path.join(HERE, "corpus")
    os.makedirs(folder, exist_ok=True)
    utf8 = os.path.join(folder, f"text-{size}.utf8.txt")
    if not os.path.exists(utf8):
        subprocess.run([sys.executable, os.path.join(HERE, "generate_corpus.py"), "text", utf8, "--size", size], check=True)
    variants = {"utf-8": utf8}
    for name, encoding, bom in [("shift_jis", "CP932", b""), ("utf-16le", "UTF-16LE", b"\xff\xfe")]:
        path = os.path.join(folder, f"text-{size}.{name}.txt")
        if not os.path.exists(path):
            with open(utf8, "rb") as source, open(path, "wb") as out:
                out.write(bom)
                out.flush()
                # -c: drop the few characters CP932 lacks, so the texts stay the same text.
                subprocess.run(["iconv", "-c", "-f", "UTF-8", "-t", encoding], stdin=source, stdout=out, check=True)
        variants[name] = path
    return variants


def make_xlsx(rows):
    path = os.path.join(HERE, "corpus", f"hr-{rows}.xlsx")
    if os.path.exists(path):
        return path, xml_size(path)
    rng = random.Random(20261201)
    names = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"]
    shared = ["社員番号", "氏名", "部署", "個人番号", "電話番号"] + names + ["営業部", "経理部", "人事部"]
    index = {text: number for number, text in enumerate(shared)}
    sheet = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    sheet.append('<row r="1">' + "".join(f'<c r="{c}1" t="s"><v>{index[t]}</v></c>' for c, t in zip("ABCDE", shared[:5])) + "</row>")
    for row in range(2, rows + 2):
        number = my_number(rng)
        # Every fourth number in the exponent form Excel writes (a leading zero could not
        # survive being stored as a number, so those stay as written).
        value = number if row % 4 or number[0] == "0" else number[0] + "." + number[1:] + "E+11"
        sheet.append(
            f'<row r="{row}"><c r="A{row}"><v>{100000 + row}</v></c><c r="B{row}" t="s"><v>{index[rng.choice(names)]}</v></c>'
            f'<c r="C{row}" t="s"><v>{index[rng.choice(["営業部", "経理部", "人事部"])]}</v></c><c r="D{row}"><v>{value}</v></c>'
            f'<c r="E{row}" t="inlineStr"><is><t>090-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}</t></is></c></row>')
    sheet.append("</sheetData></worksheet>")
    strings = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + "".join(
        f"<si><t>{text}</t></si>" for text in shared) + "</sst>"
    workbook = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="社員" sheetId="1" r:id="rId1"/></sheets></workbook>')
    relations = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", relations)
        archive.writestr("xl/sharedStrings.xml", strings)
        archive.writestr("xl/worksheets/sheet1.xml", "".join(sheet))
    return path, xml_size(path)


def xml_size(path):
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="256M")
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bango", default=os.path.join(ROOT, ".build", "release", "bango"))
    args = parser.parse_args()
    os.environ.setdefault("BANGO_FINGERPRINT_KEY", "benchmark-fingerprint-key-0000")

    variants = make_text(args.size)
    text_bytes = os.path.getsize(variants["utf-8"])
    for label, extra in [("all detectors", []), ("My Number only", ["--only", "jp.my_number"])]:
        samples = {name: [] for name in variants}
        for _ in range(args.runs):
            for name, path in variants.items():
                warm(path)
                samples[name].append(timed([args.bango, "scan", "-q", "--format", "jsonl", *extra, path]))
        medians = {name: statistics.median(values) for name, values in samples.items()}
        print(f"{label}: {text_bytes / 2**20:.0f} MiB of text, {args.runs} interleaved runs, {os.cpu_count()} cores")
        for name, seconds in medians.items():
            share = medians["utf-8"] / seconds
            print(f"  {name:10s} median {seconds:6.3f} s  {text_bytes / seconds / 2**20:6.0f} MiB/s of text"
                  f"  ({os.path.getsize(variants[name]) / 2**20:.0f} MiB on disk)  {share:4.0%} of UTF-8")

    workbook, xml = make_xlsx(args.rows)
    times = []
    for _ in range(args.runs):
        warm(workbook)
        times.append(timed([args.bango, "scan", "-q", "--format", "jsonl", workbook]))
    seconds = statistics.median(times)
    print(f"xlsx: {args.rows} rows, {os.path.getsize(workbook) / 2**20:.1f} MiB zipped, {xml / 2**20:.0f} MiB of XML: "
          f"median {seconds:.3f} s, {xml / seconds / 2**20:.0f} MiB/s of uncompressed XML")


if __name__ == "__main__":
    main()
