"""Keys and near-duplicate fingerprints of articles (syndicated wire copies).

An article is keyed by its URL, or by its content when it has none. Two articles are near
duplicates when the Jaccard similarity of their word 5-shingles, estimated by a 64-value MinHash,
is at least ``NEAR_DUPLICATE``. Candidates are found through locality-sensitive hashing: 16
bands of 4 values, stored in ``article_bands``, so that finding them is one indexed lookup.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
import zlib
from urllib.parse import urlsplit, urlunsplit

import numpy as np

SHINGLE = 5
PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
NEAR_DUPLICATE = 0.8
# Multiply-shift hashing, (a·x + b mod 2**64) >> 32 with a odd: one vectorised product per
# article. Fixed coefficients: signatures must compare across processes and runs.
_rng = random.Random(20240607)
_A = np.array([_rng.getrandbits(64) | 1 for _ in range(PERMUTATIONS)], dtype=np.uint64)
_B = np.array([_rng.getrandbits(64) for _ in range(PERMUTATIONS)], dtype=np.uint64)
_WORD = re.compile(r"\w+")


def normalize_url(url: str) -> str:
    """Return a URL without its fragment, with a lower-case scheme and host."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
                       parts.query, ""))


def content_hash(text: str) -> str:
    """Return the SHA-1 of a text with case, accents, punctuation and spacing ignored."""
    return hashlib.sha1(" ".join(words(text)).encode("utf-8")).hexdigest()


def article_key(url: str | None, body: str) -> str:
    """Return the key of an article: from its URL when it has one, else from its content."""
    if url:
        return "u" + hashlib.sha1(normalize_url(url).encode("utf-8")).hexdigest()[:24]
    return "c" + hashlib.sha1(body.encode("utf-8")).hexdigest()[:24]


def words(text: str) -> list[str]:
    """Return the lower-case, accent-free words of a text."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _WORD.findall(folded)


def minhash(text: str) -> tuple[int, ...]:
    """Return the MinHash signature of a text's word shingles."""
    w = words(text)
    grams = {" ".join(w[i:i + SHINGLE]) for i in range(max(1, len(w) - SHINGLE + 1))}
    hashes = np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64,
                         count=len(grams))
    with np.errstate(over="ignore"):  # the products wrap around 2**64 on purpose
        values = (_A[:, None] * hashes[None, :] + _B[:, None]) >> np.uint64(32)
    return tuple(int(v) for v in values.min(axis=1))


def band_keys(signature: tuple[int, ...]) -> list[str]:
    """Return the LSH band keys of a signature: equal keys make two articles candidates."""
    keys = []
    for band in range(BANDS):
        chunk = signature[band * ROWS:(band + 1) * ROWS]
        digest = hashlib.sha1(",".join(map(str, chunk)).encode()).hexdigest()[:16]
        keys.append(f"{band}:{digest}")
    return keys


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Return the estimated Jaccard similarity of two signatures."""
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def encode(signature: tuple[int, ...]) -> str:
    """Return a signature as text for the store."""
    return " ".join(f"{v:x}" for v in signature)


def decode(text: str) -> tuple[int, ...]:
    """Return the signature stored by ``encode``."""
    return tuple(int(v, 16) for v in text.split())
