#!/usr/bin/env python3
"""Lists unsafe-pointer uses under Sources that carry no `SAFETY:` comment.

A use is a line calling an API that hands out or reinterprets raw memory
(withUnsafe..., Unsafe...Pointer(...), assumingMemoryBound, bindMemory, load(as:),
loadUnaligned, storeBytes, baseAddress, unsafeBitCast, Unmanaged); a pointer type in a
signature is not a use, the code that makes the pointer is. It counts as explained when a
`SAFETY:` comment sits on that line or in the comment block just above it, or above the
enclosing statement within the previous few lines. Exits 1 when any use is unexplained,
so CI keeps the rule.
"""
import os
import re
import sys

UNSAFE = re.compile(
    r"withUnsafe\w*|\bUnsafe(?:Mutable)?(?:Raw)?(?:Buffer)?Pointer\s*\(|assumingMemoryBound|bindMemory"
    r"|\.load(?:Unaligned)?\s*\((?:as|fromByteOffset)|\.storeBytes|baseAddress|unsafeBitCast|Unmanaged\.|withMemoryRebound")
WINDOW = 12


def unexplained(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    misses = []
    for number, line in enumerate(lines):
        code = line.split("//", 1)[0]
        if not UNSAFE.search(code):
            continue
        context = lines[max(0, number - WINDOW) : number + 1]
        if not any("SAFETY:" in text for text in context):
            misses.append((number + 1, line.strip()))
    return misses


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "Sources"
    total = 0
    for directory, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if name.endswith(".swift"):
                path = os.path.join(directory, name)
                for number, text in unexplained(path):
                    print(f"{path}:{number}: unsafe use without a SAFETY comment: {text}")
                    total += 1
    if total:
        print(f"{total} unsafe uses without a SAFETY comment", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
