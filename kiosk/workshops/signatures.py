"""Signatures drawn on the pad, as vector strokes.

A signature is a list of strokes, each a list of ``(x, y, t_ms)`` points: x and y
normalised to the pad (0 to 1, left to right and top to bottom), t in milliseconds
from the first touch. It is stored packed as compact JSON of integers (x and y in
1/10000 of the pad), which keeps it exact to redraw crisply at any size, and small
(a typical signature: 2 to 4 kB). Anything absurd is refused before it is stored.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from typing import Any

from kiosk.workshops.refusals import Why, WorkshopRefused

Point = tuple[float, float, int]
Strokes = list[list[Point]]

SCALE = 10_000  # stored coordinates: 0..10000
PAD_ASPECT = 3.0  # the pad is three times as wide as it is high: the screens draw it so
MAX_STROKES = 60
MAX_POINTS_PER_STROKE = 2_000
MAX_POINTS = 10_000
MAX_DURATION_MS = 10 * 60 * 1000  # ten minutes to sign is already a lot
MIN_EXTENT = 0.01  # a dot smaller than 1 % of the pad is not a signature


def _bad(detail: str) -> WorkshopRefused:
    return WorkshopRefused(Why.BAD_SIGNATURE, detail=detail)


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _bad(f"{value!r} is not a number")
    return float(value)


def validate_strokes(raw: Any) -> Strokes:
    """The strokes, checked and normalised; :class:`WorkshopRefused` says what is wrong."""
    if not isinstance(raw, Sequence) or isinstance(raw, str | bytes):
        raise _bad("a list of strokes is expected")
    strokes = [s for s in raw if not (isinstance(s, Sequence) and len(s) == 0)]
    if not strokes:
        raise WorkshopRefused(Why.NO_STROKES)
    if len(strokes) > MAX_STROKES:
        raise _bad(f"{len(strokes)} strokes, at most {MAX_STROKES}")
    total = 0
    out: Strokes = []
    for stroke in strokes:
        if not isinstance(stroke, Sequence) or isinstance(stroke, str | bytes):
            raise _bad("a stroke is a list of points")
        if len(stroke) > MAX_POINTS_PER_STROKE:
            raise _bad(f"{len(stroke)} points in a stroke, at most {MAX_POINTS_PER_STROKE}")
        total += len(stroke)
        if total > MAX_POINTS:
            raise _bad(f"more than {MAX_POINTS} points")
        points: list[Point] = []
        for point in stroke:
            if not isinstance(point, Sequence) or len(point) != 3:
                raise _bad("a point is (x, y, t_ms)")
            x, y, t = (_number(v) for v in point)
            if not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
                raise _bad(f"point ({x}, {y}) outside the pad")
            if not 0 <= t <= MAX_DURATION_MS:
                raise _bad(f"time {t} ms outside 0..{MAX_DURATION_MS}")
            points.append((x, y, int(t)))
        out.append(points)
    xs = [p[0] for s in out for p in s]
    ys = [p[1] for s in out for p in s]
    if max(max(xs) - min(xs), max(ys) - min(ys)) < MIN_EXTENT:
        raise WorkshopRefused(Why.NO_STROKES)
    return out


def pack(strokes: Strokes) -> str:
    """Compact JSON of integers: [[[x, y, t], ...], ...] with x, y in 0..SCALE."""
    data = [[[round(x * SCALE), round(y * SCALE), t] for x, y, t in s] for s in strokes]
    return json.dumps(data, separators=(",", ":"))


def unpack(packed: str) -> Strokes:
    return [[(x / SCALE, y / SCALE, t) for x, y, t in s] for s in json.loads(packed)]


def digest(packed: str) -> str:
    """The SHA-256 the seal covers: kept when the strokes are purged, so a sheet sealed
    before the purge still verifies."""
    return hashlib.sha256(packed.encode()).hexdigest()


def checked_packed(packed: str, sha256: str | None) -> Strokes:
    """Packed strokes received from elsewhere (the server, from a kiosk's push): the same
    rules as on the pad, packed exactly so, and matching their SHA-256. ValueError (in
    English, for the sending kiosk's log) says what is wrong."""
    try:
        data = json.loads(packed)
        if not isinstance(data, list) or not all(
            isinstance(s, list)
            and all(
                isinstance(p, list)
                and len(p) == 3
                and all(isinstance(v, int) and not isinstance(v, bool) for v in p)
                for p in s
            )
            for s in data
        ):
            raise ValueError("strokes are lists of [x, y, t] integers")
        strokes = validate_strokes([[(x / SCALE, y / SCALE, t) for x, y, t in s] for s in data])
    except WorkshopRefused as exc:
        raise ValueError(f"strokes: {exc.message('en')}") from None
    except (json.JSONDecodeError, RecursionError):
        raise ValueError("strokes are not packed JSON") from None
    if pack(strokes) != packed:
        raise ValueError("strokes are not packed as kiosks pack them")
    if sha256 is not None and digest(packed) != sha256:
        raise ValueError("strokes do not match their SHA-256")
    return strokes
