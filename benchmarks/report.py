"""Markdown tables and PNG plots of a benchmark result (the JSON holds every number)."""

from __future__ import annotations

from pathlib import Path

from .score import CLASSES

MD_CHANGES = 30  # textfix changes on clean text listed in the md
MD_REAL = 20  # textfix samples on real damage listed in the md


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}"


def _cell(row: dict) -> str:
    """``R/P`` in percent with the counts: ``87.5/99.1 (n=120, +1)``."""
    return f"{_pct(row['recall'])}/{_pct(row['precision'])} ({row['restored']}/{row['damaged']}, +{row['invented']})"


def _esc(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", "⏎")


def _fp_md(L: list[str], fp: dict, title: str) -> None:
    """One false-positive table (a ``run_fp`` result) with textfix's changes and the peers' examples."""
    corp = list(fp)
    systems = list(fp[corp[0]]["systems"])
    L.append(f"## {title}")
    L.append("")
    L.append("Changed characters per 100,000 words (edits in brackets); goal for textfix ≤ 1. "
             + "; ".join(f"{c}: {fp[c]['docs']} docs, {fp[c]['words']} words" for c in corp) + ".")
    L.append("")
    L.append("| system | " + " | ".join(corp) + " |")
    L.append("|---|" + "---|" * len(corp))
    for s in systems:
        L.append(f"| {s} | " + " | ".join(
            f"{fp[c]['systems'][s]['chars_per_100k_words']} ({fp[c]['systems'][s]['edits_per_100k_words']})" for c in corp) + " |")
    L.append("")
    tf = [(c, ch) for c in corp for ch in fp[c]["systems"].get("textfix", {}).get("changes", [])]
    L.append(f"textfix changes on clean text: {len(tf)}" + (f" (first {MD_CHANGES}):" if tf else "."))
    L.append("")
    for c, ch in tf[:MD_CHANGES]:
        L.append(f"- {c} `{ch['doc']}` ¶{ch['paragraph']}: `{_esc(ch['context'])}`")
    L.append("")
    for s in systems:
        if s in ("textfix", "noop"):
            continue
        ex = [(c, ch) for c in corp for ch in fp[c]["systems"][s]["changes"][:2]]
        if ex:
            L.append(f"{s} examples: " + " · ".join(f"{c}: `{_esc(ch['context'])}`" for c, ch in ex[:4]))
            L.append("")


def _restore_md(L: list[str], rs: dict, pngs: dict[str, str], heading: str, plots: bool) -> None:
    """The restoration tables of one corpus (``rs`` is a ``run_restore`` result) appended to ``L``."""
    kinds = list(rs["kinds"])
    systems = list(rs["kinds"][kinds[0]])
    L.append(f"## {heading} ({rs['corpus']}, {rs['docs']} docs, {rs['paragraphs']} paragraphs)")
    L.append("")
    L.append("Overall recall / precision in %, folded (strict in brackets). Broken = survivors of K lost in O (goal 0).")
    L.append("")
    L.append("| system | " + " | ".join(kinds) + " | broken (all kinds) |")
    L.append("|---|" + "---|" * (len(kinds) + 1))
    for s in systems:
        cells = []
        broken = 0
        for k in kinds:
            f, st = rs["kinds"][k][s]["folded"]["overall"], rs["kinds"][k][s]["strict"]["overall"]
            broken += f["broken"]
            cells.append(f"{_pct(f['recall'])} / {_pct(f['precision'])} ({_pct(st['recall'])} / {_pct(st['precision'])})")
        L.append(f"| {s} | " + " | ".join(cells) + f" | {broken} |")
    L.append("")
    for k in kinds:
        first = rs["kinds"][k][systems[0]]["folded"]
        L.append(f"### {k}")
        L.append("")
        L.append("| system | recall | precision | restored | damaged | invented | broken | untouched ?/� | ties | strict R | strict P | line errors | chars/s |")
        L.append("|---|" + "---|" * 12)
        for s in systems:
            e = rs["kinds"][k][s]
            f, st = e["folded"]["overall"], e["strict"]["overall"]
            L.append(f"| {s} | {_pct(f['recall'])} | {_pct(f['precision'])} | {f['restored']} | {f['damaged']} | "
                     f"{f['invented']} | {f['broken']} | {f['untouched_placeholders']} | {f['alignment_ties']} | {_pct(st['recall'])} | "
                     f"{_pct(st['precision'])} | {e['line_errors']} | {e['chars_per_sec'] or '–'} |")
        L.append("")
        L.append("Per class, folded: recall/precision % (restored/damaged, +invented).")
        L.append("")
        L.append("| system | " + " | ".join(f"{c} (n={first[c]['damaged']})" for c in CLASSES) + " |")
        L.append("|---|" + "---|" * len(CLASSES))
        for s in systems:
            f = rs["kinds"][k][s]["folded"]
            L.append(f"| {s} | " + " | ".join(_cell(f[c]) for c in CLASSES) + " |")
        L.append("")
        brk = [(s, rs["kinds"][k][s]["folded"]) for s in systems]
        if any(f["overall"]["broken"] for _, f in brk):
            L.append("Broken per class: " + "; ".join(
                f"{s}: " + ", ".join(f"{c} {f[c]['broken']}" for c in CLASSES if f[c]["broken"])
                for s, f in brk if f["overall"]["broken"]))
            L.append("")
        if "textfix" in rs["kinds"][k] and rs["kinds"][k]["textfix"]["samples"]:
            L.append("textfix output vs G (samples): " + " · ".join(
                f"`{_esc(d)}`" for smp in rs["kinds"][k]["textfix"]["samples"] for d in smp["diffs"][:2]))
            L.append("")
    for key, name in sorted(pngs.items()) if plots else ():
        if key.startswith("restore-"):
            L.append(f"![{key}]({name})")
    L.append("")


def markdown(r: dict, pngs: dict[str, str]) -> str:
    m = r["meta"]
    L: list[str] = []
    L.append(f"# textfix benchmark — {m['date']} ({m['mode']}, split `{m['split']}`)")
    L.append("")
    command = m.get("command") or ("python -m benchmarks" + (" --quick" if m["mode"] == "quick" else "")
                                   + (" --split test" if m["split"] == "test" else ""))
    L.append(f"Reproduce: `TEXTFIX_SHARED=/path/to/shared PYTHONPATH=. {command}`"
             f" · git `{m.get('git')}` · textfix {m['textfix_version']} · Python {m['python']} · "
             f"{m['cpu_count']} CPUs · wall {m['wall_s']} s (CPU {m.get('cpu_s')} s, load average "
             f"{m.get('load_avg_start')} → {m.get('load_avg_end')}) · samples {m['sizes']}")
    L.append("")
    L.append("Metrics as defined in `../shared/EVALUATION.md`; how each number is computed: `benchmarks/README.md`.")
    for n in r.get("notes", []):
        L.append(f"- note: {n}")
    L.append("")

    if r.get("restore"):
        _restore_md(L, r["restore"], pngs, "Restoration", plots=True)
    if r.get("restore_short"):
        _restore_md(L, r["restore_short"], pngs, "Restoration of short texts (each document's first sentences as a text of its own, as a news API's description)", plots=False)
    if r.get("restore_wrapped"):
        _restore_md(L, r["restore_wrapped"], pngs, "Restoration of hard-wrapped text (the same documents, each paragraph filled to 72 columns as e-mail and plain-text archives are, or to 72 ± 6 as PDF text is (ragged); scored on the paragraphs with their line breaks back to spaces)", plots=False)
    if r.get("calibration"):
        from .calibration import markdown as calibration_md

        L.extend(calibration_md(r["calibration"]))
    if r.get("restore_outlet"):
        _restore_md(L, r["restore_outlet"], pngs, "Restoration on another outlet (BBC News 2004-05, its ASCII apostrophes and quotes made curly, then damaged; no statistic built from it; errors read on its dev split only)", plots=False)
    if r.get("restore_ascii"):
        _restore_md(L, r["restore_ascii"], pngs, "Restoration of ASCII-quoted news (allsides ascii: typed with ASCII apostrophes and quotes, which the damage keeps; its dashes, accented letters and symbols are what it can lose)", plots=False)
    if r.get("restore_other"):
        _restore_md(L, r["restore_other"], pngs, "Restoration on other sites (English pages, whatever the split; no statistic built from them, but four rules of round 8 came from their errors)", plots=False)

    for fp, title in ((r.get("fp"), "False positives on clean text"),
                      (r.get("fp_short"), "False positives on clean short texts (the same documents cut into snippets of their own)")):
        if fp:
            _fp_md(L, fp, title)
    rd = r.get("real_damage")
    if rd:
        for cname, e in rd.items():
            L.append(f"## Real damage without gold: {cname} ({e['docs']} docs, {e['words']} words)")
            L.append("")
            lost_in = e.get("lost_qmarks_input")
            if lost_in:
                L.append(f"Lost `?` left: the `?` after a letter and before a lower-case one (`Kosovo?s`, `can?t`, "
                         f"`eyes?and`), outside URLs, which clean text never holds; the input has {lost_in}.")
                L.append("")
            L.append("| system | changed chars / 100k words | edits / 100k words | edits |" + (" lost `?` left |" if lost_in else ""))
            L.append("|---|---|---|---|" + ("---|" if lost_in else ""))
            for s, v in e["systems"].items():
                L.append(f"| {s} | {v['chars_per_100k_words']} | {v['edits_per_100k_words']} | {v['edits']} |"
                         + (f" {v.get('lost_qmarks')} |" if lost_in else ""))
            L.append("")
            for s in ("textfix",) + tuple(x for x in e["systems"] if x not in ("textfix", "noop")):
                v = e["systems"].get(s)
                if not v or not v["changes"]:
                    continue
                n = MD_REAL if s == "textfix" else 3
                L.append(f"{s} samples: " + " · ".join(f"`{_esc(ch['context'])}`" for ch in v["changes"][:n]))
                L.append("")
    sp = r.get("speed")
    if sp:
        L.append("## Speed and memory")
        L.append("")
        warm = sp.get("docs_warm")
        if warm is not None:
            L.append(f"CPU time of one pass over documents neither program has seen, after both ran over {warm} other "
                     "documents of the same corpus (tables loaded, caches filled with the common vocabulary).")
            L.append("")
        cr = sp["ascii_ignore"].get("chunk_ratio_min_median_max")
        if cr:
            L.append(f"The damaged documents are timed in {sp['ascii_ignore']['chunks']} chunks, each run by both programs "
                     "back to back (alternating which goes first), so a change of machine load weighs on both alike; "
                     f"textfix / ftfy per chunk: min {cr[0]}, median {cr[1]}, max {cr[2]}.")
            L.append("")
        L.append("| text | textfix chars/s | ftfy chars/s | textfix / ftfy |")
        L.append("|---|---|---|---|")
        a = sp["ascii_ignore"]
        L.append(f"| ascii-ignore damaged news ({sp['docs_damaged']} docs, {sp['chars_damaged']} chars) | "
                 f"{a['textfix_chars_per_sec']:,} | {a['ftfy_chars_per_sec']:,} | {a['textfix_over_ftfy']} |")
        for kind, a in sp.get("other_damage", {}).items():
            cr = a.get("chunk_ratio_min_median_max") or ["–"] * 3
            L.append(f"| {kind} damaged news, the same documents ({a['docs']} docs, {a['chars']} chars; per chunk "
                     f"{cr[0]} / {cr[1]} / {cr[2]}) | {a['textfix_chars_per_sec']:,} | {a['ftfy_chars_per_sec']:,} | "
                     f"{a['textfix_over_ftfy']} |")
        if "clean_ascii" in sp:
            a = sp["clean_ascii"]
            L.append(f"| clean pure-ASCII news ({sp['docs_ascii']} docs, {sp['chars_ascii']} chars) | "
                     f"{a['textfix_chars_per_sec']:,} | {a['ftfy_chars_per_sec']:,} | {a['textfix_over_ftfy']} |")
        L.append("")
        rep = sp["ascii_ignore"].get("textfix_repeat_chars_per_sec")
        if rep:
            L.append(f"The same damaged documents a second time (textfix's per-word caches then hold them): {rep:,} chars/s. "
                     "Earlier results files reported the best of two passes over the same documents, which is this "
                     "warm-cache figure.")
            L.append("")
        fpz = sp.get("fresh_process", {})
        if "error" in fpz:
            L.append(f"Fresh process failed: `{_esc(fpz['error'][-300:])}`")
        else:
            src = sp.get("fresh_process_from_source", {}).get("import_to_first_result_s")
            L.append(f"Fresh process: `import textfix` to first result {fpz.get('import_to_first_result_s')} s; "
                     f"peak RSS {fpz.get('peak_rss_mb_first')} MB after the first result, {fpz.get('peak_rss_mb')} MB "
                     f"after fixing the whole damaged sample."
                     + (f" With textfix's modules compiled from source first (no bytecode cache: an editable checkout "
                        f"under PYTHONDONTWRITEBYTECODE): {src} s." if src is not None else ""))
        L.append("")
        L.append(f"Scaling over workers (multiprocessing Pool over documents, {sp.get('scaling_chars', sp['chars_damaged']):,} "
                 f"chars of the damaged sample, best of 2 passes):")
        sl = sp.get("scaling_load_avg_start")
        if sl and sl[0] > 0.3:
            L.append("")
            L.append(f"**Under load** (1-minute load average {sl[0]} > 0.3 when the scaling run started): the speedup "
                     "is depressed by other processes and is not a valid figure; the `scaling` section "
                     "(`--only scaling --wait-idle 300`) measures it on idle cores.")
        L.append("")
        L.append("| jobs | seconds | chars/s | speedup |")
        L.append("|---|---|---|---|")
        for j, v in sp["scaling"].items():
            su = next((x for k, x in v.items() if k.startswith("speedup")), None)
            L.append(f"| {j} | {v['seconds']} | {v['chars_per_sec']:,} | {su} |")
        L.append("")
        if "speed" in pngs:
            L.append(f"![throughput]({pngs['speed']})")
            L.append("")
    if r.get("boilerplate_md"):
        L.append("## Boilerplate")
        L.append("")
        L.append(r["boilerplate_md"])
        L.append("")
    for key in ("reliability_md", "scaling_md"):  # sections that render themselves
        if r.get(key):
            L.append(r[key])
            L.append("")
    return "\n".join(L) + "\n"


def plot(r: dict, out_dir: Path, stem: str) -> dict[str, Path]:
    """One PNG per damage kind (recall and precision per class, per system) and one of throughput."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return {}
    paths: dict[str, Path] = {}
    rs = r.get("restore")
    if rs:
        for kind, per in rs["kinds"].items():
            systems = list(per)
            cols = ("overall",) + CLASSES
            fig, axes = plt.subplots(1, len(cols), figsize=(16, 3.2), sharey=True)
            x = range(len(systems))
            for ax, c in zip(axes, cols):
                rec = [per[s]["folded"][c]["recall"] or 0 for s in systems]
                pre = [per[s]["folded"][c]["precision"] or 0 for s in systems]
                ax.bar([i - 0.2 for i in x], rec, 0.4, label="recall", color="#4477aa")
                ax.bar([i + 0.2 for i in x], pre, 0.4, label="precision", color="#ee6677")
                n = per[systems[0]]["folded"][c]["damaged"]
                ax.set_title(f"{c} (n={n})", fontsize=9)
                ax.set_xticks(list(x))
                ax.set_xticklabels(systems, rotation=70, fontsize=7)
                ax.set_ylim(0, 1.05)
            axes[0].legend(fontsize=7, loc="upper left")
            fig.suptitle(f"{kind}: recall / precision per class (folded)", fontsize=10)
            fig.tight_layout()
            p = out_dir / f"{stem}-restore-{kind}.png"
            fig.savefig(p, dpi=72)
            plt.close(fig)
            paths[f"restore-{kind}"] = p
    sp = r.get("speed")
    if sp or rs:
        fig, axes = plt.subplots(1, 2, figsize=(10, 3.2))
        if rs and "ascii-ignore" in rs["kinds"]:
            per = rs["kinds"]["ascii-ignore"]
            names = [s for s in per if s != "noop"]  # noop's rate is meaningless and dwarfs the rest
            axes[0].barh(names, [(per[s]["chars_per_sec"] or 0) / 1e3 for s in names], color="#228833")
            axes[0].set_xscale("log")
            axes[0].set_xlabel("k chars/s (restore run, ascii-ignore)", fontsize=8)
            axes[0].tick_params(labelsize=7)
        if sp:
            labels, vals = [], []
            for key, lab in (("ascii_ignore", "damaged"), ("clean_ascii", "clean ASCII")):
                if key in sp:
                    labels += [f"textfix {lab}", f"ftfy {lab}"]
                    vals += [sp[key]["textfix_chars_per_sec"] / 1e3, sp[key]["ftfy_chars_per_sec"] / 1e3]
            for j, v in sp["scaling"].items():
                labels.append(f"textfix jobs={j}")
                vals.append(v["chars_per_sec"] / 1e3)
            axes[1].barh(labels, vals, color="#aa3377")
            axes[1].set_xlabel("k chars/s (speed section)", fontsize=8)
            axes[1].tick_params(labelsize=7)
        fig.tight_layout()
        p = out_dir / f"{stem}-throughput.png"
        fig.savefig(p, dpi=72)
        plt.close(fig)
        paths["speed"] = p
    return paths
