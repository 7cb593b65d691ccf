"""Rebuild the shipped citation tagger from ../shared (deterministic):

    python -m training.build                      # all data -> citations/references/model/tagger.crfsuite
    python -m training.build --sample 200 --out /tmp/m.crfsuite   # a tiny run (the test suite does this)

Steps: write the word lists of the `dict=` observation beside the model (lexicon.py: given and
place names from public lists inside PyPI packages), read every labelled source (sources.py) and
the notes citeproc-js renders in more CSL note styles (render.py: needs node and npm, installs
citeproc-js into ~/.cache once), add footnote-like variants, cross-reference and
commentary notes and notes in more styles (augment.py), tokenise with the tagger's own tokenizer,
label each token by the characters it covers, and train a linear-chain CRF (python-crfsuite,
L-BFGS with L1+L2 regularisation). `examples(...)` is shared with bench/bench_citations.py, which
trains the same way on folds that hold out whole styles, files and documents.
"""
from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Iterable

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citations.references import tagger as T  # noqa: E402
from citations.references.text import respace  # noqa: E402

from . import augment as A  # noqa: E402
from . import render as R  # noqa: E402
from . import sources as S  # noqa: E402

SEED = 9
PARAMS = {"c1": 1.0, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True, "feature.minfreq": 3}  # README, "Training parameters": measured on held-out folds
GROBID_SHARE = 0.35  # GROBID's set is mostly physics references: a third of it is enough
# Notes rendered through 127 more CSL note styles (render.py; node and npm, citeproc-js installed into
# ~/.cache once): trained on by default. Measured on held-out styles they raise the German and new
# Chinese styles by far and leave the other sets where they were (README, "Rendered notes in
# training"); --no-rendered builds without them (no node needed).
RENDERED = True


def base_examples(sample: int | None = None, rendered: bool = RENDERED) -> list[S.Example]:
    """Every labelled source, in a fixed order (`sample` keeps the first n of each for a quick run);
    the rendered notes only when asked (they need node and citeproc-js). Examples with
    `meta["train"]` False are scored by the bench but never trained on (`examples`)."""
    out: list[S.Example] = []
    rng = random.Random(SEED)
    for reader in (S.anystyle, S.grobid, S.zotero, S.gold, S.prose, *([R.rendered] if rendered else [])):
        exs = list(itertools.islice(reader(), sample))  # a quick run reads only the first ones
        if reader is S.grobid:  # the rest is kept for the bench to score, never trained on
            for e in exs:
                e.meta["train"] = rng.random() < GROBID_SHARE
        if reader is S.anystyle:
            for k, e in enumerate(exs):
                e.meta["index"] = k  # render.cited_here: which strings' items the rendered notes cite
        out += exs
    return out


def synthetic(base: list[S.Example], rng: random.Random) -> list[S.Example]:
    """Footnote-like variants, cross-reference and commentary notes, notes in more styles."""
    out: list[S.Example] = []
    for ex in base:
        if ex.source in ("zotero", "gold") or ex.source == "anystyle" and rng.random() < 0.2:
            lang = A.lang_of(A.pieces_of(ex))
            out.append(A.example_of(A.variants(ex, rng, lang), ex.source, ex.group))
    items = [e.meta["item"] for e in base if e.source == "zotero"]
    seen = set()

    def styled(item: dict) -> None:
        r = A.render(item, rng)
        if r:
            pieces, style = r
            lang = "de" if style == "synthetic:german" else A.lang_of(pieces)
            if rng.random() < 0.5:
                pieces = A.pinpoint(pieces, rng, lang)
            if rng.random() < 0.2:
                pieces = A.signal(pieces, rng, lang)
            if rng.random() < 0.1:
                pieces = A.pdf_noise(pieces, rng)
            out.append(A.example_of(pieces, "synthetic", style))

    for item in items:
        if item["id"] in seen:
            continue
        seen.add(item["id"])
        for _ in range(3):
            styled(item)
    # The books and chapters behind AnyStyle's strings, written in the same styles: the zotero items
    # hold few Western books, so a Chicago note 'Given Family, Title (Place: Publisher, Year)' was
    # rare in training (about 100 notes) and whether its opening names were read as the author
    # turned on chance (a rebuild read 'Evan Medeiros, China's International Behavior' as a title).
    # The items the rendered notes cite are left to them (render.cited_here).
    for ex in base:
        if ex.source == "anystyle":
            item = R.item_of(ex, "")
            if item and item["type"] in ("book", "chapter") and item.get("publisher") and not R.cited_here(item, ex.meta["index"]):
                styled(item)
    names = [a for e in base if e.source in ("zotero", "gold") for s0, s1, lab in e.spans if lab == "author"
             for a in [e.text[s0:s1]] if len(a) < 25]
    for k in range(max(30, len(seen))):
        lang = rng.choice(["zh", "zh", "en", "de"])
        pool = [n for n in names if bool(regex.search(r"\p{Han}", n)) == (lang == "zh")] or names or [None]
        name = rng.choice(pool).rstrip(",，. ") if rng.random() < 0.5 else None
        out.append(A.example_of(A.crossref(rng, name, lang), "synthetic", "synthetic:crossref"))
    for k in range(max(10, len(seen) // 4)):
        lang = rng.choice(["zh", "en", "de"])
        out.append(A.example_of([(rng.choice(A.COMMENTS[lang]), "note")], "synthetic", "synthetic:note"))
    titles = {lang: [i["title"] for i in items if i.get("title") and bool(regex.search(r"\p{Han}", i["title"])) == (lang == "zh")]
              for lang in ("zh", "en")}
    for k in range(max(10, len(seen) // 4)):  # funding and acknowledgement notes
        lang = rng.choice(["zh", "zh", "en"])
        title = rng.choice(titles[lang] or ["一带一路倡议研究" if lang == "zh" else "Rising Powers"])
        out.append(A.example_of([(A.acknowledgement(rng, title, lang), "note")], "synthetic", "synthetic:acknowledgement"))
    return out


def examples(sample: int | None = None, exclude: Iterable[tuple[str, str]] = (),
             rendered: bool = RENDERED) -> list[S.Example]:
    """Training examples: sources and their synthetic variants, without held-out (source, group)s."""
    held = set(exclude)
    # a rendered note whose items came from a held-out AnyStyle / GROBID string is held out with it
    base = [e for e in base_examples(sample, rendered) if (e.source, e.group) not in held and not held & set(e.meta.get("from", ()))
            and e.meta.get("train", True)]
    return base + synthetic(base, random.Random(SEED))


OPENING = set(T.OPEN) | {"<", "«", "„"}


def token_labels(ex: S.Example) -> tuple[list[T.Token], list[str]]:
    """Tokens and their labels: a word takes the label of most of its characters; a punctuation mark
    takes its field's label whatever the source's spans say (an opening bracket or quote the next
    word's, any other mark the previous word's), so the first-order CRF keeps its state across
    'Title, with a comma' and every source follows one convention. `tag` shows marks as O."""
    chars = ["O"] * len(ex.text)
    for a, b, lab in ex.spans:
        for k in range(a, min(b, len(chars))):
            chars[k] = lab
    tokens = T.tokenize(respace(ex.text))  # as parse.clean gives the tagger its text (same length)
    words: list[str | None] = []
    for tok in tokens:
        if T.is_punct(tok.text):
            words.append(None)
            continue
        counts = Counter(chars[tok.start: tok.end])
        words.append(counts.most_common(1)[0][0])
    labels = []
    for k, tok in enumerate(tokens):
        if words[k] is not None:
            labels.append(words[k])
            continue
        before = next((words[j] for j in range(k - 1, -1, -1) if words[j] is not None), None)
        after = next((words[j] for j in range(k + 1, len(tokens)) if words[j] is not None), None)
        opening = tok.text in OPENING or tok.text in "\"'" and (k == 0 or tokens[k - 1].end < tok.start)
        labels.append((after or before if opening else before or after) or "O")
    return tokens, labels


def train(exs: list[S.Example], out: Path, params: dict | None = None, verbose: bool = True) -> Path:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    started = time.perf_counter()
    n = 0
    for ex in exs:
        tokens, labels = token_labels(ex)
        if tokens:
            trainer.append(T.features(tokens), T.begin_marked(labels))
            n += 1
    trainer.set_params({**PARAMS, **(params or {})})
    if verbose:
        print(f"training on {n} sequences ({time.perf_counter() - started:.0f} s of features) ...", flush=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    trainer.train(str(tmp))
    tmp.replace(out)  # atomic: a failed run leaves the shipped model as it was
    if verbose:
        print(f"model written to {out} ({out.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s", flush=True)
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=T.MODEL)
    ap.add_argument("--sample", type=int, default=None, help="read only the first N examples of each source")
    ap.add_argument("--iterations", type=int, default=PARAMS["max_iterations"])
    ap.add_argument("--rendered", action=argparse.BooleanOptionalAction, default=RENDERED,
                    help="train on the notes citeproc-js renders in 127 more CSL note styles (needs node and npm; default: yes)")
    args = ap.parse_args(argv)
    if args.out.resolve() == T.MODEL.resolve():  # the shipped model: its word lists first (tests train elsewhere)
        from . import lexicon

        lexicon.build(T.LEXICON)
        T.lexicon.cache_clear()
        print(f"word lists written to {T.LEXICON} ({len(T.lexicon())} words)", flush=True)
    try:
        exs = examples(args.sample, rendered=args.rendered)
    except R.RenderUnavailable as e:
        sys.exit(f"error: {e}")
    print(f"{len(exs)} examples: {dict(Counter(e.source for e in exs))}", flush=True)
    train(exs, args.out, {"max_iterations": args.iterations})


if __name__ == "__main__":
    main()
