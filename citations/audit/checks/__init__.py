"""The checks, one module per family; importing this package registers them all."""
from . import claims, completeness, crossrefs, numbering, orphans, repeats, style  # noqa: F401
