"""One BLAS thread for the project's small NumPy networks (the attribution tagger, the relation model).

Left to itself, NumPy's OpenBLAS starts a thread per core for each small matrix product and, on a busy
machine, spends more time waiting for its threads than multiplying (the tagger ran 3-6 times slower,
claim linking 1.5 times). spaCy's own layers run on one thread too.
"""
from __future__ import annotations

from functools import cache

from threadpoolctl import ThreadpoolController


@cache
def _controller() -> ThreadpoolController:
    return ThreadpoolController()  # inspects the loaded libraries once


def one_blas_thread():
    """A context manager: BLAS products inside it run on one thread."""
    return _controller().limit(limits=1, user_api="blas")
