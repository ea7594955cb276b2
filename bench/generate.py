#!/usr/bin/env python3
"""Generates a synthetic Guidebook guide: deterministic for a seed and a page count.

    python3 bench/generate.py --pages 1000 --seed 7 --out bench-work/corpus-1000

The guide is shaped like the real one in content/: a home page, a glossary (`glossary: true`), 20-50
section folders (each with index.md and a small SVG diagram), and pages with every front matter field,
500-1,500 words of pseudo-English, H2/H3 headings, lists, a task list on most pages, a table on some,
3-8 relative cross-links to headings that exist (ids by the README's rule), `related:` on some, an image
on some and a few drafts that nothing links to. `guidebook build` must build it with no errors.

Only the standard library; the same seed and page count give the same bytes.
"""
import argparse
import bisect
import json
import os
import posixpath
import random
import shutil
import string
import sys
import unicodedata

GENERATOR_VERSION = 3
SHARED_RULES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Tests", "Fixtures", "rules", "cases.json")

# Common English words (function words and the vocabulary of council guidance) carry most of the text;
# a long tail of generated pseudo-words with English endings makes the vocabulary grow with the corpus.
FUNCTION_WORDS = """the of and to a in that is for it as with be on by this are or from at an which
have not they will their can more was all one has when also who but about there if these been its
other so what some into only them should would any may each most such must how where those than
through between before after while both every over within without whether because during across""".split()

DOMAIN_WORDS = """service services council team teams manager managers agency agencies practitioner
practitioners partnership partners child children young people family families school schools health
social care support plan plans planning review reviews assessment outcome outcomes staff staffing
training supervision budget funding governance steering group board meeting meetings information
sharing consent record records case cases referral referrals panel panels community communities local
national guidance policy policies procedure procedures risk risks safeguarding worker workers
professional professionals role roles responsibility responsibilities leadership change culture
vision strategy strategic commissioning contract contracts evaluation monitoring data evidence report
reports progress target targets priority priorities resource resources office offices location
building premises equipment system systems process processes agreement agreements protocol protocols
line management appraisal performance development career retention recruitment secondment terms
conditions pay leave sickness induction mentoring coaching learning skills knowledge practice
practices approach approaches model models pilot project projects programme programmes stakeholder
stakeholders parent parents carer carers education housing police youth offending voluntary sector
volunteers budget costs savings quality standard standards inspection audit complaint complaints
feedback survey consultation engagement participation involvement communication communications
newsletter website intranet email telephone visit visits home homes contact contacts network networks
forum forums workshop workshops event events session sessions course courses induction handbook
template templates checklist checklists form forms document documents folder shared drive access
security confidentiality privacy protection retention archive deadline deadlines timetable schedule
month months week weeks year years quarter annual daily regular early late first second third next
last new current previous future clear simple practical useful important key main common shared
joint multi integrated different similar specific general formal informal written agreed approved
local regional senior junior lead leading named responsible accountable available appropriate
effective efficient consistent flexible realistic relevant timely open honest fair safe secure""".split()

VERB_WORDS = """agree agrees agreed agreeing check checks checked checking decide decides decided deciding
make makes made making take takes took taking give gives gave giving keep keeps kept keeping set sets
setting meet meets met meeting work works worked working share shares shared sharing plan plans
planned record records recorded recording review reviews reviewed reviewing support supports
supported supporting involve involves involved involving develop develops developed developing
improve improves improved improving manage manages managed managing lead leads led explain explains
explained explaining ask asks asked asking help helps helped helping report reports reported reporting
arrange arranges arranged arranging identify identifies identified identifying consider considers
considered considering ensure ensures ensured ensuring provide provides provided providing include
includes included including offer offers offered offering measure measures measured measuring""".split()

STOPWORDS = set(FUNCTION_WORDS)

ONSETS = ["b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br", "cl", "cr",
          "dr", "fl", "gr", "pl", "pr", "sc", "sh", "st", "str", "th", "tr", "ch", "sp", "qu"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ee", "io", "ou", "oa"]
CODAS = ["", "", "n", "r", "l", "s", "t", "m", "nd", "nt", "st", "rt", "ct", "ll", "ss", "rn"]
ENDINGS = ["", "s", "ed", "ing", "er", "ers", "ation", "ations", "ment", "ments", "ly", "ness", "ity", "al",
           "ive", "able", "ise", "ised", "ising", "ance"]

OWNERS = ["Children's Services Development Team", "Early Help Hub", "Youth Justice Service",
          "Family Support Team", "Workforce Development Unit", "Safeguarding Partnership Office",
          "Integrated Commissioning Team", "Schools Improvement Service", "Housing Options Team",
          "Adult Social Care Quality Team", "Information Governance Office", "Public Health Team",
          "Corporate Policy Unit", "Locality Team North", "Locality Team South",
          "guides@example.council", "intranet-editors@example.council", "hr.advice@example.council"]

GLOSSARY_PHRASES = ["lead professional", "team around the family", "common assessment", "key worker",
                    "early help", "information sharing agreement", "steering group", "case conference",
                    "named practitioner", "service level agreement", "locality team", "virtual school",
                    "transition plan", "outcome measure", "single point of access", "multi-agency panel"]

HEADING_PATTERNS = ["{W} and {w}", "How to {v} the {w}", "{W} {w}", "Planning {w} {w}", "When to {v} {w}",
                    "Who {v}s the {w}?", "{W}: what to {v}", "The {w} {w}", "{W} for {w} {w}",
                    "Keeping {w} {w}", "{W}, {w} and {w}", "Before you {v}", "{W} in practice",
                    "Working with {w}", "{W} {w} checklist", "Common {w} questions"]

YAML_PLAIN = set(string.ascii_letters + string.digits + " -")


def heading_id(text):
    """The README's rule, as Swift's HeadingIDGenerator.slug has it: lowercased a character at a time
    (no final sigma); letters and digits of any script kept, each with the marks that follow it; each
    run of white space, hyphens and underscores becomes one '-'; all other characters dropped.
    Checked against the shared table (check_shared_rules)."""
    out = []
    pending = False
    keeping = False  # whether the current character (a letter or digit and its marks) is kept
    for ch in "".join(c.lower() for c in text):
        if unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch == "\u200d" or "\U0001f3fb" <= ch <= "\U0001f3ff":
            if keeping:
                out.append(ch)
            continue
        keeping = ch.isalnum()
        if keeping:
            if pending and out:
                out.append("-")
            pending = False
            out.append(ch)
        elif ch in "-_" or (ch.isspace() and ch not in "\x1c\x1d\x1e\x1f"):
            pending = True
    return "".join(out)


def check_shared_rules():
    """heading_id and IDs against the cases every implementation of the rule checks
    (Tests/Fixtures/rules/cases.json): links into the corpus must use the ids Guidebook makes."""
    with open(SHARED_RULES, encoding="utf-8") as f:
        table = json.load(f)
    wrong = [f"heading_id({case['input']!r}) gave {heading_id(case['input'])!r}, not {case['expected']!r}"
             for case in table["slug"] if heading_id(case["input"]) != case["expected"]]
    for case in table["ids"]:
        ids = IDs()
        got = [ids.add(text) for text in case["input"]]
        if got != case["expected"]:
            wrong.append(f"IDs for {case['input']!r} gave {got!r}, not {case['expected']!r}")
    if wrong:
        sys.exit(f"bench/generate.py: the heading-id rule differs from {SHARED_RULES}:\n  " + "\n  ".join(wrong))


class IDs:
    """Unique heading ids within a page: a repeated id gets -2, -3."""

    def __init__(self):
        self.used = set()

    def add(self, text):
        base = heading_id(text) or "section"
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


class Vocabulary:
    """Real words for the head of the distribution, then a long tail of pseudo-word stems, each used
    with English endings (plan, plans, planned, planning), so that stemming has work to do."""

    def __init__(self, seed, size):
        rng = random.Random(f"vocabulary-{seed}")
        seen = set(FUNCTION_WORDS) | set(DOMAIN_WORDS) | set(VERB_WORDS)
        stems = []
        while len(stems) < size:
            stem = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(rng.choice([1, 1, 2, 2, 3])))
            stem += rng.choice(CODAS)
            if 4 <= len(stem) <= 11 and stem not in seen:
                seen.add(stem)
                stems.append(stem)
        self.stems = stems
        self.words = FUNCTION_WORDS + DOMAIN_WORDS + VERB_WORDS + stems
        self.real = len(self.words) - len(stems)
        self.cum = []
        total = 0.0
        for rank in range(len(self.words)):
            total += 1.0 / (rank + 1) ** 1.05
            self.cum.append(total)
        self.total = total
        self.content = DOMAIN_WORDS + stems[: size // 8]
        self.verbs = [v for v in VERB_WORDS if not v.endswith(("s", "ed", "ing"))]

    def sample(self, rng, k):
        cum, words, total, real = self.cum, self.words, self.total, self.real
        out = []
        for _ in range(k):
            i = bisect.bisect(cum, rng.random() * total)
            if i >= len(words):
                i = len(words) - 1
            word = words[i]
            if i >= real:
                word += ENDINGS[int(len(ENDINGS) * rng.random() ** 1.5)]
            out.append(word)
        return out

    def content_word(self, rng):
        # Headings and titles: mostly domain words, sometimes a pseudo-word.
        if rng.random() < 0.75:
            return rng.choice(DOMAIN_WORDS)
        return self.content[int(len(self.content) * rng.random() ** 2)]


class Generator:
    def __init__(self, pages, seed):
        self.pages_wanted = pages
        self.seed = seed
        self.rng = random.Random(f"guide-{seed}-{pages}")
        self.vocab = Vocabulary(seed, 20000)

    # ---------- text ----------
    def words(self, k):
        return self.vocab.sample(self.rng, k)

    def sentence(self, extra_terms=()):
        rng = self.rng
        n = rng.randint(8, 24)
        ws = self.words(n)
        if extra_terms and rng.random() < 0.5:
            ws.insert(rng.randrange(len(ws)), rng.choice(extra_terms))
        if n > 12 and rng.random() < 0.4:
            ws[rng.randrange(3, n - 3)] += ","
        if rng.random() < 0.08:
            i = rng.randrange(1, len(ws))
            ws[i] = f"**{ws[i].rstrip(',')}**"
        elif rng.random() < 0.05:
            i = rng.randrange(1, len(ws))
            ws[i] = f"*{ws[i].rstrip(',')}*"
        text = " ".join(ws).rstrip(",")
        return text[0].upper() + text[1:] + "."

    def paragraph(self, budget):
        sentences, used = [], 0
        while used < budget:
            s = self.sentence(self.glossary_terms)
            sentences.append(s)
            used += s.count(" ") + 1
        return " ".join(sentences), used

    def title_case(self, text):
        return text[0].upper() + text[1:]

    def heading_text(self):
        rng = self.rng
        pattern = rng.choice(HEADING_PATTERNS)
        out = []
        for part in pattern.replace("{", "\0{").split("\0"):
            if part.startswith("{W}"):
                out.append(self.title_case(self.vocab.content_word(rng)) + part[3:])
            elif part.startswith("{w}"):
                out.append(self.vocab.content_word(rng) + part[3:])
            elif part.startswith("{v}"):
                out.append(rng.choice(self.vocab.verbs) + part[3:])
            else:
                out.append(part)
        return self.title_case("".join(out))

    def title(self):
        rng = self.rng
        n = rng.randint(2, 5)
        ws = [self.vocab.content_word(rng) for _ in range(n)]
        if rng.random() < 0.3:
            ws.insert(rng.randint(1, n - 1), rng.choice(["and", "for", "in", "with", "or"]))
        text = self.title_case(" ".join(ws))
        if rng.random() < 0.1:
            text += "?"
        return text

    # ---------- structure ----------
    def plan(self):
        rng = self.rng
        n = self.pages_wanted
        self.glossary_terms = []
        abbreviations = set()
        while len(abbreviations) < 24:
            abbreviations.add("".join(rng.choice(string.ascii_uppercase) for _ in range(rng.randint(3, 5))))
        self.glossary = sorted(abbreviations) + GLOSSARY_PHRASES
        self.glossary_terms = sorted(abbreviations) + GLOSSARY_PHRASES

        # Section folders: 20 for 1,000 pages up to 50 for 10,000; past that, subsections keep each
        # folder to about 250 pages, so the navigation (top sections + the current section's pages)
        # stays the same shape.
        top = max(20, min(50, round(n / 200)))
        pages_left = n - 2 - top  # home, glossary, section indexes
        sections = []
        used_slugs = {"glossary", "index", "assets", "search", "tags", "status", "checklists"}
        for s in range(top):
            sections.append(self.new_section("", used_slugs))
        per_top = [pages_left // top + (1 if i < pages_left % top else 0) for i in range(top)]
        leaves = []
        for section, count in zip(sections, per_top):
            if count > 300:
                subs = (count + 249) // 250
                sub_used = set()
                children = [self.new_section(section["dir"], sub_used) for _ in range(subs)]
                section["children"] = children
                count -= subs
                for j, child in enumerate(children):
                    leaves.append((child, count // subs + (1 if j < count % subs else 0)))
            else:
                leaves.append((section, count))
        self.sections = sections
        self.all_sections = [s for top_s in sections for s in [top_s] + top_s.get("children", [])]

        # Pages: home, glossary, section indexes, then leaf pages.
        self.pages = []
        self.add_page("index.md", "Synthetic council guide", kind="home")
        self.add_page("glossary.md", "Glossary", kind="glossary")
        for order, s in enumerate(self.all_sections, 1):
            s["index"] = self.add_page(posixpath.join(s["dir"], "index.md"), s["title"], kind="section",
                                       section=s, order=order)
        for s, count in leaves:
            used = {"index"}
            for order in range(1, count + 1):
                title = self.title()
                slug = self.unique_slug(heading_id(title)[:60].strip("-") or "page", used)
                self.add_page(posixpath.join(s["dir"], slug + ".md"), title, kind="page", section=s,
                              order=order)
        for page in self.pages:
            page["draft"] = page["kind"] == "page" and rng.random() < 0.01
            self.plan_headings(page)
        self.linkable = [p for p in self.pages if not p["draft"]]
        self.by_section = {}
        for p in self.linkable:
            if p["kind"] == "page":
                self.by_section.setdefault(p["section"]["dir"], []).append(p)

    def unique_slug(self, slug, used):
        candidate, n = slug, 1
        while candidate in used:
            n += 1
            candidate = f"{slug}-{n}"
        used.add(candidate)
        return candidate

    def new_section(self, parent, used):
        title = self.title().rstrip("?")
        slug = self.unique_slug(heading_id(title)[:40].strip("-"), used)
        return {"title": title, "dir": posixpath.join(parent, slug) if parent else slug,
                "svg": f"{slug}-diagram.svg", "children": []}

    def add_page(self, path, title, kind, section=None, order=1):
        page = {"path": path, "title": title, "kind": kind, "section": section, "order": order}
        self.pages.append(page)
        return page

    def plan_headings(self, page):
        rng = self.rng
        ids = IDs()
        headings = []  # (level, text, id)
        if page["kind"] == "glossary":
            for term in self.glossary:
                headings.append((2, term[0].upper() + term[1:] if " " in term else term, None))
        else:
            for _ in range(rng.randint(3, 6)):
                headings.append((2, self.heading_text(), None))
                for _ in range(rng.choice([0, 0, 1, 1, 2])):
                    headings.append((3, self.heading_text(), None))
            if rng.random() < 0.15:
                # A repeated heading: its second id gets "-2".
                headings.append((3, "Further reading", None))
                headings.insert(1, (3, "Further reading", None))
        page["headings"] = [(level, text, ids.add(text)) for level, text, _ in headings]
        page["ids"] = ids

    # ---------- writing ----------
    def link_to(self, source, target, anchor=True):
        rel = posixpath.relpath(target["path"], posixpath.dirname(source["path"]) or ".")
        if anchor and target["headings"]:
            _, _, hid = self.rng.choice(target["headings"])
            return f"{rel}#{hid}"
        return rel

    def front_matter(self, page):
        rng = self.rng
        lines = ["---", f"title: {yaml_str(page['title'])}"]
        summary = self.sentence()
        lines.append(f"summary: {yaml_str(summary)}")
        lines.append(f"order: {page['order']}")
        tags = sorted({self.tag() for _ in range(rng.randint(2, 5))})
        lines.append("tags: [" + ", ".join(tags) + "]")
        if page["draft"]:
            lines.append("draft: true")
        lines.append(f"owner: {yaml_str(rng.choice(OWNERS))}")
        lines.append(f"review_by: {rng.randint(2030, 2032)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        if page["kind"] == "page" and not page["draft"] and rng.random() < 0.25:
            related = []
            for _ in range(rng.randint(1, 2)):
                target = rng.choice(self.linkable)
                if target is not page and target["kind"] != "home":
                    related.append(self.link_to(page, target, anchor=False))
            if related:
                lines.append("related: [" + ", ".join(sorted(set(related))) + "]")
        if page["kind"] == "glossary":
            lines.append("glossary: true")
        lines.append("---")
        return "\n".join(lines) + "\n"

    def tag(self):
        rng = self.rng
        if not hasattr(self, "_tags"):
            trng = random.Random(f"tags-{self.seed}")
            tags = set()
            while len(tags) < 150:
                w = trng.choice(DOMAIN_WORDS)
                tags.add(w if trng.random() < 0.8 else w + " " + trng.choice(DOMAIN_WORDS))
            self._tags = sorted(tags)
        return self._tags[int(len(self._tags) * rng.random() ** 2)]

    def cross_links(self, page):
        """3-8 links with anchors: mostly within the section, some anywhere, some to the glossary."""
        rng = self.rng
        links = []
        siblings = self.by_section.get(page["section"]["dir"], []) if page["section"] else []
        for _ in range(rng.randint(3, 8)):
            r = rng.random()
            if r < 0.55 and len(siblings) > 1:
                target = rng.choice(siblings)
            elif r < 0.62:
                target = self.glossary_page
            elif r < 0.7 and page["section"]:
                target = page["section"]["index"]
            else:
                target = rng.choice(self.linkable)
            if target is page:
                target = self.home
            links.append((target, self.link_to(page, target)))
        return links

    def body(self, page):
        rng = self.rng
        out = []
        words_target = rng.randint(430, 1330)  # lands at about 500-1,500 words with the extras
        words = 0
        intro, n = self.paragraph(rng.randint(40, 90))
        out.append(intro)
        words += n
        links = self.cross_links(page) if page["kind"] != "glossary" else []
        headings = page["headings"]
        task_list_at = rng.randrange(len(headings)) if (rng.random() < 0.8 and page["kind"] != "glossary") else -1
        table_at = rng.randrange(len(headings)) if (rng.random() < 0.25 and page["kind"] != "glossary") else -1
        image_at = 0 if page["kind"] == "section" else (
            rng.randrange(len(headings)) if rng.random() < 0.2 and page["section"] else -1)
        for i, (level, text, _) in enumerate(headings):
            out.append("#" * level + " " + text)
            if page["kind"] == "glossary":
                out.append(f"{self.definition(text)} " + self.paragraph(rng.randint(15, 40))[0])
                continue
            budget = (words_target - words) // (len(headings) - i)
            block = []
            while budget > 15 or not block:
                if rng.random() < 0.2 and budget > 30:
                    items = []
                    for _ in range(rng.randint(3, 6)):
                        s = self.sentence()
                        items.append(s)
                        budget -= s.count(" ") + 1
                        words += s.count(" ") + 1
                    marker = "1." if rng.random() < 0.3 else "-"
                    block.append("\n".join(f"{marker} {s}" for s in items))
                else:
                    p, n = self.paragraph(max(10, min(budget, rng.randint(40, 110))))
                    if links:
                        target, href = links.pop()
                        label = " ".join(self.words(rng.randint(2, 4)))
                        p += f" See [{label}]({href})."
                    block.append(p)
                    budget -= n
                    words += n
            if i == task_list_at:
                items = [self.sentence() for _ in range(rng.randint(4, 9))]
                words += sum(s.count(" ") + 1 for s in items)
                block.insert(rng.randint(0, len(block)), "\n".join(f"- [ ] {s}" for s in items))
            if i == table_at:
                block.insert(rng.randint(0, len(block)), self.table())
            if i == image_at:
                svg = page["section"]["svg"]
                rel = posixpath.relpath(posixpath.join(page["section"]["dir"], svg),
                                        posixpath.dirname(page["path"]) or ".")
                block.insert(rng.randint(0, len(block)), f"![Diagram: {page['section']['title'].lower()}]({rel})")
            out.extend(block)
        for target, href in links:  # any left over
            out.append(f"Related reading: [{target['title']}]({href}).")
        if page["kind"] == "home":
            out.append("## Sections\n\n" + "\n".join(
                f"- [{s['title']}]({s['dir']}/index.md)" for s in self.sections))
        if page["kind"] == "section" and page["section"]["children"]:
            out.append("## In this section\n\n" + "\n".join(
                f"- [{c['title']}]({posixpath.basename(c['dir'])}/index.md)" for c in page["section"]["children"]))
        if rng.random() < 0.1:
            out.append(f"Contact the team by [email](mailto:guides@example.council) or read the "
                       f"[national guidance](https://www.example.gov.uk/guidance/{rng.randint(100, 999)}).")
        return "\n\n".join(out) + "\n"

    def definition(self, term):
        words = " ".join(self.words(self.rng.randint(8, 16)))
        return f"{term}: {words}."

    def table(self):
        rng = self.rng
        cols = rng.randint(2, 4)
        head = [self.title_case(self.vocab.content_word(rng)) for _ in range(cols)]
        rows = ["| " + " | ".join(head) + " |", "|" + "|".join([" --- "] * cols) + "|"]
        for _ in range(rng.randint(3, 8)):
            rows.append("| " + " | ".join(" ".join(self.words(rng.randint(1, 5))) for _ in range(cols)) + " |")
        return "\n".join(rows)

    def svg(self, section, index):
        rng = random.Random(f"svg-{self.seed}-{index}")
        shapes = []
        for i in range(rng.randint(3, 6)):
            x, y = 20 + i * 60, rng.randint(20, 80)
            shapes.append(f'<rect x="{x}" y="{y}" width="50" height="{rng.randint(20, 60)}" fill="#{rng.randint(0, 0xffffff):06x}"/>')
        title = section["title"].replace("&", "and").replace("<", "")
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="160" viewBox="0 0 400 160" '
                f'role="img" aria-label="{title}">\n<title>{title}</title>\n' + "\n".join(shapes) + "\n</svg>\n")

    def write(self, out_dir):
        rng = self.rng
        self.plan()
        self.home = self.pages[0]
        self.glossary_page = self.pages[1]
        content = os.path.join(out_dir, "content")
        os.makedirs(content)
        with open(os.path.join(out_dir, "guidebook.yml"), "w") as f:
            f.write('title: "Synthetic guide: benchmark corpus"\norganisation: Benchmark Council\n'
                    "language: en-GB\ntheme: default\nid: bench\n"
                    "edit_url: https://git.example.council/guides/bench/-/edit/main/\n"
                    "defaults:\n  owner: Benchmark Team\n  review_months: 12\n")
        for i, s in enumerate(self.all_sections):
            os.makedirs(os.path.join(content, s["dir"]), exist_ok=True)
            with open(os.path.join(content, s["dir"], s["svg"]), "w") as f:
                f.write(self.svg(s, i))
        stats = {"pages": 0, "words": 0, "links": 0, "sections": len(self.all_sections),
                 "top_sections": len(self.sections), "drafts": 0, "task_lists": 0, "tables": 0}
        for page in self.pages:
            text = self.front_matter(page) + "\n" + self.body(page)
            stats["pages"] += 1
            stats["drafts"] += page["draft"]
            stats["words"] += len(text.split())
            stats["links"] += text.count(".md#")
            stats["task_lists"] += "\n- [ ] " in text
            stats["tables"] += "\n| --- |" in text or " --- |" in text
            with open(os.path.join(content, page["path"]), "w") as f:
                f.write(text)
        return stats


def yaml_str(text):
    if set(text) <= YAML_PLAIN and text[0] not in "- " and not text[0].isdigit():
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="number of Markdown pages (at least 100)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True, help="project folder to create (replaced if it exists)")
    args = parser.parse_args(argv)
    check_shared_rules()
    if args.pages < 100:
        parser.error("--pages must be at least 100")
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    stats = Generator(args.pages, args.seed).write(args.out)
    stats["seed"] = args.seed
    stats["generator_version"] = GENERATOR_VERSION
    with open(os.path.join(args.out, "corpus.json"), "w") as f:
        json.dump(stats, f, indent=1, sort_keys=True)
    print(json.dumps(stats, sort_keys=True))


if __name__ == "__main__":
    sys.exit(main())
