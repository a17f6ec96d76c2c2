"""Exact and near-duplicate detection for articles: content hashes, canonical URLs, MinHash.

Syndicated copies of one wire story differ by a headline, a dateline or a sentence, so an exact
hash misses them. A MinHash signature over word 3-grams estimates the Jaccard similarity of two
articles; locality-sensitive hashing (``BANDS`` bands of ``ROWS`` rows each) turns "find
similar articles" into an indexed equality lookup on band keys, so checking a new article costs
one query however large the store grows. Candidates are then confirmed on the full signature.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
NEAR_DUPLICATE = 0.6  # estimated Jaccard of word 3-grams at or above which articles are copies
_SEED = 1
_WORD = re.compile(r"\w+")
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|cmpid|ito|at_medium|at_campaign|s_cid|icid|ocid|xtor|__twitter_impression|share|amp)$", re.I)


def normalize_text(text: str) -> str:
    """Case, accents and spacing folded, so trivially re-encoded copies hash alike."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(folded))


def content_hash(text: str) -> str:
    """SHA-256 of the normalised article text: the same story stored twice is one article."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def raw_hash(content: str) -> str:
    """SHA-256 of a document exactly as read (HTML or text): whether a page changed since."""
    return hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()


def revision_id(doc_id: str, raw: str) -> str:
    """The document id of a changed version of ``doc_id`` (its raw hash ``raw``)."""
    return f"{doc_id}~{raw[:16]}"


def canonical_url(url: str | None) -> str | None:
    """A URL reduced to what identifies the page: no fragment, tracking parameters, default
    port, ``www.`` or trailing slash; host lower-cased; remaining query sorted."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    if port and not ((parts.scheme == "http" and port == 80) or (parts.scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)))
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
        path = re.sub(r"/(index\.html?|amp)$", "", path) or "/"
    return urlunsplit(("https", host, path, query, ""))


# One hash function per permutation by multiply-shift, h(x) = (a*x + b) >> 32 on 64-bit words
# with odd a (Dietzfelbinger's 2-universal scheme), vectorised over all shingles at once on
# CRC-32 shingle hashes. Stable across processes, and about ten times cheaper than building a
# datasketch MinHash per article (whose modulo-prime arithmetic dominates its cost).
_rng = np.random.RandomState(_SEED)
_A = _rng.randint(0, 1 << 62, size=NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_B = _rng.randint(0, 1 << 62, size=NUM_PERM, dtype=np.uint64)


def signature(text: str, normalized: str | None = None) -> bytes:
    """MinHash signature (``NUM_PERM`` 32-bit values, little-endian) of word 3-grams."""
    words = (normalized if normalized is not None else normalize_text(text)).split()
    shingles = {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}
    hashes = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in shingles), dtype=np.uint64, count=len(shingles))
    with np.errstate(over="ignore"):
        values = (hashes[:, None] * _A[None, :] + _B) >> np.uint64(32)
    return values.min(axis=0).astype("<u4").tobytes()


def fingerprints(text: str) -> tuple[str, bytes]:
    """(content hash, MinHash signature), normalising the text once for both."""
    normalized = normalize_text(text)
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest(), signature(text, normalized)


def band_keys(sig: bytes) -> list[str]:
    """One key per LSH band: two articles sharing any key are near-duplicate candidates."""
    values = np.frombuffer(sig, dtype="<u4")
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        keys.append(f"{band}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return keys


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    va, vb = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    if va.shape != vb.shape or not len(va):
        return 0.0
    return float(np.mean(va == vb))


_CANONICAL_LINK = re.compile(
    r"""<link\b(?=[^>]*\brel\s*=\s*["']?canonical\b)[^>]*\bhref\s*=\s*["']([^"'>\s]+)""", re.I
)


def canonical_link(html: str | None) -> str | None:
    """The page's own ``<link rel="canonical">`` (looked for in the first 64 KB), if absolute."""
    if not html:
        return None
    match = _CANONICAL_LINK.search(html[:65536])
    if match and match.group(1).startswith(("http://", "https://")):
        return match.group(1)
    return None
