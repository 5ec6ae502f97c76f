"""JSON as the service writes it: canonical (one byte sequence per value, so hashes of plan documents are stable)
and compact (what the API sends and the database keeps).

Both are written by orjson, which takes a tenth of the standard library's time: a part's save writes its
document five times over (bench/README.md, "eighth session"). For what the service writes, strings, whole numbers
within 64 bits, true, false, null, lists and objects with string keys, orjson's bytes are the standard library's
with these settings, byte for byte (tests/service/test_canonical_json.py). Plans hold no floats (money and
percentages are decimal strings): orjson would write a small one's exponent without the standard library's
leading zero (1e-7, not 1e-07). What orjson refuses (a whole number beyond 64 bits, a key that is not a string,
a lone surrogate) the standard library writes, as it did before.
"""

import hashlib
import json
from typing import Any

import orjson


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8."""
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except TypeError:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def compact_json(value: Any) -> str:
    """No spaces, keys in the value's own order, other scripts' characters as themselves."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def sha256_of(value: Any) -> str:
    """The SHA-256 of a JSON value's canonical form."""
    return hashlib.sha256(canonical_json(value)).hexdigest()
