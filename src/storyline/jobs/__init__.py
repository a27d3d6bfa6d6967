"""Jobs: the only code that wires stages together.

- `ingest`: read → analyze → store, in parallel across processes, then `link`.
- `link`: store → link → store (the cross-article tables, recomputed from stored facts).

The layer rules are import contracts in .importlinter (tests/test_layers.py runs them).
"""
