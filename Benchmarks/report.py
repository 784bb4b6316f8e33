#!/usr/bin/env python3
"""Prints the results of compare.sh as a Markdown table: each scenario beside the
baselines measured in the same hyperfine run, as ratios against the target."""
import json
import os
import sys

results = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".results")

# (group, subject, baselines, how the baselines combine, target ratio, target text)
#   "sum": the floor is the sum of the baselines (validate + insert);
#   "max": the subject must be faster than the baseline (ratio < 1).
SCENARIOS = [
    ("import", "pathfolio import collection", ["xmllint --stream --schema", "sqlite3 insert rows"], "sum", 1.5, "≤ 1.5× the sum"),
    ("import", "pathfolio import collection", ["xmllint --stream --schema", "sqlite3 insert rows and revisions"], "sum", 1.5, "≤ 1.5× with revisions (info)"),
    ("files", "pathfolio import 10,000 files", ["xmllint --stream --schema (10,000 files)", "sqlite3 insert rows"], "sum", 1.5, "≤ 1.5× the sum"),
    ("export", "pathfolio export --all xml", ["sqlite3 rows as html (XML floor)"], "sum", 1.5, "≤ 1.5× the floor"),
    ("export", "pathfolio export --all xml", ["jrnl export markdown (50,000 entries)"], "sum", 1.0, "faster than jrnl"),
    ("export", "pathfolio export --all xml (existing folder)", ["jrnl export markdown (50,000 entries)"], "sum", 1.0, "faster than jrnl (info)"),
    ("export", "pathfolio export --all xml (one file)", ["sqlite3 rows as html (XML floor)"], "sum", 1.5, "≤ 1.5× the floor (info)"),
    ("export", "pathfolio export --all xml (one file)", ["jrnl export markdown (50,000 entries)"], "sum", 1.0, "faster than jrnl (info)"),
    ("export", "pathfolio export --all markdown", ["sqlite3 rows as markdown"], "sum", 1.5, "≤ 1.5× the floor"),
    ("export", "pathfolio export --all markdown", ["jrnl export markdown (50,000 entries)"], "sum", 1.0, "faster than jrnl"),
    ("export", "pathfolio export --all markdown (existing folder)", ["jrnl export markdown (50,000 entries)"], "sum", 1.0, "faster than jrnl (info)"),
    ("export", "pathfolio export --all markdown (one file)", ["sqlite3 rows as markdown"], "sum", 1.5, "≤ 1.5× the floor (one file, as jrnl)"),
    ("export", "pathfolio export --all markdown (one file)", ["jrnl export markdown (50,000 entries)"], "sum", 1.0, "faster than jrnl (one file, as jrnl)"),
    ("export", "pathfolio export --all xml", ["sqlite3 rows as html (XML floor)", "write the same 10,000 XML files (python)"], "sum", 1.5, "≤ 1.5× query + files (info)"),
    ("export", "pathfolio export --all markdown", ["sqlite3 rows as markdown", "write the same 10,000 Markdown files (python)"], "sum", 1.5, "≤ 1.5× query + files (info)"),
    ("list", "pathfolio list", ["sqlite3 list query"], "sum", 3.0, "≤ 3×"),
    ("list", "pathfolio list --json", ["sqlite3 list query"], "sum", 3.0, "≤ 3× (info)"),
    ("show", "pathfolio show", ["sqlite3 show queries"], "sum", 3.0, "≤ 3×"),
    ("path", "pathfolio path", ["sqlite3 path CTE with titles"], "sum", 3.0, "≤ 3×"),
    ("caseload", "pathfolio list (caseload)", ["sqlite3 list query (caseload)"], "sum", 3.0, "≤ 3× (info)"),
    ("caseload", "pathfolio show (caseload)", ["sqlite3 show queries (caseload)"], "sum", 3.0, "≤ 3× (info)"),
    ("caseload", "pathfolio person show (caseload)", ["sqlite3 person query (caseload)"], "sum", 3.0, "≤ 3× (info)"),
    ("caseload", "pathfolio --version (process start)", ["sqlite3 :memory: select 1 (process start)"], "sum", 3.0, "≤ 3× (info)"),
    ("walk", "pathfolio path c0000000 --json", ["sqlite3 bare recursive CTE"], "sum", 1.3, "≤ 1.3×"),
    ("walk", "pathfolio path c0000000 --json", ["sqlite3 -json CTE with titles"], "sum", 1.3, "≤ 1.3× (same output)"),
]


def load(group):
    path = os.path.join(results, group + ".json")
    if not os.path.exists(path):
        return None
    try:
        with open(path) as f:
            return {r["command"]: r for r in json.load(f)["results"]}
    except (ValueError, KeyError):
        return None  # the group failed (hyperfine wrote no results)


def cpu(run):
    """User plus system time: less sensitive than wall time to what else the machine runs."""
    return run["user"] + run["system"]


def fmt(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.2f} s"


def main():
    print("| scenario | pathfolio wall (mean ± σ) · CPU | baseline(s) in the same run, wall · CPU | floor wall · CPU | ratio wall · CPU | target | met (wall) |")
    print("|---|---|---|---|---|---|---|")
    for group, subject, baselines, _, target, text in SCENARIOS:
        runs = load(group)
        if runs is None or subject not in runs:
            print(f"| {subject} | not run | {', '.join(baselines)} | | | {text} | — |")
            continue
        s = runs[subject]
        missing = [b for b in baselines if b not in runs]
        if missing:
            print(f"| {subject} | {fmt(s['mean'])} ± {fmt(s['stddev'] or 0)} | missing: {', '.join(missing)} | | | {text} | — |")
            continue
        parts = ", ".join(f"{b}: {fmt(runs[b]['mean'])} · {fmt(cpu(runs[b]))}" for b in baselines)
        floor = sum(runs[b]["mean"] for b in baselines)
        floor_cpu = sum(cpu(runs[b]) for b in baselines)
        ratio = s["mean"] / floor
        ratio_cpu = cpu(s) / floor_cpu if floor_cpu else float("nan")
        met = "yes" if ratio <= target else "**no**"
        print(f"| {subject} | {fmt(s['mean'])} ± {fmt(s['stddev'] or 0)} · {fmt(cpu(s))} | {parts} | {fmt(floor)} · {fmt(floor_cpu)} "
              f"| {ratio:.2f}× · {ratio_cpu:.2f}× | {text} | {met} |")
    memory = os.path.join(results, "memory.txt")
    if os.path.exists(memory):
        print()
        print("| import (max RSS, /usr/bin/time -v) | file size | max RSS | target | met |")
        print("|---|---|---|---|---|")
        with open(memory) as f:
            for line in f:
                name, size, rss = line.split()
                mb = int(rss) / 1024
                print(f"| {name} | {int(size) / 1e6:.1f} MB | {mb:.0f} MB | ≤ ~150 MB | {'yes' if mb <= 150 else '**no**'} |")
    load_file = os.path.join(results, "load.txt")
    if os.path.exists(load_file):
        print()
        with open(load_file) as f:
            print("Machine load (1, 5, 15 min): " + "; ".join(line.strip() for line in f))


main()
