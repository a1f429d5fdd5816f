#!/usr/bin/env python3
"""Word-level agreement between two folders of extracted text (.txt files with
the same names), e.g. civtrace's `pdftext` output against `pdftotext -layout`.

Both sides are normalised alike: words hyphenated across lines joined (as
text_recall.py does), ligatures expanded (NFKC), split on whitespace, outer
punctuation stripped. Agreement is computed on word multisets per document:

    recall    = |ours ∩ ref| / |ref|     (reference words we also have)
    precision = |ours ∩ ref| / |ours|    (our words the reference also has)

    python3 benches/pdf_agreement.py OURS_DIR REF_DIR [--worst 5]

Exit code 0; the figures are printed (a test asserts its own threshold).
"""
import argparse
import collections
import os
import re
import sys
import unicodedata

PUNCT = "\"'“”‘’()[]{}.,;:!?|*•·–—-"


def words(text):
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(\w)-\s*\n\s*(?=[a-z])", r"\1", text)
    out = collections.Counter()
    for w in text.split():
        w = w.strip(PUNCT)
        if w:
            out[w] += 1
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ours")
    ap.add_argument("ref")
    ap.add_argument("--worst", type=int, default=5)
    a = ap.parse_args()
    common = ours_n = ref_n = 0
    per_doc = []
    for name in sorted(os.listdir(a.ref)):
        if not name.endswith(".txt"):
            continue
        ref = words(open(os.path.join(a.ref, name), encoding="utf-8", errors="replace").read())
        p = os.path.join(a.ours, name)
        ours = words(open(p, encoding="utf-8", errors="replace").read()) if os.path.exists(p) else collections.Counter()
        c = sum((ours & ref).values())
        o, r = sum(ours.values()), sum(ref.values())
        common += c
        ours_n += o
        ref_n += r
        per_doc.append((c / r if r else 1.0, name, ref - ours, ours - ref))
    recall = common / ref_n if ref_n else 1.0
    precision = common / ours_n if ours_n else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"{len(per_doc)} documents, {ref_n} reference words, {ours_n} our words")
    print(f"recall    {recall:.4f}  (reference words found)")
    print(f"precision {precision:.4f}  (our words in reference)")
    print(f"F1        {f1:.4f}")
    for score, name, missing, extra in sorted(per_doc)[: a.worst]:
        print(f"  {name}: recall {score:.4f}; missing {missing.most_common(6)}; extra {extra.most_common(6)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
