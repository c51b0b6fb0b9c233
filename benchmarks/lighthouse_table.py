"""Print the four Lighthouse scores per page, and the audits that cost points.

Usage: python benchmarks/lighthouse_table.py REPORT.json ... (Lighthouse's JSON reports).
Exits 1 when LIGHTHOUSE_STRICT=1 and a page misses a target.
"""

import json
import os
import sys
from urllib.parse import urlsplit

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}


def scores(report):
    return {key: round(report["categories"][key]["score"] * 100) for key in CATEGORIES}


def lost_points(report):
    """Audits with a weight in a category that did not get a full score."""
    lost = []
    for key in CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                value = audit.get("displayValue", "")
                lost.append(f"{key}: {audit['title']} ({audit['score']:.2f}) {value}".rstrip())
    return lost


def main(paths):
    rows, missed = [], []
    for path in paths:
        with open(path, encoding="utf-8") as file:
            report = json.load(file)
        url = urlsplit(report["finalDisplayedUrl"])
        page = url.path + (f"?{url.query}" if url.query else "")
        page_scores = scores(report)
        rows.append((page, page_scores, lost_points(report)))
        missed += [
            f"{page} {k} {v} < {TARGETS[k]}" for k, v in page_scores.items() if v < TARGETS[k]
        ]
    width = max(len(page) for page, _, _ in rows) + 2
    print(f"\n{'page':<{width}}{'perf':>6}{'a11y':>6}{'best':>6}{'seo':>6}")
    for page, page_scores, _ in rows:
        print(f"{page:<{width}}" + "".join(f"{page_scores[k]:>6}" for k in CATEGORIES))
    for page, _, lost in rows:
        if lost:
            print(f"\n{page} lost points on:")
            print("\n".join(f"  - {line}" for line in lost))
    print("\nTargets: performance 95, accessibility 100, best practices 95, SEO 100.")
    if missed:
        print("Below target:\n  " + "\n  ".join(missed))
        if os.environ.get("LIGHTHOUSE_STRICT") == "1":
            return 1
    else:
        print("All pages meet the targets.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
