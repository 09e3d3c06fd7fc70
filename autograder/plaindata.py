"""Plain data across the sandbox boundary: arrays, numbers, strings and containers as JSON.

A grading child runs untrusted code, so what it sends back must not be able to run code or
fool a comparison in the trusted parent. ``encode`` turns a value into JSON-ready data made of
numbers, strings, lists and dicts only; ``decode`` rebuilds fresh NumPy arrays and Python
containers from it. Anything else (a custom class, an object with an ``__eq__`` that always
says yes, a generator) becomes an ``Opaque`` placeholder that equals nothing, so a check that
needs a real value fails.

``fingerprint`` names a call's arguments by content, so the parent can look up the result the
child recorded for the same call.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from typing import Any

import numpy as np

# Kinds of array data that carry no code: bool, integers, floats, complex, text.
_ARRAY_KINDS = "biufcU"
MAX_DEPTH = 20


class Opaque:
    """Stands in for a value that cannot cross as data. It equals nothing, not even itself."""

    __slots__ = ("description",)

    def __init__(self, description: str) -> None:
        self.description = description

    def __eq__(self, other) -> bool:
        return False

    def __ne__(self, other) -> bool:
        return True

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return f"<{self.description}>"


def _float(value: float) -> Any:
    if math.isfinite(value):
        return value
    return {"__float__": repr(value)}  # nan, inf, -inf: JSON has no literal for them


def encode(value: Any, depth: int = 0) -> Any:
    """JSON-ready plain data for ``value`` (see the module docstring)."""
    if depth > MAX_DEPTH:
        return {"__opaque__": "a value nested too deeply"}
    if value is None or type(value) in (bool, str):
        return value
    if type(value) is int:
        return value if abs(value) < 2**63 else {"__bigint__": str(value)}
    if type(value) is float:
        return _float(value)
    if isinstance(value, np.ndarray):
        # A subclass (np.matrix, a learner's own) travels as its data: an overridden
        # comparison stays behind in the child.
        value = np.asarray(value).view(np.ndarray)
        if value.dtype.kind not in _ARRAY_KINDS:
            return {"__opaque__": f"an array of {value.dtype}"}
        data = value.copy(order="C")  # (ascontiguousarray would make a 0-d array 1-d)
        return {
            "__ndarray__": base64.b64encode(data.tobytes()).decode("ascii"),
            "dtype": data.dtype.str,
            "shape": list(data.shape),
        }
    if isinstance(value, np.generic) and type(value).__module__ == "numpy":
        if value.dtype.kind not in _ARRAY_KINDS:
            return {"__opaque__": f"a numpy {value.dtype} scalar"}
        return {"__npscalar__": encode(np.asarray(value), depth + 1)}
    if type(value) is complex:
        return {"__complex__": [_float(value.real), _float(value.imag)]}
    if type(value) in (list, tuple):
        items = [encode(item, depth + 1) for item in value]
        return items if type(value) is list else {"__tuple__": items}
    if type(value) is dict:
        return {
            "__dict__": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]
        }
    if callable(value):
        return {"__callable__": str(getattr(value, "__name__", type(value).__name__))[:100]}
    return {"__opaque__": f"a {type(value).__name__} object"}


def decode(data: Any) -> Any:
    """The value that ``encode`` described, rebuilt from plain data only."""
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [decode(item) for item in data]
    if not isinstance(data, dict) or len(data) == 0:
        return Opaque("unreadable data")
    if "__ndarray__" in data:
        dtype = np.dtype(str(data["dtype"]))
        if dtype.kind not in _ARRAY_KINDS:
            return Opaque(f"an array of {dtype}")
        shape = tuple(int(side) for side in data["shape"])
        raw = base64.b64decode(data["__ndarray__"])
        return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    if "__npscalar__" in data:
        array = decode(data["__npscalar__"])
        return array[()] if isinstance(array, np.ndarray) else Opaque("unreadable scalar")
    if "__float__" in data:
        return float(data["__float__"])
    if "__bigint__" in data:
        return int(data["__bigint__"])
    if "__complex__" in data:
        real, imag = (decode(part) for part in data["__complex__"])
        return complex(real, imag)
    if "__tuple__" in data:
        return tuple(decode(item) for item in data["__tuple__"])
    if "__dict__" in data:
        result = {}
        for key, value in data["__dict__"]:
            key = decode(key)
            try:
                result[key] = decode(value)
            except TypeError:  # an unhashable key
                return Opaque("a dict with unhashable keys")
        return result
    if "__callable__" in data:
        return Opaque(f"function {data['__callable__']}")
    return Opaque(str(data.get("__opaque__", "unreadable data"))[:200])


def encode_call(args: tuple, kwargs: dict) -> list:
    """A call's arguments as plain data: ``[positional list, keyword dict]``."""
    return [encode(list(args)), encode(dict(sorted(kwargs.items())))]


def call_text(args: tuple, kwargs: dict) -> str:
    """A call's arguments as canonical JSON text: equal arrays give equal texts."""
    return json.dumps(encode_call(args, kwargs), sort_keys=True)


def fingerprint_of(text: str) -> str:
    """The content hash of a ``call_text``."""
    return hashlib.sha256(text.encode()).hexdigest()


def fingerprint(args: tuple, kwargs: dict) -> str:
    """A content hash of a call's arguments: equal arrays give equal fingerprints."""
    return fingerprint_of(call_text(args, kwargs))
