"""Training data and the training command for the citation tagger (citations/references/tagger.py).

    sources.py   third-party labelled citations (AnyStyle, GROBID, zotero-chinese, corpus gold) -> one form
    augment.py   footnote-like variants, cross-reference and commentary notes, notes in more styles
    build.py     python -m training.build: examples -> tokens + labels -> CRF -> the shipped model file
"""
