"""Duplicate detection: exact (hash of normalized text) and near (MinHash + LSH over word shingles).

Near-duplicates are syndicated wire copies: the same body under another
headline, or with a paragraph added or cut. Jaccard similarity of the bodies'
5-word shingle sets stays high for those and low for different stories on
the same topic. numpy (already installed with spaCy) does the hashing.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib

import numpy as np

SHINGLE = 5  # words per shingle
PERMUTATIONS = 128
BANDS = 32  # LSH: 32 bands of 4 rows finds pairs down to Jaccard ~0.4 ...
ROWS = PERMUTATIONS // BANDS
THRESHOLD = 0.6  # ... and the signature estimate must then reach this
MIN_SHINGLES = 10  # shorter texts are too small to call copies

_PRIME = np.uint64(4294967311)  # first prime above 2**32
_rng = np.random.RandomState(20240611)  # fixed: signatures must be stable across runs and versions
_A = _rng.randint(1, 2**31, size=PERMUTATIONS).astype(np.uint64)
_B = _rng.randint(0, 2**31, size=PERMUTATIONS).astype(np.uint64)
_WORD = re.compile(r"\w+")
_BASE = np.uint64(1_000_003)
_MASK32 = np.uint64(0xFFFFFFFF)


def normalize(text: str) -> str:
    """Text as compared for exact duplicates: Unicode-normalized, casefolded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def content_hash(text: str) -> str:
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()


def _shingle_hashes(text: str) -> np.ndarray:
    """Distinct 32-bit hashes of the text's SHINGLE-word shingles (crc32 per word, rolled polynomially)."""
    words = _WORD.findall(normalize(text))
    count = len(words) - SHINGLE + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    word_hashes = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    rolled = np.zeros(count, dtype=np.uint64)
    for j in range(SHINGLE):  # stays below 2**53 before the mask: no overflow
        rolled = (rolled * _BASE + word_hashes[j : j + count]) & _MASK32
    return np.unique(rolled)


def signature(text: str) -> np.ndarray | None:
    """MinHash signature (PERMUTATIONS uint32) of the text's word shingles; None for very short texts."""
    x = _shingle_hashes(text)
    if len(x) < MIN_SHINGLES:
        return None
    # 32-bit shingle hashes keep a*x+b below 2**64 (a < 2**31).
    hashed = (np.outer(x, _A) + _B) % _PRIME
    return hashed.min(axis=0).astype(np.uint32)


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


def bands(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band, bucket) pairs: articles sharing any pair are near-duplicate candidates."""
    raw = sig.astype("<u4").tobytes()
    width = ROWS * 4
    return [
        (band, int.from_bytes(hashlib.blake2b(raw[band * width : (band + 1) * width], digest_size=8).digest(), "little", signed=True))
        for band in range(BANDS)
    ]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a)
