"""Train the quotation restorer's model (``data/quotes-v5.msgpack.gz``) from clean news, with free labels.

Every allsides-abp ``curly`` document of the dev split (``doc_split(ID) == "dev"``) is clean text with its
“ ” intact. Damaging it as the real pipelines do (``G.encode("ascii", "ignore").decode()``) deletes the
marks and tells us exactly where they were: that is the training signal. The candidate spans of
:mod:`textfix.fixers.quotes` are generated on the damaged text; a span is a positive example when both of
its marks stand where the clean text had them. A logistic regression (sparse features, AdaGrad SGD with L2,
pure Python) learns their weights.

Documents are divided by a second hash of their ID (independent of the dev/test split):

- ``heldout`` (1 in 10): never used for training or calibration; for measuring
  (``python -m textfix.fixers.train_quotes --eval 600``, the quote class as ``shared/EVALUATION.md`` defines it);
- ``calib`` (3 in 10; 1 in 10 up to quotes-v2): fits the context model and chooses ``emit_min``, the lowest
  probability at which the emitted *marks* are still ``--target`` right (more calibration documents make the
  confidence bound tighter, so ``emit_min`` can sit closer to the true 98% point);
- the rest: training.

Usage::

    TEXTFIX_SHARED=/path/to/shared PYTHONPATH=. python -m textfix.fixers.train_quotes [--docs 6000]
        [--epochs 6] [--out textfix/fixers/data/quotes-v5.msgpack.gz]
    PYTHONPATH=. python -m textfix.fixers.train_quotes --convert-from OLD [--out F]   # no training

Takes a few minutes on one core. ``--convert-from`` rewrites a model file (v4's ``.json.gz`` too) in the
current format (:func:`textfix.fixers.quotes.model_bytes`), the model unchanged.
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
    return "heldout" if h == 0 else "calib" if h <= 3 else "train"


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
            if require_quotes and "\u201c" not in text:  # most quote-free documents had their quotes stripped at source
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
    """``(K, marks, para_of)``: the damaged text and the offsets into K where its “ and ” stood.

    The corpus sometimes writes ” for an opening mark; the benchmark folds both to ``"`` and scores
    positions only, so the direction is ignored here too.
    """
    k_chars = []
    marks = set()
    kp = 0
    for ch in text:
        if ch in "\u201c\u201d":
            marks.add(kp)
        if ch.isascii():
            k_chars.append(ch)
            kp += 1
    return "".join(k_chars), marks


def right_span(marks, o: int, c: int) -> bool:
    """A span is right when both its marks stood in the clean text and no other mark stood between them."""
    if o not in marks or c not in marks:
        return False
    return not any(o < m < c for m in marks)


def examples(text: str):
    """``(features, label)`` of every candidate span of one clean document."""
    K, marks = gold(text)
    out = []
    for p in Q.paragraphs(K):
        for o, c, f in p.spans:
            out.append((f, right_span(marks, p.start + o, p.start + c)))
    return out


def build_llr(corpora: Path, ndocs: int, min_count: int = 30, alpha: float = 1.0) -> dict:
    """``{word: log-odds}``: how much likelier each word (``[A-Za-z]+``, apostrophes dropped, lower-cased,
    as :meth:`quotes.Para` splits them) is inside a quotation than outside it, over the clean ``train``
    documents (inside: between a “ or ” and the next one on the same line), add-``alpha`` smoothed, for the
    words seen at least ``min_count`` times, rounded to 0.01."""
    import re

    words = re.compile(r"[A-Za-z]+")
    marks = re.compile("[\u201c\u201d]")
    cin: dict = defaultdict(int)
    cout: dict = defaultdict(int)
    for _, text in iter_docs(corpora, "train", ndocs):
        for line in text.split("\n"):
            line = line.replace("'", "").replace("\u2019", "")
            for i, part in enumerate(marks.split(line)):
                c = cin if i % 2 else cout
                for w in words.findall(part):
                    c[w.lower()] += 1
    n_in, n_out = sum(cin.values()), sum(cout.values())
    vocab = set(cin) | set(cout)
    v = len(vocab)
    out = {}
    for w in sorted(vocab):
        if cin[w] + cout[w] >= min_count:
            out[w] = round(math.log((cin[w] + alpha) / (n_in + alpha * v)) - math.log((cout[w] + alpha) / (n_out + alpha * v)), 2)
    return out


def train(data, epochs: int, l2: float = 1e-6, lr: float = 0.2, seed: int = 13) -> dict:
    """Logistic regression by AdaGrad SGD over sparse binary features."""
    w = defaultdict(float)
    g2 = defaultdict(lambda: 1e-8)
    rnd = random.Random(seed)
    items = list(data)
    for ep in range(epochs):
        rnd.shuffle(items)
        loss = 0.0
        t0 = time.time()
        for f, y in items:
            z = sum(w[k] for k in f)
            p = Q._sigmoid(z)
            loss -= math.log(max(p if y else 1 - p, 1e-12))
            g = p - (1.0 if y else 0.0)
            for k in f:
                gk = g + l2 * w[k]
                g2[k] += gk * gk
                w[k] -= lr * gk / math.sqrt(g2[k])
        print(f"epoch {ep + 1}: log loss {loss / len(items):.4f}, {time.time() - t0:.0f}s", file=sys.stderr)
    return dict(w)


def context_data(docs, weights, llr=None):
    """``(context vector, label)`` of every candidate span of ``docs`` under the span weights (and the
    word log-odds table ``llr``: the last three context features)."""
    X, y = [], []
    for text in docs:
        K, marks = gold(text)
        paras = Q.paragraphs(K)
        zs = [p.scored(weights) for p in paras]
        for p, lst, vecs in zip(paras, zs, Q.context_vectors(paras, zs, K, llr=llr)):
            for (z, o, c), x in zip(lst, vecs):
                X.append(x)
                y.append(int(right_span(marks, p.start + o, p.start + c)))
    return X, y


def newton_logistic(X, y, l2: float = 1e-2, iters: int = 30):
    """Logistic regression by Newton's method (small, dense, pure Python)."""
    nf = len(X[0])
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


def greedy_points(docs, model):
    """For each document: spans the greedy decoder accepts at any threshold, as
    ``(probability, right marks, marks)``; the set kept at threshold t is exactly those with p >= t."""
    pts = []
    for text in docs:
        K, marks = gold(text)
        # ungated (every paragraph scored), as the context model's data: the gate is a speed-up of the
        # restorer, not part of the model
        for o, c, pr, reason in Q.analyse(K, model, min_p=0.05, gate=False):
            pts.append((pr, int(o in marks) + int(c in marks), 2, reason))
    return pts


def wilson_lower(right: int, n: int, z: float = 1.645) -> float:
    """One-sided 95% lower confidence bound of a proportion (Wilson score interval)."""
    if n == 0:
        return 0.0
    p = right / n
    d = 1 + z * z / n
    centre = p + z * z / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - margin) / d


def choose_emit_min(pts, target: float, min_marks: int = 40) -> float:
    """The lowest confidence at which the kept marks are still ``target`` right with 95% confidence (the
    Wilson lower bound of their precision on the calibration part reaches ``target``)."""
    pts = sorted(pts, key=lambda z: -z[0])
    emit_min = 0.99
    right = marks = 0
    for pr, r, k, _ in pts:
        right += r
        marks += k
        if marks >= min_marks and wilson_lower(right, marks) >= target:
            emit_min = pr
    return max(0.5, min(0.99, emit_min))


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
    ap.add_argument("--docs", type=int, default=6000)
    ap.add_argument("--calib-docs", type=int, default=6000)
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--min-weight", type=float, default=0.02)
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "data" / Q.MODEL_NAME))
    ap.add_argument("--eval", type=int, metavar="N", help="only measure on N held-apart documents")
    ap.add_argument("--pipeline", action="store_true", help="with --eval: run textfix.fix (gated) instead")
    ap.add_argument("--target", type=float, default=0.98,
                    help="lower 95%% confidence bound of the mark precision that emit_min must reach on calib")
    ap.add_argument("--recalibrate", action="store_true", help="keep the span weights of --out, refit the context model")
    ap.add_argument("--convert-from", metavar="OLD", help="no training: write the model file OLD to --out in the current format")
    args = ap.parse_args(argv)
    if args.convert_from:
        model = Q.read_model(Path(args.convert_from).read_bytes(), args.convert_from)
        _write(model, args.out)
        return
    corpora = corpora_dir(args.corpora)
    t0 = time.time()
    if args.eval:
        print(json.dumps(evaluate(corpora, args.eval, args.pipeline)))
        return
    if args.recalibrate:
        old = Q.read_model(Path(args.out).read_bytes(), args.out)
        weights = old["weights"]
        ndocs, nspans, args.epochs = (old["trained"][k] for k in ("documents", "candidate_spans", "epochs"))
        llr = old.get("llr") or build_llr(corpora, args.docs)
    else:
        data = []
        ndocs = 0
        for _, text in iter_docs(corpora, "train", args.docs):
            data.extend(examples(text))
            ndocs += 1
        nspans = len(data)
        print(f"{ndocs} training documents, {len(data)} candidate spans, {sum(y for _, y in data)} right "
              f"({time.time() - t0:.0f}s)", file=sys.stderr)
        weights = train(data, args.epochs)
        del data
        weights = {f: round(v, 3) for f, v in weights.items() if abs(v) >= args.min_weight}
        llr = build_llr(corpora, args.docs)
    print(f"word log-odds table: {len(llr)} words", file=sys.stderr)
    model = {"weights": weights, "llr": llr}
    cal = [text for _, text in iter_docs(corpora, "calib", args.calib_docs, require_quotes=False)]
    X, y = context_data(cal, weights, llr)
    theta = newton_logistic(X, y)
    print(f"context model on {len(X)} calibration spans ({sum(y)} right): "
          f"{dict(zip(Q.CONTEXT_FEATURES, (round(t, 2) for t in theta)))}", file=sys.stderr)
    model["context"] = theta
    pts = greedy_points(cal, model)
    emit_min = choose_emit_min(pts, args.target)
    kept = [(r, k) for pr, r, k, _ in pts if pr >= emit_min]
    print(f"calibration: {len(cal)} documents, {len(pts)} greedy spans; emit_min={emit_min:.3f} keeps "
          f"{len(kept)} spans, mark precision {sum(r for r, _ in kept) / max(1, sum(k for _, k in kept)):.4f}",
          file=sys.stderr)
    model = {
        "version": 5,
        "weights": dict(sorted(weights.items())),
        "llr": llr,
        "context": [round(t, 4) for t in theta],
        "context_features": list(Q.CONTEXT_FEATURES),
        "emit_min": round(emit_min, 4),
        "trained": {
            "corpus": "allsides-abp curly.jsonl.gz, dev split (textfix.lexicon.split), part 'train'",
            "documents": ndocs,
            "candidate_spans": nspans,
            "epochs": args.epochs,
            "calibration_documents": len(cal),
            "calibration_target": args.target,
        },
    }
    _write(model, args.out)
    print(f"{time.time() - t0:.0f}s total", file=sys.stderr)


def _write(model: dict, out: str) -> None:
    """``model`` written to ``out`` (v5, :func:`textfix.fixers.quotes.model_bytes`; v4's gzipped JSON for a
    name ending in ``.json.gz``)."""
    if out.endswith(".json.gz"):
        raw = gzip.compress(json.dumps(model, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), mtime=0)
    else:
        raw = Q.model_bytes(model)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_bytes(raw)
    print(f"wrote {out}: {len(model['weights'])} weights, {os.path.getsize(out)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
