"""The annotation loop: claims -> Label Studio tasks -> annotations -> agreement and trained models.

gazetteer (curated names) -> entities (spaCy pre-annotation) and stance (trained only) -> tasks
(validated import file) -> studio (push/pull through label-studio-sdk) -> annotations (merged onto
claims) -> agreement, train (whose models `tasks --model` uses). cli wires them to `citeaudit`.
"""
