#!/usr/bin/env python3
"""`make bench`: builds synthetic guides with Guidebook, Hugo (+ Pagefind) and cmark-gfm, side by side.

    bench/.venv/bin/python bench/run.py [--pages 1000,10000] [--runs 5] [--binary PATH] [--write BENCHMARKS.md]

Per corpus (bench/generate.py, seed 7): one untimed warm-up of each tool, then rounds in which every
tool runs once, in an order that rotates from round to round, each into an empty output folder (the last
one moved aside into bench-work/trash, emptied at the end) after a `sync`. Wall time is measured around the process; user/sys CPU and peak memory (max RSS) come from GNU
time. Then back-to-back pairs of builds with and without search (what the index adds), the incremental case (an edit saved, then `guidebook build` until its output shows the edit),
the bytes a one-word search loads in Chromium, and BENCHMARKS.md. Everything is written under bench-work/.
"""
import argparse
import datetime
import hashlib
import http.server
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PAGEFIND = None  # set in main()
WORK = ROOT / "bench-work"
TIME = "/usr/bin/time"
CHROMIUM = os.environ.get("GUIDEBOOK_CHROMIUM", "/usr/bin/chromium")
SEARCH_DROPDOWN_RESULTS = 8  # Guidebook's dropdown shows 8 results; Pagefind is asked for the same


def log(*parts):
    print(*parts, flush=True)


# ---------------------------------------------------------------- helpers

def sha256_file(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, **kwargs)


def measure(cmd, cwd=None):
    """Runs cmd under GNU time: wall seconds (perf_counter), user and sys CPU seconds, max RSS KiB."""
    stats_file = WORK / "tmp" / "time.txt"
    stats_file.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    proc = subprocess.run([TIME, "-f", "%e %U %S %M", "-o", str(stats_file)] + [str(c) for c in cmd],
                          cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    fields = stats_file.read_text().strip().splitlines()[-1].split()
    return {"wall": wall, "user": float(fields[1]), "sys": float(fields[2]), "rss_kib": int(fields[3]),
            "rc": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr, "output": proc.stdout + proc.stderr}


def dir_size(path, exclude=None):
    total = files = 0
    for root, dirs, names in os.walk(path):
        if exclude and os.path.abspath(root) == os.path.abspath(path):
            dirs[:] = [d for d in dirs if d != exclude]
        for name in names:
            total += os.path.getsize(os.path.join(root, name))
            files += 1
    return total, files


MANIFEST_NAME = re.compile(rb"manifest-[0-9a-f]+\.js")


def tree_hashes(path):
    """Path -> hash of every file; for HTML pages also a second hash with the search manifest's file
    name blanked out (every page names it, and it changes with any change to the index)."""
    hashes = {}
    for root, _, names in os.walk(path):
        for name in names:
            full = os.path.join(root, name)
            with open(full, "rb") as f:
                data = f.read()
            rel = os.path.relpath(full, path)
            hashes[rel] = hashlib.sha1(data).hexdigest()
            if name.endswith(".html"):
                hashes["\0" + rel] = hashlib.sha1(MANIFEST_NAME.sub(b"manifest.js", data)).hexdigest()
    return hashes


def remove(path):
    if os.path.lexists(path):
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.remove(path)


def set_aside(path):
    """Moves a tool's last output into bench-work/trash instead of deleting it before a timed run. On this
    machine's ext4 (no journal), creating thousands of files in the minutes after thousands were deleted
    makes the kernel check every recently deleted inode it passes (ext4's `recently_deleted`): 16,000 small
    files took 1.2 s in a fresh folder and 7.6 s right after 16,000 were deleted, and profiles of timed
    builds showed a fifth of their samples there. That measured the file system's history, not the tool,
    and charged each tool by how many files it writes. The trash is emptied when the benchmark ends."""
    if os.path.lexists(path):
        trash = WORK / "trash"
        trash.mkdir(parents=True, exist_ok=True)
        if shutil.disk_usage(trash).free < 8 << 30:
            log("  (less than 8 GB free: emptying bench-work/trash; later runs may pay for the deletion)")
            empty_trash()
            trash.mkdir(parents=True, exist_ok=True)
        os.rename(path, trash / f"{time.time_ns()}-{Path(path).name}")


def empty_trash():
    remove(WORK / "trash")


def version_of(cmd):
    try:
        out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
        return out.strip().splitlines()[0] if out.strip() else "?"
    except OSError:
        return "not found"


def debian_version(package):
    return version_of(["dpkg-query", "-W", "-f", "${Version}", package])


def median(values):
    return statistics.median(values) if values else float("nan")


# ---------------------------------------------------------------- corpora

def stamp_matches(folder, stamp):
    f = Path(folder) / ".bench-stamp.json"
    return f.exists() and json.loads(f.read_text()) == stamp


def write_stamp(folder, stamp):
    (Path(folder) / ".bench-stamp.json").write_text(json.dumps(stamp, sort_keys=True))


def prepare_corpus(work, pages, seed):
    """The Guidebook project: generated, then committed to its own git repository (Guidebook reads
    'last updated' from one git log, as for a real guide), with fixed dates so it is reproducible."""
    folder = work / f"corpus-{pages}"
    stamp = {"pages": pages, "seed": seed, "generator": sha256_file(BENCH / "generate.py")}
    if stamp_matches(folder, stamp):
        return folder
    log(f"  generating {pages} pages (seed {seed}) into {folder.relative_to(ROOT)}")
    start = time.perf_counter()
    run([sys.executable, str(BENCH / "generate.py"), "--pages", str(pages), "--seed", str(seed),
         "--out", str(folder)], stdout=subprocess.DEVNULL)
    env = dict(os.environ, GIT_AUTHOR_DATE="2025-01-06T09:00:00Z", GIT_COMMITTER_DATE="2025-01-06T09:00:00Z",
               GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.council",
               GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.council")
    git = ["git", "-C", str(folder), "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
    run(git + ["init", "-q"], env=env)
    (folder / ".gitignore").write_text("/.guidebook-cache/\n/.bench-stamp.json\n")
    run(git + ["add", "-A"], env=env)
    run(git + ["commit", "-q", "-m", "Synthetic guide"], env=env)
    write_stamp(folder, stamp)
    log(f"  generated in {time.perf_counter() - start:.1f} s")
    return folder


def prepare_without_search(work, corpus, pages):
    """The same guide with `search: false`, to measure what the search index adds to a build (issue 6's
    budget). A local clone, so 'last updated' comes from the same git history."""
    folder = work / f"corpus-{pages}-nosearch"
    remove(folder)
    run(["git", "clone", "-q", str(corpus), str(folder)])
    config = folder / "guidebook.yml"
    config.write_text(config.read_text() + "search: false\n")
    return folder


def prepare_hugo(work, corpus, pages):
    """The same Markdown as a Hugo project: index.md -> _index.md (with url: .../index.html, so the
    section lands where Guidebook puts it), order -> weight; layouts and settings from bench/hugo/."""
    folder = work / f"hugo-{pages}"
    layout_hash = hashlib.sha256()
    for f in sorted((BENCH / "hugo").rglob("*")):
        if f.is_file():
            layout_hash.update(str(f.relative_to(BENCH)).encode() + f.read_bytes())
    stamp = {"corpus": json.loads((corpus / ".bench-stamp.json").read_text()), "layouts": layout_hash.hexdigest(),
             "script": sha256_file(__file__)}
    if stamp_matches(folder, stamp):
        return folder
    remove(folder)
    shutil.copytree(BENCH / "hugo", folder)
    source = corpus / "content"
    for root, dirs, names in os.walk(source):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = os.path.relpath(root, source)
        out = folder / "content" / rel
        out.mkdir(parents=True, exist_ok=True)
        for name in sorted(names):
            if name.startswith("."):
                continue
            if name.endswith(".md"):
                text = (Path(root) / name).read_text()
                text = re.sub(r"^order: (\d+)$", r"order: \1\nweight: \1", text, count=1, flags=re.M)
                if name == "index.md":
                    if rel != ".":
                        text = text.replace("\n---\n", f"\nurl: /{rel}/index.html\n---\n", 1)
                    name = "_index.md"
                (out / name).write_text(text)
            else:
                shutil.copy2(Path(root) / name, out / name)
    write_stamp(folder, stamp)
    return folder


def prepare_cmark(work, corpus, pages):
    """Page bodies without front matter, and the SOURCE<TAB>DESTINATION lists for the two cmark runs."""
    folder = work / f"cmark-{pages}"
    stamp = {"corpus": json.loads((corpus / ".bench-stamp.json").read_text()), "script": sha256_file(__file__)}
    out = work / f"out-{pages}"
    if not stamp_matches(folder, stamp):
        remove(folder)
        source = corpus / "content"
        for path in sorted(source.rglob("*.md")):
            text = path.read_text()
            if text.startswith("---\n"):
                text = text[text.index("\n---\n", 4) + 5:]
            target = folder / "src" / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
        write_stamp(folder, stamp)
    sources = sorted((folder / "src").rglob("*.md"))
    for kind in ("cli", "lib"):
        with open(folder / f"{kind}.list", "w") as f:
            for s in sources:
                rel = s.relative_to(folder / "src").with_suffix(".html")
                f.write(f"{s}\t{out / ('cmark-' + kind) / rel}\n")
    return folder


def build_cmark_batch(work):
    binary = work / "tmp" / "cmark-batch"
    binary.parent.mkdir(parents=True, exist_ok=True)
    run(["cc", "-O2", "-o", str(binary), str(BENCH / "cmark_batch.c"), "-lcmark-gfm-extensions", "-lcmark-gfm"])
    return binary


# ---------------------------------------------------------------- the tools

class Tool:
    def __init__(self, name, command, output, prepare=None, cwd=None):
        self.name, self.command, self.output, self.prepare, self.cwd = name, command, output, prepare, cwd
        self.runs = []

    def run_once(self):
        set_aside(self.output)
        if self.prepare:
            self.prepare()
        os.sync()
        result = measure(self.command, cwd=self.cwd)
        if result["rc"] != 0:
            raise SystemExit(f"{self.name} failed (exit {result['rc']}):\n{result['stdout'][-3000:]}\n{result['stderr'][-3000:]}")
        return result


def guidebook_seconds(output):
    m = re.search(r"in ([0-9.]+) s", output)
    return float(m.group(1)) if m else None


def guidebook_warnings(output):
    m = re.search(r"(\d+) warnings?", output)
    return int(m.group(1)) if m else None


def bench_corpus(args, work, pages, runs, binary, cmark_batch):
    log(f"\n== {pages} pages ==")
    corpus = prepare_corpus(work, pages, args.seed)
    hugo_dir = prepare_hugo(work, corpus, pages)
    cmark_dir = prepare_cmark(work, corpus, pages)
    out = work / f"out-{pages}"
    out.mkdir(exist_ok=True)
    info = json.loads((corpus / "corpus.json").read_text())

    gb = Tool("guidebook", [binary, "build", "--source", corpus, "--output", out / "guidebook"],
              out / "guidebook", prepare=lambda: remove(corpus / ".guidebook-cache"))
    hugo = Tool("hugo", ["hugo", "--quiet", "--source", hugo_dir, "--destination", out / "hugo"], out / "hugo",
                prepare=lambda: remove(hugo_dir / "resources"))
    no_search_dir = prepare_without_search(work, corpus, pages)
    no_search = Tool("guidebook-nosearch", [binary, "build", "--source", no_search_dir, "--output", out / "guidebook-nosearch"],
                     out / "guidebook-nosearch", prepare=lambda: remove(no_search_dir / ".guidebook-cache"))
    pf_site = out / "pf-site"
    pagefind = Tool("pagefind", [PAGEFIND, "--site", pf_site], pf_site / "pagefind")
    cli = Tool("cmark-gfm", [sys.executable, BENCH / "cmark_cli.py", cmark_dir / "cli.list"], out / "cmark-cli")
    lib = Tool("cmark-gfm-lib", [cmark_batch, cmark_dir / "lib.list"], out / "cmark-lib")
    tools = [gb, hugo, pagefind, cli, lib, no_search]

    log("  warm-up (untimed): guidebook, hugo, cmark-gfm")
    reduced = None
    load_start = os.getloadavg()[0]
    warm = gb.run_once()
    warnings = guidebook_warnings(warm["output"])
    log(f"    guidebook: {warm['output'].strip().splitlines()[-1] if warm['output'].strip() else ''}")
    clean_hashes = tree_hashes(gb.output)
    warm_hugo = hugo.run_once()
    set_aside(pf_site)
    shutil.copytree(hugo.output, pf_site)
    warm_other = cli.run_once()["wall"] + lib.run_once()["wall"] + no_search.run_once()["wall"]
    log(f"    guidebook {warm['wall']:.2f}s, hugo {warm_hugo['wall']:.2f}s, cmark-gfm both {warm_other:.2f}s")

    if args.budget_minutes and pages >= 10000 and runs > 3:
        # Pagefind is not warmed up: take it as about twice Hugo. The incremental cases are about 3n+4 builds.
        per_round = 2 * warm["wall"] + 3 * warm_hugo["wall"] + warm_other
        estimate = (runs * per_round + ((3 * min(runs, 5) + 4) if warm["wall"] < 60 else 6) * warm["wall"]
                    + 2 * args.search_pairs * warm["wall"])
        left = args.budget_minutes * 60 - (time.perf_counter() - args.started)
        if estimate > left:
            log(f"  {runs} runs would take about {estimate / 60:.0f} minutes, past the {args.budget_minutes:.0f}-minute "
                f"budget ({left / 60:.0f} left): 3 runs instead")
            runs = 3
            reduced = f"3 runs, not {args.runs}: {args.runs} would have taken about {estimate / 60:.0f} minutes"
    for r in range(runs):
        order = tools[r % len(tools):] + tools[:r % len(tools)]
        line = []
        for tool in order:
            result = tool.run_once()
            if tool is gb:
                result["reported"] = guidebook_seconds(result["output"])
            tool.runs.append(result)
            line.append(f"{tool.name} {result['wall']:.2f}s")
        log(f"  round {r + 1}/{runs}: " + ", ".join(line))

    search_pairs = bench_search_pairs(gb, no_search, args.search_pairs)

    # Sizes, from the last run of each.
    gb_total, gb_files = dir_size(gb.output)
    gb_search = dir_size(gb.output / "search")
    hugo_total, hugo_files = dir_size(hugo.output)
    pf_total, pf_files = dir_size(pagefind.output)
    pf_data = pagefind_data_size(pagefind.output)
    sizes = {"guidebook": (gb_total, gb_files), "guidebook-search": gb_search, "hugo": (hugo_total, hugo_files),
             "pagefind": (pf_total, pf_files), "pagefind-data": pf_data,
             "cmark-gfm": dir_size(cli.output), "cmark-gfm-lib": dir_size(lib.output),
             "guidebook-nosearch": dir_size(no_search.output)}
    last_hashes = tree_hashes(gb.output)
    deterministic = last_hashes == clean_hashes
    differing = sorted(p for p in set(last_hashes) | set(clean_hashes)
                       if not p.startswith("\0") and last_hashes.get(p) != clean_hashes.get(p))

    # Each edit is a whole build while Guidebook keeps no cache: past a minute a build, one edit of
    # each kind says as much as five and saves most of an hour at 10,000 pages.
    edits = args.incremental_runs or (max(3, min(runs, 5)) if warm["wall"] < 60 else 1)
    incremental = bench_incremental(args, corpus, gb, binary, out, clean_hashes, edits)
    query = {}
    if not args.skip_query:
        try:
            query = bench_queries(corpus, gb.output, pf_site)
        except Exception as error:  # noqa: BLE001 - report and go on
            query = {"error": f"{type(error).__name__}: {error}"}
            log(f"  search query measurement failed: {query['error']}")

    return {"pages": pages, "runs": runs, "runs_reduced": reduced, "load": [load_start, os.getloadavg()[0]],
            "corpus": info, "warnings": warnings,
            "tools": {t.name: summarise(t.runs) for t in tools}, "search_pairs": search_pairs,
            "sizes": sizes, "deterministic": deterministic, "differing": differing[:20], "differing_count": len(differing), "incremental": incremental, "query": query}


def bench_search_pairs(gb, no_search, pairs):
    """What the index adds, from builds with and without `search: false` run back to back, the order
    alternating pair by pair. On this machine the same build's time drifts by a third within minutes
    (8.9 against 13.2 s in consecutive rounds), and in the rounds above the two builds are a minute
    apart, with other tools between them: a pair run back to back shares the machine's state, so the
    ratio within each pair is the steadiest measure, and the median of the pairs' ratios is the budget's."""
    walls, cpus = [], []
    for number in range(pairs):
        order = (gb, no_search) if number % 2 == 0 else (no_search, gb)
        measured = {tool.name: tool.run_once() for tool in order}
        with_search, without = measured[gb.name], measured[no_search.name]
        walls.append(with_search["wall"] / without["wall"] - 1)
        cpus.append((with_search["user"] + with_search["sys"]) / (without["user"] + without["sys"]) - 1)
        log(f"  search pair {number + 1}/{pairs} ({order[0].name} first): with {with_search['wall']:.2f}s, "
            f"without {without['wall']:.2f}s: {walls[-1] * 100:+.0f}% (CPU {cpus[-1] * 100:+.0f}%)")
    return {"wall": walls, "cpu": cpus}


def median_interval(values, confidence=0.95):
    """A distribution-free confidence interval for the median (order statistics of the binomial
    distribution): the k-th smallest and k-th largest value, with the confidence it actually has.
    None when there are too few values for `confidence`."""
    ordered, n = sorted(values), len(values)
    best = None
    for k in range(1, n // 2 + 1):
        # The chance that the median lies outside [x_k, x_(n-k+1)]: fewer than k values on one side.
        outside = 2 * sum(math.comb(n, i) for i in range(k)) / 2 ** n
        if 1 - outside >= confidence:
            best = (ordered[k - 1], ordered[n - k], 1 - outside)
    return best


def pagefind_data_size(folder):
    """Pagefind's index data (meta, index chunks, fragments, filters), without its JS, CSS and WebAssembly."""
    total = files = 0
    for root, _, names in os.walk(folder):
        for name in names:
            if re.search(r"\.(pf_meta|pf_index|pf_fragment|pf_filter)$", name) or name == "pagefind-entry.json":
                total += os.path.getsize(os.path.join(root, name))
                files += 1
    return total, files


def summarise(runs):
    walls = [r["wall"] for r in runs]
    cpu = [(r["user"] + r["sys"]) for r in runs]
    out = {"walls": walls, "median": median(walls), "min": min(walls), "max": max(walls),
           "cpu_median": median(cpu), "rss_kib": max(r["rss_kib"] for r in runs)}
    reported = [r.get("reported") for r in runs if r.get("reported") is not None]
    if reported:
        out["reported_median"] = median(reported)
    return out


# ---------------------------------------------------------------- incremental

def bench_incremental(args, corpus, gb, binary, out, clean_hashes, n):
    """Time from saving an edit to its rebuilt output, by `guidebook build` into the existing output
    (with any cache Guidebook keeps). Then the edits are undone and the rebuilt site compared with the
    clean build."""
    content = corpus / "content"
    pages = sorted(p for p in content.rglob("*.md") if p.name not in ("index.md", "glossary.md")
                   and "draft: true" not in p.read_text()[:600])
    page = pages[len(pages) // 2]
    rel = page.relative_to(content)
    html = out / "guidebook" / rel.with_suffix(".html")
    original = page.read_bytes()
    command = [binary, "build", "--source", corpus, "--output", gb.output]
    log(f"  incremental: {n} body edits and {n} title edits of {rel}")
    gb.run_once()  # the starting point: a clean build, and a cache if Guidebook keeps one
    results = {"page": str(rel), "runs": n, "cache": (corpus / ".guidebook-cache").exists()}

    def timed_edit(kind, i):
        text = original.decode()
        if kind == "body":
            marker = f"Benchmark body edit number {i} zqxbody{i}."
            head, _, rest = text.partition("\n---\n")
            first, sep, tail = rest.lstrip("\n").partition("\n\n")
            new = head + "\n---\n\n" + first + " " + marker + sep + tail
            expect = f"zqxbody{i}"
        else:
            title = re.search(r"^title: (.*)$", text, re.M).group(1).strip('"')
            new_title = f"{title} revised {i}"
            new = re.sub(r"^title: .*$", f"title: {new_title}", text, count=1, flags=re.M)
            expect = new_title
        start = time.perf_counter()
        page.write_text(new)
        result = measure(command)
        elapsed = time.perf_counter() - start
        if result["rc"] != 0:
            raise SystemExit(f"incremental build failed:\n{result['stdout']}\n{result['stderr']}")
        if expect not in html.read_text():
            raise SystemExit(f"incremental build: {html} does not show the edit {expect!r}")
        return elapsed, result

    try:
        for kind in ("body", "title"):
            times, reported, changed = [], [], None
            for i in range(1, n + 1):
                if i == 1:
                    ids_before, hashes_before = file_ids(gb.output), tree_hashes(gb.output)
                elapsed, result = timed_edit(kind, i)
                if i == 1:
                    written = written_pages(ids_before, file_ids(gb.output), hashes_before, tree_hashes(gb.output))
                times.append(elapsed)
                if guidebook_seconds(result["output"]) is not None:
                    reported.append(guidebook_seconds(result["output"]))
                if i == 1:
                    changed = changed_pages(clean_hashes, tree_hashes(gb.output))
            page.write_bytes(original)
            results[kind] = {"times": times, "median": median(times), "min": min(times), "max": max(times),
                             "reported_median": median(reported) if reported else None, "changed": changed,
                             "written": written}
            log(f"    {kind} edit: median {median(times):.2f} s; wrote {written['written']} of {written['pages']} HTML pages, "
                f"{written['changed']} changed; {changed['html']} HTML pages "
                f"and "
                f"{changed['other']} other files differ from the clean build")
    finally:
        page.write_bytes(original)
        run(["git", "-C", str(corpus), "checkout", "-q", "--", str(Path("content") / rel)])
    result = measure(command)
    results["revert_equals_clean"] = result["rc"] == 0 and tree_hashes(gb.output) == clean_hashes
    try:
        results["serve"] = bench_serve(corpus, binary, out, page, rel, original, n)
    except Exception as error:  # noqa: BLE001 - report and go on
        results["serve"] = {"error": f"{type(error).__name__}: {error}"}
        log(f"    serve: failed: {results['serve']['error']}")
    finally:
        page.write_bytes(original)
        run(["git", "-C", str(corpus), "checkout", "-q", "--", str(Path("content") / rel)])
    return results


def bench_serve(corpus, binary, out, page, rel, original, n):
    """`guidebook serve`: the time from saving the edit to the first HTTP response of the page that
    shows it (polled every 10 ms), with the server's own "Built ... in X s" and its peak memory."""
    import queue
    import urllib.request

    help_text = subprocess.run([str(binary), "--help"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True).stdout
    if not re.search(r"^\s+serve\b", help_text, re.M):
        return {"error": "this guidebook has no serve command"}
    site = out / "serve"
    set_aside(site)
    proc = subprocess.Popen([str(binary), "serve", "--source", str(corpus), "--output", str(site), "--port", "0"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put((time.perf_counter(), l)) for l in proc.stderr],
                     daemon=True).start()

    def wait_for(pattern, timeout):
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            try:
                stamp, line = lines.get(timeout=0.5)
            except queue.Empty:
                if proc.poll() is not None:
                    raise RuntimeError(f"guidebook serve exited with {proc.returncode}")
                continue
            m = re.search(pattern, line)
            if m:
                return stamp, m
        raise RuntimeError(f"guidebook serve: no line matching {pattern!r} in {timeout} s")

    try:
        _, m = wait_for(r"http://[^:]+:(\d+)/", 1800)
        url = f"http://127.0.0.1:{m.group(1)}/{rel.with_suffix('.html').as_posix()}"
        time.sleep(1)
        while not lines.empty():
            lines.get()
        times, reported = [], []
        for i in range(1, n + 1):
            marker = f"zqxserve{i}"
            head, _, rest = original.decode().partition("\n---\n")
            first, sep, tail = rest.lstrip("\n").partition("\n\n")
            while not lines.empty():
                lines.get()
            start = time.perf_counter()
            page.write_text(head + "\n---\n\n" + first + f" Served edit {marker}." + sep + tail)
            deadline = start + 1800
            while True:
                try:
                    with urllib.request.urlopen(url, timeout=60) as response:
                        if marker in response.read().decode("utf-8", "replace"):
                            break
                except OSError:
                    pass
                if time.perf_counter() > deadline:
                    raise RuntimeError("the edit never showed")
                time.sleep(0.01)
            times.append(time.perf_counter() - start)
            _, built = wait_for(r"Built .* in ([0-9.]+) s", 1800)
            reported.append(float(built.group(1)))
            time.sleep(0.5)  # let the watcher settle before the next edit
        page.write_bytes(original)
        peak = None
        try:
            peak = int(re.search(r"VmHWM:\s+(\d+)", Path(f"/proc/{proc.pid}/status").read_text()).group(1))
        except (OSError, AttributeError):
            pass
        result = {"times": times, "median": median(times), "min": min(times), "max": max(times),
                  "reported_median": median(reported), "rss_kib": peak}
        log(f"    serve, body edit: median {median(times):.2f} s to the served page "
            f"(its log: {median(reported):.2f} s a rebuild); peak RSS {(peak or 0) / 1024:.0f} MiB")
        return result
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def file_ids(path):
    """Path -> (inode, modification time): a file the build kept from the last one keeps both."""
    ids = {}
    for root, _, names in os.walk(path):
        for name in names:
            full = os.path.join(root, name)
            st = os.stat(full)
            ids[os.path.relpath(full, path)] = (st.st_ino, st.st_mtime_ns)
    return ids


def written_pages(ids_before, ids_after, hashes_before, hashes_after):
    """HTML pages the build wrote (new inode or time) against those whose bytes changed."""
    written = {p for p in ids_after if p.endswith(".html") and ids_before.get(p) != ids_after[p]}
    changed = {p for p in hashes_after if not p.startswith("\0") and p.endswith(".html")
               and hashes_before.get(p) != hashes_after[p]}
    return {"written": len(written), "changed": len(changed), "pages": sum(1 for p in ids_after if p.endswith(".html")),
            "written_unchanged": len(written - changed), "changed_not_written": len(changed - written)}


def changed_pages(before, after):
    html = other = html_apart_from_manifest = 0
    for path in set(before) | set(after):
        if before.get(path) != after.get(path):
            if path.startswith("\0"):
                html_apart_from_manifest += 1
            elif path.endswith(".html"):
                html += 1
            else:
                other += 1
    return {"html": html, "other": other, "html_apart_from_manifest": html_apart_from_manifest}


# ---------------------------------------------------------------- search queries in Chromium

def query_words(corpus):
    """A frequent word ('the'), the most frequent content word, one of middle frequency and a rare one."""
    counts = {}
    for path in sorted((corpus / "content").rglob("*.md")):
        text = path.read_text().split("\n---\n", 1)[-1]
        for word in re.findall(r"[a-z]{4,}", text.lower()):
            counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    stop = {"that", "this", "with", "from", "they", "will", "their", "have", "which", "been", "when",
            "also", "more", "about", "there", "these", "other", "some", "into", "only", "them", "should",
            "would", "each", "most", "such", "must", "where", "those", "than", "through", "between",
            "before", "after", "while", "both", "every", "over", "within", "without", "whether",
            "because", "during", "across", "what"}
    content = [w for w, _ in ranked if w not in stop]
    rare = [w for w, c in ranked if c == 3] or [ranked[-1][0]]
    return {"very common ('the')": "the", "most common content word": content[0],
            "middle frequency": content[min(len(content) - 1, 300)], "rare (3 uses)": rare[len(rare) // 2]}


def bench_queries(corpus, site, pf_site):
    from playwright.sync_api import sync_playwright

    words = query_words(corpus)
    log("  search: bytes a one-word query loads, in Chromium: " + ", ".join(words.values()))
    results = {"words": words, "guidebook": {}, "pagefind": {}}
    handler = lambda *a, **k: QuietHandler(*a, directory=str(pf_site), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                                              "--allow-file-access-from-files"])
            for label, word in words.items():
                results["guidebook"][label] = guidebook_query(browser, site, word)
                results["pagefind"][label] = pagefind_query(browser, base, pf_site, word)
            results["latency"] = guidebook_latency(browser, site, list(words.values()))
            log(f"  search: last keystroke to results, median {results['latency']['median_ms']:.1f} ms "
                f"(max {results['latency']['max_ms']:.1f} ms, {results['latency']['count']} queries)")
            browser.close()
    finally:
        server.shutdown()
    return results


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def guidebook_latency(browser, site, words):
    """Milliseconds from the last keystroke to the dropdown's results, typed key by key into the header
    search box of the home page, after a first query has loaded the manifest (issue 6's budget)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    page.evaluate("""() => { window.__times = {};
        document.getElementById('site-search-input').addEventListener('keydown',
            () => { window.__lastKey = performance.now(); }, true);
        document.addEventListener('guidebook:search-rendered',
            e => { window.__times[e.detail.query] = performance.now() - window.__lastKey; }); }""")
    page.focus("#site-search-input")
    times = []
    for word in ["partnership"] + words * 3:
        page.fill("#site-search-input", "")
        page.evaluate("() => { window.__times = {}; }")
        page.type("#site-search-input", word)
        page.wait_for_function("(w) => window.__times[w] !== undefined", arg=word, timeout=60000)
        times.append(page.evaluate("(w) => window.__times[w]", word))
    context.close()
    times = times[1:]  # the first query loads the manifest
    return {"median_ms": median(times), "max_ms": max(times), "count": len(times)}


def guidebook_query(browser, site, word):
    context = browser.new_context()
    page = context.new_page()
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto((site / "index.html").as_uri())
    page.evaluate("""() => { window.__rendered = null;
        document.addEventListener('guidebook:search-rendered', e => { window.__rendered = e.detail; }); }""")
    page.focus("#site-search-input")
    page.fill("#site-search-input", word)
    page.wait_for_function("(w) => window.__rendered && window.__rendered.query === w", arg=word, timeout=60000)
    count = page.evaluate("() => window.__rendered.count")
    entries = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
    context.close()
    loaded = sorted({u for u in urls + entries if "/search/" in u and u.startswith("file://")})
    sizes = [os.path.getsize(url_to_path(u)) for u in loaded]
    return {"results": count, "files": len(loaded), "bytes": sum(sizes)}


def url_to_path(url):
    from urllib.parse import unquote, urlparse
    return unquote(urlparse(url).path)


def pagefind_query(browser, base, pf_site, word):
    context = browser.new_context()
    page = context.new_page()
    urls = []
    page.on("requestfinished", lambda r: urls.append(r.url))
    page.goto(base + "/index.html")
    count = page.evaluate("""async ([word, limit]) => {
        const pagefind = await import('/pagefind/pagefind.js');
        await pagefind.init();
        const search = await pagefind.search(word);
        await Promise.all(search.results.slice(0, limit).map(r => r.data()));
        return search.results.length;
    }""", [word, SEARCH_DROPDOWN_RESULTS])
    context.close()
    from urllib.parse import unquote, urlparse
    loaded = sorted({u for u in urls if "/pagefind/" in u})
    data = engine = 0
    for u in loaded:
        size = os.path.getsize(pf_site / unquote(urlparse(u).path).lstrip("/"))
        if re.search(r"\.(pf_meta|pf_index|pf_fragment|pf_filter)$", u) or u.endswith("pagefind-entry.json"):
            data += size
        else:
            engine += size
    return {"results": count, "files": len(loaded), "bytes": data, "engine_bytes": engine}


# ---------------------------------------------------------------- report

def mib(kib):
    return kib / 1024


def mb(size):
    return size / 1e6


def machine_info():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kib = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1))
    except OSError:
        mem_kib = 0
    return {"cores": os.cpu_count(), "cpu": cpu, "memory_gib": mem_kib / 1024 / 1024,
            "kernel": platform.release(), "load_at_start": os.getloadavg()}


def fmt_s(seconds):
    return f"{seconds:.2f}" if seconds < 100 else f"{seconds:.0f}"


def verdict(ok):
    return "**pass**" if ok else "**FAIL**"


def targets(results):
    """The targets of issue 7, judged on the largest corpus of at least 10,000 pages (else the largest)."""
    big = [r for r in results if r["pages"] >= 10000] or results[-1:]
    if not big:
        return []
    r = big[0]
    t = r["tools"]
    gb = t["guidebook"]["median"]
    rows = []
    rows.append((f"Full build, {r['pages']:,} pages, search included: <= 0.5 x Hugo (no search)",
                 f"{gb / t['hugo']['median']:.2f}", gb / t["hugo"]["median"] <= 0.5))
    both = t["hugo"]["median"] + t["pagefind"]["median"]
    rows.append(("<= 0.2 x (Hugo + Pagefind)", f"{gb / both:.2f}", gb / both <= 0.2))
    rows.append(("<= 4 x cmark-gfm CLI alone", f"{gb / t['cmark-gfm']['median']:.2f}",
                 gb / t["cmark-gfm"]["median"] <= 4))
    rows.append(("(stricter) <= 4 x libcmark-gfm in one process", f"{gb / t['cmark-gfm-lib']['median']:.2f}",
                 gb / t["cmark-gfm-lib"]["median"] <= 4))
    rss = mib(t["guidebook"]["rss_kib"])
    rows.append((f"Peak memory < 512 MiB at {r['pages']:,} pages", f"{rss:.0f} MiB", rss < 512))
    small = [x for x in results if x["pages"] * 10 == r["pages"]]
    if small:
        growth = gb / small[0]["tools"]["guidebook"]["median"]
        rows.append((f"Build time {small[0]['pages']:,} -> {r['pages']:,} pages grows <= 11-fold (wall medians)",
                     f"{growth:.1f}x", growth <= 11))
        cpu_growth = t["guidebook"]["cpu_median"] / small[0]["tools"]["guidebook"]["cpu_median"]
        rows.append(("(the same in CPU time, less sensitive to the machine's load)", f"{cpu_growth:.1f}x",
                     cpu_growth <= 11))
    pairs = r.get("search_pairs") or {}
    if pairs.get("wall"):
        middle = statistics.median(pairs["wall"])
        interval = median_interval(pairs["wall"])
        spread = (f"; {interval[2] * 100:.0f}% interval {interval[0] * 100:+.0f}% to {interval[1] * 100:+.0f}%"
                  if interval else "")
        rows.append((f"The search index adds <= 20% to the build time (median of {len(pairs['wall'])} pairs of builds "
                     f"with and without `search: false`, run back to back{spread})", f"{middle * 100:+.0f}%", middle <= 0.2))
        cpu_middle = statistics.median(pairs["cpu"])
        rows.append(("(the same pairs in CPU time)", f"{cpu_middle * 100:+.0f}%", cpu_middle <= 0.2))
    if "guidebook-nosearch" in t:
        share = gb / t["guidebook-nosearch"]["median"] - 1
        rows.append(("(the same from the rounds: medians, with and without `search: false`)",
                     f"{share * 100:+.0f}%", share <= 0.2))
        # Both builds run once in every round: a slow phase of the machine that catches one round
        # moves a ratio of medians more than the median of each round's own ratio.
        paired = [a / b - 1 for a, b in zip(t["guidebook"]["walls"], t["guidebook-nosearch"]["walls"])]
        if paired:
            middle = statistics.median(paired)
            rows.append(("(the same, the median of the rounds' own ratios; round by round "
                         + ", ".join(f"{p * 100:+.0f}%" for p in paired) + ")", f"{middle * 100:+.0f}%", middle <= 0.2))
        cpu_share = t["guidebook"]["cpu_median"] / t["guidebook-nosearch"]["cpu_median"] - 1
        rows.append(("(the same in CPU time, medians)", f"{cpu_share * 100:+.0f}%", cpu_share <= 0.2))
    index = r["sizes"]["guidebook-search"][0]
    pf_data = r["sizes"]["pagefind-data"][0]
    pf_all = r["sizes"]["pagefind"][0]
    rows.append(("Search index bytes <= 0.5 x Pagefind's index data (meta, index, fragments)",
                 f"{index / pf_data:.2f}", index / pf_data <= 0.5))
    rows.append(("(looser) <= 0.5 x all of pagefind/ (with its JS, CSS, WebAssembly)",
                 f"{index / pf_all:.2f}", index / pf_all <= 0.5))
    q = r["query"]
    if q and "guidebook" in q:
        content = {k: v for k, v in q["guidebook"].items() if "'the'" not in k}
        worst = max(v["bytes"] for v in content.values())
        rows.append(("One-word query loads <= 100 KB of index (worst of the content words measured)",
                     f"{worst / 1000:.0f} KB", worst <= 100_000))
        the = q["guidebook"].get("very common ('the')")
        if the:
            rows.append(("(for 'the')", f"{the['bytes'] / 1000:.0f} KB", the["bytes"] <= 100_000))
    inc = r["incremental"]
    rows.append(("Body edit rebuilt by `guidebook build` in < 1 s", f"{fmt_s(inc['body']['median'])} s",
                 inc["body"]["median"] < 1))
    sv = inc.get("serve") or {"error": "not measured"}
    if "error" in sv:
        rows.append(("Body edit rebuilt by a running `guidebook serve` in < 200 ms", sv["error"], False))
    else:
        rows.append(("Body edit rebuilt by a running `guidebook serve` in < 200 ms (save to served page)",
                     f"{sv['median'] * 1000:.0f} ms", sv["median"] < 0.2))
    w = inc["title"].get("written")
    if w:
        rows.append(("Title edit rebuilds only the pages that show the title (HTML pages written = pages whose bytes changed)",
                     f"{w['written']:,} of {w['pages']:,} written, {w['changed']:,} changed; {fmt_s(inc['title']['median'])} s",
                     w["written_unchanged"] == 0 and w["changed_not_written"] == 0 and w["written"] < w["pages"]))
    rows.append(("Rebuild after edits equals the clean build, byte for byte",
                 "yes" if inc["revert_equals_clean"] else "no", inc["revert_equals_clean"]))
    cpu = t["guidebook"]["cpu_median"] / gb
    rows.append(("Uses both cores (CPU time / wall time near 2)", f"{cpu:.2f}", cpu >= 1.5))
    return rows


def report(results, meta):
    lines = []
    add = lines.append
    add("# Benchmarks")
    add("")
    add("Written by `make bench` (bench/run.py); rerun it to refresh this file. What is measured and how: "
        "the benchmark part of issue 7.")
    add("")
    add("```sh")
    add(f"make bench                       # {meta['command_note']}")
    add("bash bench/run.sh --pages 1000,10000,100000 --runs 5   # any sizes; 100,000 pages by option")
    add("```")
    add("")
    m = meta["machine"]
    add(f"Run on {meta['date']}: {m['cores']} cores ({m['cpu']}), {m['memory_gib']:.1f} GiB of memory, "
        f"Linux {m['kernel']}; load average at the start {m['load_at_start'][0]:.2f}.")
    add("")
    add("| tool | version |")
    add("| --- | --- |")
    for name, version in meta["versions"].items():
        add(f"| {name} | {version} |")
    add("")
    add(f"Guidebook binary: `{meta['binary']}` ({meta['binary_kind']}).")
    add("")
    add("## Corpora")
    add("")
    add("Generated by `bench/generate.py` (seed %d): every front matter field, 500-1,500 words a page, H2/H3 "
        "headings, lists, task lists, tables, 3-8 relative cross-links with anchors a page, an SVG diagram in "
        "each section, a glossary, a few drafts; committed to a git repository of its own." % meta["seed"])
    add("")
    add("| pages | section folders | words | links with anchors | drafts | task lists | tables |")
    add("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        c = r["corpus"]
        add(f"| {c['pages']:,} | {c['sections']} | {c['words']:,} | {c['links']:,} | {c['drafts']} | "
            f"{c['task_lists']:,} | {c['tables']:,} |")
    for r in results:
        t = r["tools"]
        s = r["sizes"]
        add("")
        add(f"## {r['pages']:,} pages ({r['runs']} runs each, alternating)")
        add("")
        if r.get("runs_reduced"):
            add(f"Only {r['runs_reduced']}, past the run's time budget (`--budget-minutes`).")
            add("")
        add(f"Load average (1 minute) at the start and end of this corpus: {r['load'][0]:.2f}, {r['load'][1]:.2f}.")
        add("")
        add("| tool | wall median (s) | min-max (s) | CPU / wall | peak RSS (MiB) | output (MB, files) | "
            "index (MB, files) |")
        add("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        names = {"guidebook": "guidebook build", "guidebook-nosearch": "guidebook build, `search: false`", "hugo": "Hugo", "pagefind": "Pagefind (on Hugo's output)",
                 "cmark-gfm": "cmark-gfm CLI, a process a page", "cmark-gfm-lib": "libcmark-gfm, one process"}
        for key, label in names.items():
            if key not in t:
                continue
            x = t[key]
            size = s[key]
            index = ""
            if key == "guidebook":
                index = f"{mb(s['guidebook-search'][0]):.1f} ({s['guidebook-search'][1]:,})"
            elif key == "pagefind":
                index = f"{mb(s['pagefind-data'][0]):.1f} ({s['pagefind-data'][1]:,}) data"
            output = f"{mb(size[0]):.1f} ({size[1]:,})"
            add(f"| {label} | {fmt_s(x['median'])} | {fmt_s(x['min'])}-{fmt_s(x['max'])} | "
                f"{x['cpu_median'] / x['median']:.2f} | {mib(x['rss_kib']):.0f} | {output} | {index} |")
        gb = t["guidebook"]["median"]
        add("")
        add(f"Ratios (medians): guidebook / Hugo **{gb / t['hugo']['median']:.2f}**; "
            f"guidebook / (Hugo + Pagefind) **{gb / (t['hugo']['median'] + t['pagefind']['median']):.2f}**; "
            f"guidebook / cmark-gfm CLI **{gb / t['cmark-gfm']['median']:.2f}**; "
            f"guidebook / libcmark-gfm **{gb / t['cmark-gfm-lib']['median']:.2f}**.")
        if t["guidebook"].get("reported_median") is not None:
            add(f"Guidebook's own summary line says {t['guidebook']['reported_median']:.2f} s (median). "
                f"Warnings in the build: {r['warnings']}. Two clean builds gave the same bytes: "
                f"{'yes' if r['deterministic'] else 'NO'}.")
            if not r["deterministic"] and r.get("differing") is not None:
                add(f"Files that differed between the warm-up build and the last timed build: {r['differing_count']}, "
                    "e.g. " + ", ".join(f"`{p}`" for p in r["differing"][:6]) + ".")
        pairs = r.get("search_pairs") or {}
        if pairs.get("wall"):
            interval = median_interval(pairs["wall"])
            add(f"What the search index adds, in {len(pairs['wall'])} pairs of builds with and without `search: false` "
                f"run back to back: median {statistics.median(pairs['wall']) * 100:+.0f}% in wall time"
                + (f" ({interval[2] * 100:.0f}% interval {interval[0] * 100:+.0f}% to {interval[1] * 100:+.0f}%)" if interval else "")
                + f", {statistics.median(pairs['cpu']) * 100:+.0f}% in CPU time; pair by pair "
                + ", ".join(f"{p * 100:+.0f}%" for p in pairs["wall"]) + ".")
        inc = r["incremental"]
        add("")
        cache = ("Guidebook kept a build cache (`.guidebook-cache/`) between these builds." if inc.get("cache")
                 else "`guidebook build` keeps no build cache yet, so each of its rebuilds is a full build. A running `guidebook serve` shows an edit to one page's text first (that page alone, from what it kept of the last build), then does the full build.")
        add(f"Incremental, `{inc['page']}` edited and saved, then `guidebook build` into the existing output "
            f"({inc['runs']} edit{'s' if inc['runs'] > 1 else ''} of each kind{'' if inc['runs'] > 1 else ': a build takes over a minute'}), "
            f"and the same body edit under a running `guidebook serve`. {cache}")
        add("")
        add("| edit | save to rebuilt output, median (s) | min-max (s) | HTML pages written (first edit) | "
            "HTML pages that differ from the clean build | other files that differ |")
        add("| --- | ---: | ---: | ---: | ---: | ---: |")
        for kind in ("body", "title"):
            x = inc[kind]
            c = x["changed"]
            w = x.get("written") or {}
            add(f"| {kind} | {fmt_s(x['median'])} | {fmt_s(x['min'])}-{fmt_s(x['max'])} | {w.get('written', 0):,} | {c['html']:,} | {c['other']:,} |")
        sv = inc.get("serve")
        if sv and "error" not in sv:
            add(f"| body, running `guidebook serve` | {fmt_s(sv['median'])} | {fmt_s(sv['min'])}-{fmt_s(sv['max'])} | | "
                f"(its log: {sv['reported_median']:.2f} s a rebuild; peak RSS "
                f"{(sv['rss_kib'] or 0) / 1024:.0f} MiB) | |")
        elif sv:
            add(f"| body, running `guidebook serve` | {sv['error']} | | | | |")
        add("")
        add("Pages name the search manifest by a fixed name (`search/manifest.js`), so an edit changes only the "
            "pages that show what was edited, and the index files that hold it.")
        add("")
        add(f"After undoing the edits, the rebuilt site equals the clean build byte for byte: "
            f"{'yes' if inc['revert_equals_clean'] else 'NO'}.")
        q = r["query"]
        add("")
        if q and "error" in q:
            add(f"Search query measurement failed: {q['error']}")
        elif q:
            add(f"One-word search in Chromium: what the query loads (Guidebook: the search dropdown, file://; "
                f"Pagefind: `pagefind.search()` and the data of the first {SEARCH_DROPDOWN_RESULTS} results, "
                f"over http on 127.0.0.1). Guidebook's manifest, term shards and result chunks; Pagefind's "
                f"index data (entry, meta, index chunks, fragments), with its JS and WebAssembly apart.")
            add("")
            add("| query | results (guidebook / Pagefind) | guidebook KB (files) | Pagefind data KB (files) | "
                "Pagefind JS + wasm KB |")
            add("| --- | ---: | ---: | ---: | ---: |")
            for label, word in q["words"].items():
                g, p = q["guidebook"][label], q["pagefind"][label]
                add(f"| `{word}`: {label} | {g['results']:,} / {p['results']:,} | {g['bytes'] / 1000:.1f} "
                    f"({g['files']}) | {p['bytes'] / 1000:.1f} ({p['files']}) | {p['engine_bytes'] / 1000:.0f} |")
            if q.get("latency"):
                lat = q["latency"]
                add("")
                add(f"Guidebook, from the last keystroke to the results shown (typed key by key into the header search "
                    f"of the home page, file://, after a first query): median {lat['median_ms']:.1f} ms, "
                    f"max {lat['max_ms']:.1f} ms over {lat['count']} queries.")
    rows = targets(results)
    if rows:
        add("")
        add("## Targets (issue 7)")
        add("")
        add("| target | measured | |")
        add("| --- | --- | --- |")
        for name, value, ok in rows:
            add(f"| {name} | {value} | {verdict(ok)} |")
    add("")
    add("## Method")
    add("")
    add("- Each corpus: one untimed warm-up of Guidebook, Hugo and both cmark-gfm runs, then rounds in which each "
        "tool runs once, the order rotating every round. Before each run its output folder is moved aside "
        "into `bench-work/trash/` (emptied when the benchmark ends), Guidebook's `.guidebook-cache/` is deleted, "
        "and `sync` is run. Moved, not deleted: on this machine's ext4 (no journal), creating thousands of files "
        "minutes after thousands were deleted is several times slower (the kernel checks each recently deleted "
        "inode it passes), which charged each tool by the number of files it writes. Wall time is measured around the process, "
        "CPU time and peak memory (max RSS) by GNU time (`/usr/bin/time -f '%e %U %S %M'`).")
    add("- What the search index adds: after the rounds, pairs of Guidebook builds with and without `search: false` "
        "(the same guide), run back to back, which of the two goes first alternating pair by pair; the budget is "
        "the median of the pairs' own ratios, with a distribution-free confidence interval for it (order "
        "statistics). The rounds' medians are shown too, but in a round the two builds are a minute apart with "
        "other tools between them, and this machine's speed drifts by a third within minutes.")
    add("- Hugo builds the same Markdown converted only as Hugo needs it: `index.md` -> `_index.md` with "
        "`url: /SECTION/index.html`, `order` -> `weight`; every other field stays as a param. Its layouts "
        "(bench/hugo/) draw the top sections plus the current section's pages, a contents list, tags and "
        "previous/next; `uglyURLs` and `relativeURLs` are on so that the site works from disk like Guidebook's; "
        "the render-link hook turns `x.md#a` into `x.html#a` (it checks nothing, unlike Guidebook). Tag pages "
        "stay on; RSS, sitemap and robots.txt are off.")
    add("- Pagefind indexes a copy of Hugo's output (`<main data-pagefind-body>`, so navigation is not indexed); "
        "Hugo + Pagefind is the sum of their medians.")
    add("- cmark-gfm: the page bodies without front matter, with `--smart` and the table, strikethrough, "
        "autolink, tasklist and tagfilter extensions, each page to its own HTML file. The CLI runs one "
        "process a page, as many at a time as there are cores; `libcmark-gfm, one process` is "
        "bench/cmark_batch.c doing the same in one process on one core, without process start-up.")
    add("- Incremental: the time from writing the edited file to the exit of `guidebook build` whose output "
        "shows the edit (body: a sentence added to the first paragraph; title: the title changed). With its "
        "build cache, Guidebook rewrites only what a body edit changed. A title edit is a full build that keeps "
        "(as hard links to the old files) the pages whose render fingerprint did not change; a page counts as "
        "written when its inode or modification time changed, and the target is met when the pages written are "
        "exactly the pages whose bytes changed.")
    add("")
    return "\n".join(lines)


# ---------------------------------------------------------------- main

HISTORY_HEADING = "## Where the speed came from"


def write_report(path, text):
    """Writes the measured report, keeping the hand-written history section of the old file (the
    performance notes moved out of code comments), which no run measures."""
    old = path.read_text() if path.exists() else ""
    at = old.find(HISTORY_HEADING)
    if at >= 0:
        text = text.rstrip("\n") + "\n\n" + old[at:]
    path.write_text(text)


def main():
    global PAGEFIND, WORK
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="1000,10000", help="comma-separated page counts (default 1000,10000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each tool per corpus (default 5)")
    parser.add_argument("--budget-minutes", type=float, default=25,
                        help="for 10,000 pages and more, use 3 runs if 5 would take longer than this (0: never)")
    parser.add_argument("--incremental-runs", type=int, help="edits of each kind (default: runs, 3 to 5)")
    parser.add_argument("--search-pairs", type=int, default=10,
                        help="back-to-back pairs of builds with and without search, per corpus (default 10)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--binary", help="guidebook binary (default: .build/release/guidebook, else debug)")
    parser.add_argument("--work", default=str(ROOT / "bench-work"))
    parser.add_argument("--write", default=str(ROOT / "BENCHMARKS.md"), help="report file ('' to skip)")
    parser.add_argument("--skip-query", action="store_true", help="skip the search measurements in Chromium")
    parser.add_argument("--report-only", action="store_true",
                        help="only write the report again from the last run's bench-work/results.json")
    args = parser.parse_args()
    if args.report_only:
        saved = json.loads((Path(args.work) / "results.json").read_text())
        text = report(saved["results"], saved["meta"])
        text += f"\nThe whole run took {saved['meta'].get('total_minutes', 0):.1f} minutes.\n"
        write_report(Path(args.write), text)
        log(f"wrote {args.write} from {Path(args.work) / 'results.json'}")
        return

    import pagefind_bin  # from bench/.venv
    PAGEFIND = Path(pagefind_bin.__file__).parent / "pagefind"
    work = WORK = Path(args.work).resolve()
    (work / "tmp").mkdir(parents=True, exist_ok=True)
    release, debug = ROOT / ".build/release/guidebook", ROOT / ".build/debug/guidebook"
    binary = Path(args.binary).resolve() if args.binary else (release if release.exists() else debug)
    if not binary.exists():
        raise SystemExit(f"no guidebook binary at {binary}: run `swift build -c release` (make bench does)")
    kind = "release" if "/release/" in str(binary.resolve()) else "debug" if "/debug/" in str(binary.resolve()) else "?"
    sizes = [int(p) for p in args.pages.split(",") if p.strip()]
    meta = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine_info(), "seed": args.seed, "binary": str(binary.relative_to(ROOT)) if
        binary.is_relative_to(ROOT) else str(binary), "binary_kind": kind,
        "command_note": f"--pages {args.pages} --runs {args.runs}",
        "versions": {
            "guidebook": version_of([binary, "--version"]),
            "Hugo": version_of(["hugo", "version"]) + " (Debian " + debian_version("hugo") + ")",
            "Pagefind (pagefind-bin)": version_of([PAGEFIND, "--version"]),
            "cmark-gfm": version_of(["cmark-gfm", "--version"]).split(" - ")[0] + " (Debian " +
                         debian_version("cmark-gfm") + ")",
            "Chromium (search loads)": "Debian " + debian_version("chromium"),
            "cc (for bench/cmark_batch.c)": version_of(["cc", "--version"]),
            "Python": platform.python_version(),
        },
    }
    meta["command_note"] = "1,000 and 10,000 pages, 5 runs each" if args.pages == "1000,10000" else \
        f"this run: --pages {args.pages} --runs {args.runs}"
    log(f"guidebook: {binary} ({kind}); machine: {meta['machine']['cores']} cores, "
        f"{meta['machine']['memory_gib']:.1f} GiB")
    cmark_batch = build_cmark_batch(work)
    results = []
    started = args.started = time.perf_counter()
    try:
        for pages in sizes:
            results.append(bench_corpus(args, work, pages, args.runs, binary, cmark_batch))
            (work / "results.json").write_text(json.dumps({"meta": meta, "results": results}, indent=1, default=str))
    finally:
        empty_trash()
    meta["total_minutes"] = (time.perf_counter() - started) / 60
    (work / "results.json").write_text(json.dumps({"meta": meta, "results": results}, indent=1, default=str))
    text = report(results, meta)
    text += f"\nThe whole run took {meta['total_minutes']:.1f} minutes.\n"
    if args.write:
        write_report(Path(args.write), text)
        log(f"\nwrote {args.write}")
    log("\n" + text)


if __name__ == "__main__":
    main()
