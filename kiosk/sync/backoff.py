"""Exponential backoff with full jitter (docs/sync-api.md, "Retry rules").

The n-th failure in a row waits a random time in [0, min(cap, base * 2**n)]; a
``Retry-After`` from the server is a floor, itself held to the cap: a broken proxy
answering ``Retry-After: 3153600000`` must not silence a kiosk for a hundred years.
A success resets it.
"""

from __future__ import annotations

import math
import random


class Backoff:
    def __init__(
        self, base: float = 2.0, cap: float = 300.0, rng: random.Random | None = None
    ) -> None:
        self.base = base
        self.cap = cap
        self.rng = rng or random.Random()
        self.failures = 0

    def ceiling(self, failures: int | None = None) -> float:
        """The longest wait after *failures* failures in a row (default: so far)."""
        n = self.failures if failures is None else failures
        return float(min(self.cap, self.base * 2 ** min(n, 32)))

    def next_delay(self, retry_after: float | None = None) -> float:
        """Seconds to wait after one more failure (never more than the cap)."""
        delay = self.rng.uniform(0, self.ceiling())
        self.failures += 1
        if retry_after is not None and not math.isnan(retry_after):
            delay = max(delay, retry_after)
        return min(delay, self.cap)

    def reset(self) -> None:
        self.failures = 0
