#!/usr/bin/env python3
"""Runs the hostile-input suite and writes its table to docs/RELIABILITY.md.

  scripts/reliability.py [--output docs/RELIABILITY.md]

Builds the tests (debug, as `swift test` does), runs `HostileInputTests` with
BANGO_RELIABILITY_OUT pointing at a scratch file (each case appends what it observed:
exit code, wall time, peak RSS, the summary line), and renders the cases as a Markdown
table. Exits 1 when the suite fails, after writing the table, so a regression shows in
both places.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

HEADER = """# Reliability: hostile input

Every case below is made at test time by `Tests/BangoCLITests/Hostile/HostileCases.swift`
and run against the built binary by `HostileInputTests`, which checks the exit code,
the words the summary or error must say, a time limit (a hang is killed and fails the
case), a peak-RSS bound, and that no raw value reaches stderr. This table is what the
last run observed; `scripts/reliability.py` regenerates it (debug build, the project's
2-core machine, so times are generous).

Policy: a folder sweep records skips and exits 0 unless a skip hides content and
`--fail-on-skip` is asked (on by default for git and standard-input gates); a target
that could not be read, or a container that is corrupt, is exit 2 (`--tolerate-errors`
accepts); a bad flag, config or pattern pack is exit 2 with where it is wrong.

| case | expected | observed | time | peak RSS | summary |
| --- | --- | --- | --- | --- | --- |
"""

FOOTER = """
Covered elsewhere in the suite, with the same policy: files truncated while mapped
(`CLITests.truncationDuringAScanDoesNotCrashTheBinary`), SIGINT and SIGTERM mid-scan
(`InterruptTests`), SIGKILL of a `--store` run (`AuditKillTests`), nested archives past
`--max-archive-depth` in a git gate (`FailOnSkipTests`), zip bombs by total size and
member count, every container and document format cut short at every length, and
damaged sheet XML (`BangoScanTests/Containers/ContainerTests`), broken packs and configs
at their line (`PackLoaderTests`, `ConfigTests`), the audit store on a file that is not
one (`AuditReportTests`).
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", default=os.path.join(ROOT, "docs", "RELIABILITY.md"))
    args = parser.parse_args()
    scratch = tempfile.NamedTemporaryFile(prefix="bango-reliability-", suffix=".jsonl", delete=False).name
    os.environ["BANGO_RELIABILITY_OUT"] = scratch
    subprocess.run(["swift", "build", "--build-tests"], cwd=ROOT, check=True)
    suite = subprocess.run(["swift", "test", "--skip-build", "--filter", "HostileInputTests"], cwd=ROOT)
    with open(scratch, encoding="utf-8") as handle:
        cases = [json.loads(line) for line in handle if line.strip()]
    os.remove(scratch)
    rows = []
    for case in sorted(cases, key=lambda c: c["index"]):
        ok = case["observed"] == f"exit {case['status']}"
        summary = case["summary"].replace("|", "\\|")
        if len(summary) > 120:
            summary = summary[:117] + "..."
        rows.append(
            f"| {case['case']} | {case['expected']} | {case['observed']}{'' if ok else ' **(differs)**'} "
            f"| {case['seconds']:.2f} s | {case['rss_mib']:.0f} MiB | {summary} |")
    with open(args.output, "w", encoding="utf-8") as handle:
        handle.write(HEADER + "\n".join(rows) + "\n" + FOOTER)
    print(f"wrote {args.output}: {len(rows)} cases")
    sys.exit(0 if suite.returncode == 0 else 1)


if __name__ == "__main__":
    main()
