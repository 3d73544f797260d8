"""Train the quotation restorer's model (``data/quotes-v1.json.gz``) from clean news, with free labels.

Every allsides-abp ``curly`` document of the dev split (``doc_split(ID) == "dev"``) is clean text with its
“ ” intact. Damaging it as the real pipelines do (``G.encode("ascii", "ignore").decode()``) deletes the
marks and tells us exactly where they were: that is the training signal. A structured averaged perceptron
(Collins 2002) learns the weights of :mod:`textfix.fixers.quotes`' span features by decoding each damaged
document with the current weights and moving them towards the true analysis.

Documents are divided by a second hash of their ID (independent of the dev/test split):

- ``heldout`` (1 in 10): never used here; for measuring (``python -m textfix.fixers.train_quotes --eval``);
- ``calib`` (1 in 10): fits the confidence calibration and chooses ``emit_min``;
- the rest: training.

Usage::

    PYTHONPATH=. python -m textfix.fixers.train_quotes [--corpora ../shared/corpora] [--docs 4000]
        [--epochs 4] [--out textfix/fixers/data/quotes-v1.json.gz]

Takes about 2-4 minutes on one core.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import os
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

from textfix.fixers import quotes as Q
from textfix.lexicon.split import doc_split


def part(doc_id: str) -> str:
    """``"heldout"``, ``"calib"`` or ``"train"`` for a dev document (a hash independent of doc_split)."""
    h = int(hashlib.sha1(("quotes-part:" + str(doc_id)).encode("utf-8")).hexdigest()[:8], 16) % 10
    return "heldout" if h == 0 else "calib" if h == 1 else "train"


def corpora_dir(arg: str | None = None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("TEXTFIX_SHARED")
    if env:
        return Path(env) / "corpora"
    return Path(__file__).resolve().parents[2].parent / "shared" / "corpora"


def iter_docs(corpora: Path, which: str, limit: int | None = None):
    """Dev-split curly allsides documents of part ``which`` (``train``, ``calib``, ``heldout``)."""
    n = 0
    with gzip.open(corpora / "allsides-abp" / "curly.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if doc_split(d["ID"]) != "dev" or part(d["ID"]) != which:
                continue
            text = d.get("content_original") or ""
            if "\u201c" not in text and "\u201d" not in text and n % 3:  # keep some quote-free docs too
                continue
            if "\u00c3\u00a2\u00c2" in text:  # the few doubly-encoded tweets (see the corpus README)
                continue
            yield d["ID"], text
            n += 1
            if limit and n >= limit:
                return


def damage(text: str) -> str:
    return text.encode("ascii", "ignore").decode()


def gold(text: str):
    """``(K, paras, gold_path)`` for clean ``text``, or None when its quotes do not parse.

    ``gold_path`` has one tuple of spans per paragraph, spans as in :func:`quotes.decode_para`. Spans the
    candidates cannot express (a mark inside a sentence after an ordinary word) are left out, together with
    any run-on chain they break.
    """
    k_chars = []
    opens, closes = set(), set()
    kp = 0
    for ch in text:
        if ch == "\u201c":
            opens.add(kp)
        elif ch == "\u201d":
            closes.add(kp)
        if ch.isascii():
            k_chars.append(ch)
            kp += 1
    K = "".join(k_chars)
    paras = Q.paragraphs(K)
    path = []
    marks_per_para = []
    # raw marks per paragraph (in document offsets), in order
    allmarks = sorted([(p, "o") for p in opens] + [(p, "c") for p in closes])
    mi = 0
    for p in paras:
        end = p.start + len(p.text)
        ms = []
        while mi < len(allmarks) and allmarks[mi][0] <= end:
            if allmarks[mi][0] >= p.start:
                ms.append(allmarks[mi])
            else:
                return None  # a mark on a blank line
            mi += 1
        marks_per_para.append(ms)
    carried = False
    raw = []  # per paragraph: list of (open_pos, close_pos_or_None)
    for p, ms in zip(paras, marks_per_para):
        spans = []
        state_open = None
        for pos, t in ms:
            if t == "o":
                if state_open is not None:
                    return None
                state_open = pos
            else:
                if state_open is None:
                    return None
                spans.append((state_open, pos))
                state_open = None
        if state_open is not None:
            spans.append((state_open, None))
        if carried and (not spans or spans[0][0] != p.start):
            return None
        carried = state_open is not None
        raw.append(spans)
    if carried:
        return None
    # map to candidate indexes; drop what the candidates cannot express
    for p, spans in zip(paras, raw):
        oidx = {p.start + o: i for i, o in enumerate(p.opens)}
        cidx = {p.start + c: i for i, c in enumerate(p.closes)}
        out = []
        for o, c in spans:
            oi = oidx.get(o)
            ci = cidx.get(c) if c is not None else None
            ok = oi is not None and (c is None or ci is not None)
            if ok and ci is not None:
                lo = sum(1 for x in p.closes if x <= p.opens[oi])
                ok = ci - lo < Q.MAX_SPAN_CLOSES and p.otok[oi] < p.ctok[ci] - 1
            out.append((oi, ci) if ok else None)
        path.append(out)
    # chains: a dropped span breaks its run-on chain; drop the rest of it backwards and forwards
    changed = True
    while changed:
        changed = False
        for i, spans in enumerate(path):
            if spans and spans[-1] is not None and spans[-1][1] is None:
                nxt = path[i + 1][0] if i + 1 < len(path) and path[i + 1] else None
                if nxt is None:
                    spans[-1] = None
                    changed = True
            if i > 0 and spans and spans[0] is not None and path[i - 1] and path[i - 1][-1] is None:
                # previous paragraph's run-on was dropped: this reopening stands alone only if it closes
                pass
    final = []
    for i, spans in enumerate(path):
        final.append(tuple(s for s in spans if s is not None))
    # consistency: a kept run-on needs a kept reopening at oi 0 of the next paragraph
    for i in range(len(final) - 1, -1, -1):
        sp = final[i]
        if sp and sp[-1][1] is None:
            nxt = final[i + 1] if i + 1 < len(final) else ()
            if not nxt or nxt[0][0] != 0 or paras[i + 1].oinfo[0][0] != "START":
                final[i] = sp[:-1]
    return K, paras, final


def path_features(paras, path):
    feats = defaultdict(int)
    carried = False
    for p, spans in zip(paras, path):
        for j, (oi, ci) in enumerate(spans):
            reopen = carried and j == 0 and oi == 0
            for f in p.ofeat[oi]:
                feats[f] += 1
            if ci is not None:
                for f in p.cfeat[ci]:
                    feats[f] += 1
            for f in Q.span_features(p.span_key(oi, ci, reopen)):
                feats[f] += 1
        carried = bool(spans) and spans[-1][1] is None
    return feats


class Averaged:
    """Averaged perceptron weights with lazy averaging (Daumé's trick)."""

    def __init__(self):
        self.w = defaultdict(float)
        self.u = defaultdict(float)  # sum of c * update
        self.c = 1

    def update(self, delta: dict):
        for f, v in delta.items():
            if v:
                self.w[f] += v
                self.u[f] += self.c * v

    def tick(self):
        self.c += 1

    def averaged(self) -> dict:
        return {f: self.w[f] - self.u[f] / self.c for f in self.w}


def prepare(docs):
    out = []
    for doc_id, text in docs:
        g = gold(text)
        if g is None:
            continue
        out.append(g)
    return out


def train(data, epochs: int, seed: int = 13):
    model = Averaged()
    rnd = random.Random(seed)
    order = list(range(len(data)))
    for ep in range(epochs):
        rnd.shuffle(order)
        errors = 0
        t0 = time.time()
        for i in order:
            K, paras, gpath = data[i]
            score, ppath, _ = Q.decode_doc(paras, Q.Scorer(model.w))
            ppath = [tuple(s) for s in ppath]
            if ppath != list(gpath):
                errors += 1
                gf = path_features(paras, gpath)
                pf = path_features(paras, ppath)
                delta = {f: gf.get(f, 0) - pf.get(f, 0) for f in set(gf) | set(pf)}
                model.update(delta)
            model.tick()
        print(f"epoch {ep + 1}: {errors}/{len(data)} documents wrong, {time.time() - t0:.0f}s", file=sys.stderr)
    return model.averaged()


def span_truth(paras, gpath):
    truth = set()
    for pi, spans in enumerate(gpath):
        for oi, ci in spans:
            truth.add((pi, oi, ci))
    return truth


def calibrate(data, weights):
    """Fit ``p = sigmoid(a*margin + b)`` on (margin, correct) of predicted spans; choose ``emit_min``."""
    model = {"weights": weights, "calib": [1.0, 0.0]}
    pts = []
    for K, paras, gpath in data:
        # truth with unreachable gold kept out is optimistic; use the raw marks instead
        truth = raw_truth(K, paras, gpath)
        for p, oi, ci, conf, reason in Q.analyse(K, model):
            margin = math.log(conf / (1 - conf)) if 0 < conf < 1 else (30.0 if conf >= 1 else -30.0)
            pi = paras.index(p) if False else None
            o = p.start + p.opens[oi]
            c = p.start + p.closes[ci] if ci is not None else None
            ok = (o, c) in truth
            pts.append((margin, ok))
    a, b = 1.0, 0.0
    lr = 0.05
    for _ in range(300):
        ga = gb = 0.0
        for m, y in pts:
            pr = Q._sigmoid(a * m + b)
            ga += (pr - y) * m
            gb += pr - y
        a -= lr * ga / max(1, len(pts))
        b -= lr * gb / max(1, len(pts))
    # emit_min: the lowest threshold whose kept spans are ≥ 98.5% right (a margin for held-out noise)
    scored = sorted(((Q._sigmoid(a * m + b), y) for m, y in pts), reverse=True)
    emit_min = 0.99
    right = 0
    for k, (pr, y) in enumerate(scored, 1):
        right += y
        if right / k >= 0.985:
            emit_min = pr
    emit_min = max(0.5, min(0.99, emit_min))
    print(f"calibration: {len(pts)} spans, {sum(y for _, y in pts)} right; a={a:.3f} b={b:.3f} emit_min={emit_min:.3f}",
          file=sys.stderr)
    return [a, b], emit_min


def raw_truth(K, paras, gpath):
    """All true spans of the document as (open offset, close offset or None), in K's offsets."""
    # recompute from the path plus unreachable ones is not needed: a predicted span is right when it is a
    # true span, and every expressible true span is in gpath
    out = set()
    for p, spans in zip(paras, gpath):
        for oi, ci in spans:
            out.add((p.start + p.opens[oi], p.start + p.closes[ci] if ci is not None else None))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora")
    ap.add_argument("--docs", type=int, default=4000)
    ap.add_argument("--calib-docs", type=int, default=600)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--min-weight", type=float, default=0.01)
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "data" / Q.MODEL_NAME))
    args = ap.parse_args(argv)
    corpora = corpora_dir(args.corpora)
    t0 = time.time()
    data = prepare(iter_docs(corpora, "train", args.docs))
    print(f"{len(data)} training documents ({time.time() - t0:.0f}s)", file=sys.stderr)
    weights = train(data, args.epochs)
    weights = {f: round(v, 3) for f, v in weights.items() if abs(v) >= args.min_weight}
    cal = prepare(iter_docs(corpora, "calib", args.calib_docs))
    calib, emit_min = calibrate(cal, weights)
    model = {
        "version": 1,
        "weights": dict(sorted(weights.items())),
        "calib": [round(calib[0], 4), round(calib[1], 4)],
        "emit_min": round(emit_min, 4),
        "trained": {
            "corpus": "allsides-abp curly.jsonl.gz, dev split (textfix.lexicon.split), part 'train'",
            "documents": len(data),
            "epochs": args.epochs,
            "calibration_documents": len(cal),
        },
    }
    raw = json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode("utf-8")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as f:
        f.write(gzip.compress(raw, mtime=0))
    print(f"wrote {args.out}: {len(weights)} weights, {os.path.getsize(args.out)} bytes, {time.time() - t0:.0f}s total",
          file=sys.stderr)


if __name__ == "__main__":
    main()
