#!/usr/bin/env python3
"""Side-by-side PDF text throughput: `pdftotext -layout` vs `civtrace pdftext`,
one process per file for both, interleaved file by file (so machine load hits
both alike), over every PDF under CORPUS_DIR. Reports pages/s and the ratio.

    python3 benches/pdf_speed.py CORPUS_DIR [--bin target/release/civtrace] [--rounds 3]

Page counts come from CORPUS_DIR/manifest.jsonl when present, else `pdfinfo`.
"""
import argparse
import json
import os
import subprocess
import sys
import time


def page_counts(corpus, files):
    counts = {}
    manifest = os.path.join(corpus, "manifest.jsonl")
    if os.path.exists(manifest):
        for line in open(manifest, encoding="utf-8"):
            m = json.loads(line)
            if m.get("pages"):
                counts[os.path.join(corpus, m["file"])] = m["pages"]
    for f in files:
        if f not in counts:
            out = subprocess.run(["pdfinfo", f], capture_output=True, text=True).stdout
            counts[f] = next((int(l.split()[-1]) for l in out.splitlines() if l.startswith("Pages:")), 0)
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("--bin", default="target/release/civtrace")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    files = sorted(
        os.path.join(d, f)
        for d, _, fs in os.walk(a.corpus)
        for f in fs
        if f.lower().endswith(".pdf")
    )
    pages = sum(page_counts(a.corpus, files).get(f, 0) for f in files)
    cmds = {
        "pdftotext -layout": lambda f: ["pdftotext", "-layout", "-enc", "UTF-8", f, "-"],
        "civtrace pdftext": lambda f: [a.bin, "pdftext", f],
    }
    totals = {k: [] for k in cmds}
    failures = {k: 0 for k in cmds}
    for r in range(a.rounds):
        t = {k: 0.0 for k in cmds}
        order = list(cmds) if r % 2 == 0 else list(reversed(cmds))
        for f in files:
            for k in order:
                start = time.perf_counter()
                p = subprocess.run(cmds[k](f), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                t[k] += time.perf_counter() - start
                failures[k] += p.returncode != 0
        for k in cmds:
            totals[k].append(t[k])
    print(f"{len(files)} PDFs, {pages} pages, {a.rounds} rounds (median shown)")
    med = {}
    for k, ts in totals.items():
        ts = sorted(ts)
        med[k] = ts[len(ts) // 2]
        print(f"{k:20} {med[k]:7.2f} s  {pages / med[k]:8.1f} pages/s  {len(files) / med[k]:6.1f} docs/s"
              f"  (runs: {', '.join(f'{x:.2f}' for x in totals[k])}; failures {failures[k]})")
    ratio = med["pdftotext -layout"] / med["civtrace pdftext"]
    print(f"ratio civtrace/pdftotext pages/s: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
