"""The JSON the service writes is byte for byte what the standard library wrote before orjson wrote it: a save's
audit hashes, a submission's hash and every stored document stay as they were."""

import hashlib
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from service.platform.canonical import canonical_json, compact_json, sha256_of

# What plans and their records hold: no floats (money and percentages are decimal strings).
_SCALARS = st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**64 - 1) | st.text()
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=40)


def _standard_canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@settings(max_examples=150, deadline=None)
@given(_VALUES)
def test_canonical_json_is_the_standard_librarys(value: Any) -> None:
    assert canonical_json(value) == _standard_canonical(value)


@settings(max_examples=150, deadline=None)
@given(_VALUES)
def test_compact_json_is_the_standard_librarys(value: Any) -> None:
    assert compact_json(value) == json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def test_what_orjson_refuses_is_written_as_before() -> None:
    beyond_64_bits = {"people": 2**70, "name": "Café ☕"}
    numbered_keys = {2: "two", 1: [None, True]}
    for value in (beyond_64_bits, numbered_keys):
        assert canonical_json(value) == _standard_canonical(value)
        assert compact_json(value) == json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def test_a_documents_hash_is_its_sorted_compact_utf8() -> None:
    document = {"b": "£1,250.00", "a": [1, {"d": None, "c": "Ünïcödé"}]}
    assert canonical_json(document) == '{"a":[1,{"c":"Ünïcödé","d":null}],"b":"£1,250.00"}'.encode()
    assert sha256_of(document) == hashlib.sha256(canonical_json(document)).hexdigest()
