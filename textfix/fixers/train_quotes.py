"""Train the quotation restorer's model (``data/quotes-v1.json.gz``) from clean news, with free labels.

Every allsides-abp ``curly`` document of the dev split (``doc_split(ID) == "dev"``) is clean text with its
“ ” intact. Damaging it as the real pipelines do (``G.encode("ascii", "ignore").decode()``) deletes the
marks and tells us exactly where they were: that is the training signal. A structured averaged perceptron
(Collins 2002) learns the weights of :mod:`textfix.fixers.quotes`' span features by decoding each damaged
document with the current weights and moving them towards the true analysis.

Documents are divided by a second hash of their ID (independent of the dev/test split):

- ``heldout`` (1 in 10): never used for training or calibration; for measuring
  (``python -m textfix.fixers.train_quotes --eval 600``, the quote class as ``shared/EVALUATION.md`` defines it);
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


def iter_docs(corpora: Path, which: str, limit: int | None = None, require_quotes: bool = True):
    """Dev-split curly allsides documents of part ``which`` (``train``, ``calib``, ``heldout``)."""
    n = 0
    with gzip.open(corpora / "allsides-abp" / "curly.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if doc_split(d["ID"]) != "dev" or part(d["ID"]) != which:
                continue
            text = d.get("content_original") or ""
            if require_quotes and "\u201c" not in text:  # most of the few quote-free documents have their quotes stripped at source
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
            if (not nxt or nxt[0][0] != 0 or paras[i + 1].oinfo[0][0] != "START"
                    or paras[i].text[-1] not in ".?!:"):
                final[i] = sp[:-1]
    return K, paras, final


def path_features(paras, path, carried=False):
    feats = defaultdict(int)
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
            b = p.ctok[ci] if ci is not None else len(p.norms)
            for t in range(p.otok[oi], b):
                if p.isword[t]:
                    feats["in:" + p.norms[t]] += 1
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
    """Structured perceptron with one update per paragraph.

    Each paragraph is decoded given its true entry state (does a quotation run in from the previous
    paragraph?); its best analysis, including whether a quotation runs on out of it, is compared with the
    true one. Per-paragraph updates converge far faster than per-document ones.
    """
    model = Averaged()
    rnd = random.Random(seed)
    items = []
    for K, paras, gpath in data:
        carried = False
        for p, spans in zip(paras, gpath):
            if p.opens and p.closes or spans or carried:
                items.append((p, tuple(spans), carried))
            carried = bool(spans) and spans[-1][1] is None
    for ep in range(epochs):
        rnd.shuffle(items)
        errors = 0
        t0 = time.time()
        for p, spans, carried in items:
            sc = Q.Scorer(model.w)
            res = Q.decode_para(p, sc, 1 if carried else 0)
            best = max(res.values(), key=lambda r: r[0])
            pred = tuple(best[1])
            if pred != spans:
                errors += 1
                gf = path_features([p], [spans], carried)
                pf = path_features([p], [pred], carried)
                model.update({f: gf.get(f, 0) - pf.get(f, 0) for f in set(gf) | set(pf)})
            model.tick()
        print(f"epoch {ep + 1}: {errors}/{len(items)} paragraphs wrong, {time.time() - t0:.0f}s", file=sys.stderr)
    return model.averaged()


def span_truth(paras, gpath):
    truth = set()
    for pi, spans in enumerate(gpath):
        for oi, ci in spans:
            truth.add((pi, oi, ci))
    return truth


def calibrate(data, weights, target: float = 0.98):
    """Fit the confidence model on predicted spans of the calibration documents; choose ``emit_min``.

    The confidence is a logistic model over :func:`quotes.calib_features` (the decoder's margin plus the
    kind of quotation). A span is right when both its marks are where the clean text had them.
    ``emit_min`` is the lowest confidence at which the kept *marks* are still ``target`` right (a wrong
    opening of an otherwise right span costs one mark), so that the restored quotes reach the project's
    precision goal.
    """
    nf = len(Q.CALIB_FEATURES)
    model = {"weights": weights, "calib": [0.0] * nf}
    pts = []  # (features, span right, marks right, marks)
    for K, paras, gpath in data:
        truth = raw_truth(K, paras, gpath)
        opens = {o for o, c in truth}
        closes = {c for o, c in truth if c is not None}
        runs = {o for o, c in truth if c is None}
        for p, oi, ci, conf, reason, x in Q.analyse(K, model, with_features=True):
            o = p.start + p.opens[oi]
            c = p.start + p.closes[ci] if ci is not None else None
            if c is None:
                marks, right = 1, int(o in runs)
            else:
                marks, right = 2, int(o in opens) + int(c in closes)
            pts.append((x, (o, c) in truth, right, marks))
    theta = newton_logistic([x for x, *_ in pts], [int(y) for _, y, _, _ in pts], nf)
    scored = sorted(((Q._sigmoid(sum(t * v for t, v in zip(theta, x))), r, k, y) for x, y, r, k in pts),
                    key=lambda z: -z[0])
    emit_min = 0.99
    right = marks = 0
    for pr, r, k, y in scored:
        right += r
        marks += k
        if right / marks >= target and marks >= 20:
            emit_min = pr
    emit_min = max(0.5, min(0.99, emit_min))
    kept = [(r, k) for pr, r, k, y in scored if pr >= emit_min]
    print(f"calibration: {len(pts)} spans, {sum(y for _, y, _, _ in pts)} right; theta="
          f"{dict(zip(Q.CALIB_FEATURES, (round(t, 2) for t in theta)))} emit_min={emit_min:.3f}: keeps "
          f"{len(kept)} spans, mark precision {sum(r for r, _ in kept) / max(1, sum(k for _, k in kept)):.4f}",
          file=sys.stderr)
    return theta, emit_min


def newton_logistic(X, y, nf, l2=1e-2, iters=30):
    """Logistic regression by Newton's method (small, dense, pure Python)."""
    theta = [0.0] * nf
    for _ in range(iters):
        g = [l2 * t for t in theta]
        H = [[(l2 if i == j else 0.0) for j in range(nf)] for i in range(nf)]
        for x, t in zip(X, y):
            pr = Q._sigmoid(sum(a * b for a, b in zip(theta, x)))
            d = pr - t
            h = max(pr * (1 - pr), 1e-9)
            for i in range(nf):
                if x[i]:
                    g[i] += d * x[i]
                    hi = h * x[i]
                    row = H[i]
                    for j in range(nf):
                        if x[j]:
                            row[j] += hi * x[j]
        step = _solve(H, g)
        theta = [t - s for t, s in zip(theta, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return theta


def _solve(A, b):
    n = len(b)
    M = [row[:] + [b[i]] for i, row in enumerate(A)]
    for c in range(n):
        piv = max(range(c, n), key=lambda r: abs(M[r][c]))
        M[c], M[piv] = M[piv], M[c]
        if abs(M[c][c]) < 1e-12:
            continue
        for r in range(n):
            if r != c and M[r][c]:
                f = M[r][c] / M[c][c]
                M[r] = [a - f * bb for a, bb in zip(M[r], M[c])]
    return [M[i][n] / M[i][i] if abs(M[i][i]) > 1e-12 else 0.0 for i in range(n)]


def raw_truth(K, paras, gpath):
    """All true spans of the document as (open offset, close offset or None), in K's offsets."""
    # recompute from the path plus unreachable ones is not needed: a predicted span is right when it is a
    # true span, and every expressible true span is in gpath
    out = set()
    for p, spans in zip(paras, gpath):
        for oi, ci in spans:
            out.add((p.start + p.opens[oi], p.start + p.closes[ci] if ci is not None else None))
    return out


def evaluate(corpora: Path, ndocs: int, pipeline: bool = False) -> dict:
    """Quote-class recall/precision on held-apart documents damaged by ``encode("ascii", "ignore")``.

    As in ``shared/EVALUATION.md``: per paragraph, fold “ ” to ``"`` in the clean text G and the output O,
    align them with difflib (autojunk off); restored = G's quotation marks matched in O, invented = ``"`` of
    O matched by nothing in G, broken = characters of the damaged text missing from O. All documents of the
    part are used, with or without quotes. ``pipeline`` runs ``textfix.fix`` (with the diagnosis gate)
    instead of the fixer alone without gate.
    """
    import difflib
    import unicodedata

    import textfix
    from textfix.changes import replay, sequential
    from textfix.config import Config
    from textfix.diagnose import diagnose
    from textfix.fixers import Context

    fold = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})
    invisible = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\ufe0f"))
    damaged = restored = invented = broken = chars = 0
    seconds = 0.0
    docs = list(iter_docs(corpora, "heldout", ndocs, require_quotes=False))
    for _, text in docs:
        G = unicodedata.normalize("NFC", text.translate(invisible))
        K = damage(G)
        chars += len(K)
        t0 = time.perf_counter()
        if pipeline:
            O = textfix.fix(K, style="typographic")
        else:
            ctx = Context(config=Config(gate=False), diagnosis=diagnose(K), text=K)
            O = replay(K, sequential(sorted(Q.propose(K, ctx), key=lambda c: (c.start, c.end))))
        seconds += time.perf_counter() - t0
        for g, o, k in zip(G.split("\n"), O.split("\n"), K.split("\n")):
            qpos = [i for i, ch in enumerate(g) if ch in "\u201c\u201d\u201e\u00ab\u00bb"]
            damaged += len(qpos)
            gf, of = g.translate(fold), o.translate(fold)
            mg, mo = set(), set()
            for a, b, n in difflib.SequenceMatcher(None, gf, of, autojunk=False).get_matching_blocks():
                mg.update(range(a, a + n))
                mo.update(range(b, b + n))
            restored += sum(1 for i in qpos if i in mg)
            invented += sum(1 for j, ch in enumerate(of) if ch == '"' and j not in mo)
            sm = difflib.SequenceMatcher(None, k, o, autojunk=False)
            broken += len(k) - sum(n for _, _, n in sm.get_matching_blocks())
    return {
        "documents": len(docs),
        "quote_damaged": damaged,
        "restored": restored,
        "invented": invented,
        "precision": round(restored / max(1, restored + invented), 4),
        "recall": round(restored / max(1, damaged), 4),
        "broken": broken,
        "MB_per_s": round(chars / max(seconds, 1e-9) / 1e6, 3),
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora")
    ap.add_argument("--docs", type=int, default=3500)
    ap.add_argument("--calib-docs", type=int, default=2000)
    ap.add_argument("--epochs", type=int, default=7)
    ap.add_argument("--min-weight", type=float, default=0.01)
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "data" / Q.MODEL_NAME))
    ap.add_argument("--eval", type=int, metavar="N", help="only measure on N held-apart documents")
    ap.add_argument("--pipeline", action="store_true", help="with --eval: run textfix.fix (gated) instead")
    ap.add_argument("--target", type=float, default=0.98, help="mark precision that emit_min must reach on calib")
    ap.add_argument("--recalibrate", action="store_true", help="keep the weights of --out, refit the calibration")
    args = ap.parse_args(argv)
    corpora = corpora_dir(args.corpora)
    t0 = time.time()
    if args.eval:
        print(json.dumps(evaluate(corpora, args.eval, args.pipeline)))
        return
    if args.recalibrate:
        with gzip.open(args.out, "rt", encoding="utf-8") as f:
            old = json.load(f)
        weights, ntrain, args.epochs = old["weights"], old["trained"]["documents"], old["trained"]["epochs"]
        data = [None] * ntrain
    else:
        data = prepare(iter_docs(corpora, "train", args.docs))
        print(f"{len(data)} training documents ({time.time() - t0:.0f}s)", file=sys.stderr)
        weights = train(data, args.epochs)
        weights = {f: round(v, 3) for f, v in weights.items() if abs(v) >= args.min_weight}
    cal = prepare(iter_docs(corpora, "calib", args.calib_docs))
    calib, emit_min = calibrate(cal, weights, args.target)
    model = {
        "version": 1,
        "weights": dict(sorted(weights.items())),
        "calib": [round(c, 4) for c in calib],
        "calib_features": list(Q.CALIB_FEATURES),
        "emit_min": round(emit_min, 4),
        "trained": {
            "corpus": "allsides-abp curly.jsonl.gz, dev split (textfix.lexicon.split), part 'train'",
            "documents": len(data),
            "epochs": args.epochs,
            "calibration_documents": len(cal),
            "calibration_target": args.target,
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
