"""Boilerplate-line benchmark: textfix against a C4-style line rule and jusText, side by side.

    TEXTFIX_SHARED=/work/shared PYTHONPATH=. python benchmarks/boilerplate.py [--quick] [--split dev|test]

Sets (EVALUATION.md, "Boilerplate lines"); the unit is one line = one paragraph:

1. ``injection``: allsides-abp articles with the titles of two *other* articles pasted between
   paragraphs, one from the same ``topic`` and one from another topic (a quarter of the documents get
   both side by side, as in the seed); half of the documents carry the seed's damage
   (``encode("ascii", "ignore")``). Pasted titles are positives; the original paragraphs keep their
   in-body labels (set 2). The document's own title is passed as ``title=``.
2. ``inbody``: other allsides-abp articles as they are. Positives are the lines that
   ``repeated_lines.tsv`` lists for the document's source and lines with a boilerplate cue
   (``SEE ALSO:``, ``Sign up``, ``REUTERS/…``, ``Write to … at …``…). Repeated lines that EVALUATION.md
   calls content (section headings such as "What’s next", quotations in round-up columns, transcript
   markers; ``train.CONTENT_LIKE``) are left out of scoring.
3. ``l3s``: L3S-GN1 pages: headline, full-text and related-content blocks in page order; related
   content is positive, headline and full text are content. Blocks with other labels (not_content,
   supplemental, comments) are left out: their status as "a line of the body" is undefined, and the
   set measures related-headline detection. The first headline block is passed as ``title=``.

``--split dev`` scores only on the ``eval`` part of dev (a second hash split, ``train.inner_split``:
one allsides document in four, one L3S page in two) that the shipped weights never saw. ``--split
test`` scores on the test split (``doc_split(id) == "test"``). ``textfix+corpus`` is corpus mode with
:class:`~textfix.boilerplate.corpus.CorpusStats` counted on the dev ``train`` part (allsides only).

On ``l3s`` a supplementary row ``textfix-related-reasons`` counts only the verdicts whose reason claims
related content (``related-headline``, ``navigation``, ``see-also``): L3S labels copyright notices, wire
credits, "Advertisement" and separator lines inside the article as full text, so textfix's correct
``copyright``/``credit``/… verdicts count as false positives in the main row. The main row is the metric.

Reported per set and system: precision and recall over positives, and the share of true content lines
dropped. Importable standalone: ``run(quick, split) -> dict`` and ``to_markdown(result) -> str``.
"""

from __future__ import annotations

import html
import random
import sys
import time
from collections import Counter
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from textfix.boilerplate import boilerplate_lines  # noqa: E402
from textfix.boilerplate import train as T  # noqa: E402
from textfix.boilerplate.corpus import CorpusStats  # noqa: E402

SEED_FILE = _ROOT / "seeds" / "000_2d5d7ecc40b0869e.txt"
SEED_PASTED = (
    "Russia-Ukraine conflict: Former UK defense minister says Vladimir Putin wants to retaliate for the end of USSR",
    "8 everyday foods you might not realise are ultra processed  and how to spot them",
)


# --- peers ----------------------------------------------------------------------------------------------

_C4_END = (".", "?", "!", '"', "'", "”", "’")
_C4_POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")


def c4_rule(lines: list[str], title: str | None = None) -> list[bool]:
    """C4's line filters (Raffel et al. 2020, §2.2): keep a line only if it ends in terminal punctuation,
    has at least 3 words, and mentions neither "javascript" nor a cookie/terms policy ("lorem ipsum"
    and "{" drop whole pages in C4; here they drop the line). True = boilerplate."""
    out = []
    for line in lines:
        s = line.strip()
        low = s.lower()
        bad = (not s.endswith(_C4_END) or len(s.split()) < 3 or "javascript" in low or "lorem ipsum" in low
               or "{" in s or any(p in low for p in _C4_POLICY))
        out.append(bad)
    return out


_JUSTEXT = None


def _justext():
    """jusText itself (the ``bench`` extra installs it with ``lxml_html_clean``, which lxml >= 5.2 needs)."""
    global _JUSTEXT
    if _JUSTEXT is None:
        try:
            import justext
        except ImportError as exc:
            raise ImportError(f"jusText is not importable ({exc}); pip install '.[bench]'") from exc
        _JUSTEXT = justext
    return _JUSTEXT


def justext_rule(lines: list[str], title: str | None = None) -> list[bool]:
    """jusText with its English stoplist on the lines wrapped as ``<p>`` paragraphs; a paragraph that it
    classifies as boilerplate (bad, incl. short/near-good resolved to bad) is boilerplate."""
    jt = _justext()
    doc = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"
    paras = jt.justext(doc, jt.get_stoplist("English"))
    out = [False] * len(lines)
    # jusText returns one paragraph per <p>, in order (it skips none that hold text)
    if len(paras) == len(lines):
        return [p.is_boilerplate for p in paras]
    norm = [" ".join(line.split()) for line in lines]
    j = 0
    for p in paras:
        t = " ".join(p.text.split())
        while j < len(norm) and norm[j] != t:
            out[j] = True  # dropped by jusText altogether
            j += 1
        if j < len(norm):
            out[j] = p.is_boilerplate
            j += 1
    for k in range(j, len(norm)):
        out[k] = True
    return out


def textfix_rule(lines: list[str], title: str | None = None, source: str | None = None, stats=None) -> list[bool]:
    flagged = {v.index for v in boilerplate_lines(lines, title=title, source=source, corpus_stats=stats)}
    return [i in flagged for i in range(len(lines))]


#: The reasons that claim "link to other content"; the others (copyright, credit, caption, separator …)
#: claim another kind of boilerplate.
RELATED_REASONS = frozenset({"related-headline", "navigation", "see-also"})


def textfix_related_rule(lines: list[str], title: str | None = None) -> list[bool]:
    """textfix's verdicts whose reason claims related content (:data:`RELATED_REASONS`). A supplementary
    row for L3S only: L3S labels copyright notices, wire credits, "Advertisement" and separator lines
    inside the article as full text (content), which EVALUATION.md calls boilerplate; this row shows
    how much of the L3S precision those lines cost. The main ``textfix`` row is the metric."""
    flagged = {v.index for v in boilerplate_lines(lines, title=title) if v.reason in RELATED_REASONS}
    return [i in flagged for i in range(len(lines))]


# --- scoring --------------------------------------------------------------------------------------------

def _new():
    return Counter()


def score(records, system, stats=None) -> dict:
    c = Counter()
    by_kind = Counter()
    kinds_total = Counter()
    fp_reasons = Counter()  # textfix only: the reason slug of each false positive
    t0 = time.perf_counter()
    for r in records:
        reasons: dict[int, str] = {}
        if system == "textfix":
            reasons = {v.index: v.reason.split(":", 1)[0] for v in boilerplate_lines(r["lines"], title=r["title"])}
            pred = [i in reasons for i in range(len(r["lines"]))]
        elif system == "textfix+corpus":
            pred = textfix_rule(r["lines"], r["title"], r["source"], stats)
        elif system == "textfix-related-reasons":
            pred = textfix_related_rule(r["lines"], r["title"])
        else:
            pred = SYSTEMS[system](r["lines"], r["title"])
        for lab, p, kind in zip(r["labels"], pred, r["kinds"]):
            if lab is None:
                continue
            if lab:
                c["tp" if p else "fn"] += 1
                kinds_total[kind] += 1
                if p:
                    by_kind[kind] += 1
            else:
                c["fp" if p else "tn"] += 1
        for i, (lab, p) in enumerate(zip(r["labels"], pred)):
            if p and lab is not None and not lab and i in reasons:
                fp_reasons[reasons[i]] += 1
    return _metrics(c) | {
        "fp_by_reason": dict(fp_reasons.most_common()),
        "recall_by_kind": {k: round(by_kind[k] / n, 4) for k, n in sorted(kinds_total.items())},
        "positives_by_kind": dict(sorted(kinds_total.items())),
        "seconds": round(time.perf_counter() - t0, 2),
    }


def _metrics(c: Counter) -> dict:
    tp, fp, fn, tn = c["tp"], c["fp"], c["fn"], c["tn"]
    return {
        "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "precision": round(tp / (tp + fp), 4) if tp + fp else None,
        "recall": round(tp / (tp + fn), 4) if tp + fn else None,
        "content_dropped": round(fp / (fp + tn), 5) if fp + tn else None,
    }


SYSTEMS = {"textfix": textfix_rule, "c4": c4_rule, "justext": justext_rule}


def seed_check() -> dict:
    if not SEED_FILE.exists():
        return {"skipped": "seed file not found"}
    lines = SEED_FILE.read_text(encoding="utf-8").split("\n")
    title = lines[3]
    body = [t for t in lines[4:] if t.strip()]
    verdicts = boilerplate_lines(body, title=title)
    found = {body[v.index].strip() for v in verdicts}
    pasted = {" ".join(p.split()) for p in SEED_PASTED}
    return {
        "pasted_found": sum(1 for b in found if " ".join(b.split()) in pasted),
        "pasted_total": len(pasted),
        "content_dropped": sum(1 for b in found if " ".join(b.split()) not in pasted),
        "content_total": len(body) - len(pasted),
        "verdicts": [(v.index, v.reason, v.score) for v in verdicts],
    }


def build_sets(quick: bool, split: str):
    rng = random.Random(11)
    part = "eval" if split == "dev" else None
    docs = list(T.iter_allsides(split, part))
    rng.shuffle(docs)
    if quick:
        docs = docs[:500]
    half = len(docs) // 2
    # the injection pool: titles come from the same evaluation documents (never from training ones)
    inj = T.injected_docs(docs[:half], seed=5, damage_share=0.5)
    inb = T.inbody_docs(docs[half:])
    l3s = T.l3s_docs(split, part)
    return {"injection": inj, "inbody": inb, "l3s": l3s}


def run(quick: bool, split: str = "dev") -> dict:
    """Build the sets from ``split`` (dev: its held-back eval part), run every system, return metrics."""
    if split not in ("dev", "test"):
        raise ValueError("split must be 'dev' or 'test'")
    t0 = time.perf_counter()
    sets = build_sets(quick, split)
    stats = CorpusStats()
    train_docs = list(T.iter_allsides("dev", "train"))
    if quick:
        train_docs = train_docs[:3000]
    for d in train_docs:
        stats.add_document(T.paragraphs(d), d["source"])
    result = {"split": split, "quick": quick, "sets": {}, "sizes": {}}
    for name, recs in sets.items():
        result["sizes"][name] = {"docs": len(recs), "lines": sum(1 for r in recs for lab in r["labels"] if lab is not None),
                                 "positives": sum(1 for r in recs for lab in r["labels"] if lab)}
        systems = list(SYSTEMS) + (["textfix+corpus"] if name != "l3s" else ["textfix-related-reasons"])
        result["sets"][name] = {s: score(recs, s, stats) for s in systems}
    # the target set: injection plus real in-body boilerplate together
    comb = {}
    for s in list(SYSTEMS) + ["textfix+corpus"]:
        c = Counter()
        for name in ("injection", "inbody"):
            m = result["sets"][name][s]
            c.update({k: m[k] for k in ("tp", "fp", "fn", "tn")})
        comb[s] = _metrics(c)
    result["sets"]["injection+inbody"] = comb
    result["seed"] = seed_check()
    result["seconds"] = round(time.perf_counter() - t0, 1)
    return result


def to_markdown(result: dict) -> str:
    out = [f"## Boilerplate lines ({result['split']} split{', quick' if result['quick'] else ''})", ""]
    out.append("| set | system | precision | recall | content dropped | TP | FP | FN |")
    out.append("|---|---|---|---|---|---|---|---|")
    for name, systems in result["sets"].items():
        for s, m in systems.items():
            cd = m["content_dropped"]
            out.append(f"| {name} | {s} | {m['precision']} | {m['recall']} | {cd * 100 if cd is not None else None:.2f}% "
                       f"| {m['tp']} | {m['fp']} | {m['fn']} |")
    out.append("")
    for name, systems in result["sets"].items():
        rk = systems.get("textfix", {}).get("recall_by_kind")
        if rk:
            out.append(f"- {name}: textfix recall by kind {rk} (positives {systems['textfix']['positives_by_kind']})")
        fr = systems.get("textfix", {}).get("fp_by_reason")
        if fr:
            out.append(f"- {name}: textfix false positives by reason {fr}")
    sizes = ", ".join(f"{k}: {v['docs']} docs / {v['lines']} lines / {v['positives']} positives" for k, v in result["sizes"].items())
    out.append(f"- sizes: {sizes}")
    sd = result["seed"]
    if "pasted_found" in sd:
        out.append(f"- seed: pasted headlines found {sd['pasted_found']}/{sd['pasted_total']}, "
                   f"real paragraphs dropped {sd['content_dropped']}/{sd['content_total']}")
    out.append(f"- run time {result['seconds']} s")
    return "\n".join(out)


if __name__ == "__main__":
    import argparse
    import json

    ap = argparse.ArgumentParser(description="boilerplate-line benchmark")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--split", default="dev", choices=("dev", "test"))
    ap.add_argument("--json", help="also write the result as JSON here")
    a = ap.parse_args()
    res = run(a.quick, a.split)
    print(to_markdown(res))
    if a.json:
        Path(a.json).write_text(json.dumps(res, indent=1))
