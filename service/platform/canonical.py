"""Canonical JSON: one byte sequence per value, so hashes of plan documents are stable."""

import hashlib
import json
from typing import Any


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256_of(value: Any) -> str:
    """The SHA-256 of a JSON value's canonical form."""
    return hashlib.sha256(canonical_json(value)).hexdigest()
