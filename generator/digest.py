"""Digests of values, for the page cache's keys (generator/cache.py, render, feeds, related).

A key must be equal whenever the value is: pickle's memo writes a string shared by two fields
once and two equal copies twice, so a run reading its stories from the story cache (where
pickling kept the sharing) and a cold run would key the same stories differently. Pickling
without the memo gives equal bytes for equal values, whatever objects they share.
"""

from __future__ import annotations

import hashlib
import io
import pickle

DIGEST_SIZE = 20
"""160 bits: no collision among the few hundred thousand keys of a large archive."""


def value_bytes(value: object) -> bytes:
    """`value` pickled without the memo (by value and type; the value holds no cycles)."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=5)
    pickler.fast = True
    pickler.dump(value)
    return out.getvalue()


def digest(*parts: bytes) -> bytes:
    """Digest of byte strings, each length-prefixed so no two sequences of parts collide."""
    state = hashlib.blake2b(digest_size=DIGEST_SIZE)
    for part in parts:
        state.update(len(part).to_bytes(8, "little"))
        state.update(part)
    return state.digest()


def value_digest(value: object) -> bytes:
    return digest(value_bytes(value))
