#!/usr/bin/env python3
"""Converts every page's Markdown to an HTML file with the cmark-gfm command line, one process a page,
as many at a time as the machine has cores: the lower bound for the Markdown work with the CLI.

    python3 bench/cmark_cli.py LIST [--jobs N]

LIST has "SOURCE<TAB>DESTINATION" lines.
"""
import argparse
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

COMMAND = ["cmark-gfm", "--smart", "-e", "table", "-e", "strikethrough", "-e", "autolink",
           "-e", "tasklist", "-e", "tagfilter", "--to", "html"]


def convert(pair):
    source, destination = pair
    with open(destination, "wb") as out:
        return subprocess.run(COMMAND + [source], stdout=out).returncode


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("list")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with open(args.list) as f:
        pairs = [tuple(line.rstrip("\n").split("\t")) for line in f if "\t" in line]
    for folder in sorted({os.path.dirname(d) for _, d in pairs}):
        os.makedirs(folder, exist_ok=True)
    with ThreadPoolExecutor(args.jobs) as pool:
        failures = sum(1 for code in pool.map(convert, pairs) if code != 0)
    print(f"{len(pairs)} pages, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
