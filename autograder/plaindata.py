"""Plain data across the sandbox boundary: arrays, numbers, strings and containers as JSON.

A grading child runs untrusted code, so what it sends back must not be able to run code or
fool a comparison in the trusted parent. ``encode`` turns a value into JSON-ready data made of
numbers, strings, lists and dicts only; ``decode`` rebuilds fresh NumPy arrays and Python
containers from it. Anything else (a custom class, an object with an ``__eq__`` that always
says yes, a generator) becomes an ``Opaque`` placeholder that equals nothing, so a check that
needs a real value fails.

``encode(..., lenient=True)`` is what the sandboxed child uses for the learner's answers: an
honest answer in an unusual container (a namedtuple, a ``str`` enum, an ``array.array``, an
object array of words) crosses as the plain data it holds. Running the learner's methods while
encoding is harmless there, since the child runs the learner's code anyway; the grader only
ever decodes.
"""

from __future__ import annotations

import base64
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


def encode(value: Any, depth: int = 0, lenient: bool = False) -> Any:
    """JSON-ready plain data for ``value`` (see the module docstring)."""
    if lenient:
        value = _plain_form(value)
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
        items = [encode(item, depth + 1, lenient) for item in value]
        return items if type(value) is list else {"__tuple__": items}
    if type(value) is dict:
        return {
            "__dict__": [
                [encode(k, depth + 1, lenient), encode(v, depth + 1, lenient)]
                for k, v in value.items()
            ]
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


def _plain_form(value: Any) -> Any:
    """The plain value an honest answer of an unusual type stands for (child side only)."""
    import array
    import enum

    if type(value) in (bool, str, int, float, complex, list, dict) or value is None:
        return value
    if isinstance(value, enum.Enum):
        value = value.value if isinstance(value.value, (str, int, float)) else value
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int) and not isinstance(value, np.generic):
        return int.__index__(value)
    if isinstance(value, float) and not isinstance(value, np.generic):
        return float.__float__(value)
    if isinstance(value, array.array):
        return value.tolist()
    if isinstance(value, np.ndarray) and value.dtype.kind == "O":
        items = value.ravel().tolist()
        if all(type(item) in (str, int, float, bool) for item in items):
            plain = np.array(items).reshape(value.shape)
            if plain.dtype.kind in _ARRAY_KINDS:
                return plain
        return value
    if isinstance(value, tuple) and type(value) is not tuple:  # a namedtuple
        return tuple(value)
    if isinstance(value, list) and type(value) is not list:
        return list(value)
    if isinstance(value, dict) and type(value) is not dict:  # OrderedDict, defaultdict
        return dict(value)
    return value


def is_opaque(data: Any, depth: int = 0) -> bool:
    """Does encoded ``data`` hold anything that cannot cross as plain data?"""
    if depth > MAX_DEPTH + 2:
        return True
    if isinstance(data, list):
        return any(is_opaque(item, depth + 1) for item in data)
    if isinstance(data, dict):
        if "__opaque__" in data or "__callable__" in data:
            return True
        if "__tuple__" in data:
            return is_opaque(data["__tuple__"], depth + 1)
        if "__dict__" in data:
            return any(is_opaque(pair, depth + 1) for pair in data["__dict__"])
    return False


def opaque_description(data: Any, depth: int = 0) -> str:
    """What in encoded ``data`` cannot cross (the first such thing found)."""
    if isinstance(data, list):
        for item in data:
            if is_opaque(item):
                return opaque_description(item, depth + 1)
    if isinstance(data, dict):
        if "__opaque__" in data:
            return str(data["__opaque__"])[:200]
        if "__callable__" in data:
            return f"function {str(data['__callable__'])[:100]} inside a container"
        for key in ("__tuple__", "__dict__"):
            if key in data:
                return opaque_description(data[key], depth + 1)
    return "a value nested too deeply"
