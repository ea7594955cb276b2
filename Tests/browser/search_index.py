"""Reads the search index that `guidebook build` wrote into a site's search/ folder (README, "Search
index format"): which file holds what, so that tests can say which files a query must load."""
import bisect
import json
import re
from pathlib import Path

MANIFEST_PATH = "search/manifest.js"


def _arguments(path, function):
    """The arguments of the one Guidebook.<function>(...) call a file makes, as a list."""
    text = Path(path).read_text(encoding="utf-8").strip()
    call = f"Guidebook.{function}("
    assert text.startswith(call) and text.endswith(");"), text[:200]
    return json.loads("[" + text[len(call):-2] + "]")


def js_order(text):
    """A sort key giving JavaScript's string order (UTF-16 code units), the order of the shards."""
    return text.encode("utf-16-be")


def manifest(root):
    return _arguments(Path(root) / MANIFEST_PATH, "registerSearchManifest")[0]


def shard_file(root, i):
    return f"terms-{manifest(root)['shards'][i][1]}.js"


def shard_of(root, form):
    """The number of the term shard whose range holds form."""
    keys = [js_order(first) for first, _ in manifest(root)["shards"]]
    return bisect.bisect_right(keys, js_order(form)) - 1


def shards_spanned(root, prefix):
    """The term shards whose ranges hold forms that start with prefix."""
    firsts = [js_order(first) for first, _ in manifest(root)["shards"]]
    last = bisect.bisect_left(firsts, js_order(prefix + "\uffff")) - 1
    return list(range(shard_of(root, prefix), last + 1))


def shard_entries(root, i):
    """Term shard i's entries: per stem ["its forms in the shard", "postings", df]."""
    _, entries = _arguments(Path(root) / "search" / shard_file(root, i), "registerSearchShard")
    return entries


def shard_forms(root, i):
    """The word forms term shard i holds."""
    return [form for entry in shard_entries(root, i) for form in entry[0].split(" ")]


def shard_entry(root, form):
    """The entry of the stem that form belongs to."""
    return next(e for e in shard_entries(root, shard_of(root, form)) if form in e[0].split(" "))


def documents(root):
    """Every result the index holds, in order: [(page URL, page title, fragment, heading)]."""
    index = manifest(root)
    found = []
    for chunk in range(-(-index["docCount"] // index["chunkSize"])):
        j, place = divmod(chunk, index["directorySize"])
        directory = Path(root) / "search" / f"chunks-{j}-{index['directories'][j]}.js"
        chunk_hash = _arguments(directory, "registerSearchChunkDirectory")[1][place]
        _, pages, docs = _arguments(Path(root) / "search" / f"docs-{chunk}-{chunk_hash}.js", "registerSearchDocs")
        found += [(pages[d[0]][0], pages[d[0]][1], d[1], d[2]) for d in docs]
    return found


def max_prefix_shards(root):
    """search.js's cap on the term shards one prefix reads."""
    source = (Path(root) / "assets" / "js" / "search.js").read_text(encoding="utf-8")
    return int(re.search(r"MAX_PREFIX_SHARDS = (\d+);", source).group(1))
