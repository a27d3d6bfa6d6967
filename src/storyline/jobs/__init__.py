"""Jobs: the only code that wires stages together.

- `ingest`: read → analyze → store, in parallel across processes, then `link`.
- `link`: store → link → store (the cross-article tables, recomputed from stored facts).

Everything else depends on one layer only (see the import contracts in pyproject.toml).
"""
