"""The HTTP client of the sync API (docs/sync-api.md), with requests.

Every call has a timeout (connect 5 s, read 30 s) and every failure is one of the typed
errors below, which :mod:`kiosk.sync.flush` turns into words and a backoff.
"""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime
from typing import Any

import requests

from kiosk.reports.yearly import YearlyReport

API = "/api/v1"


class SyncError(Exception):
    """The sync could not be done; ``kind`` is what the staff screen says in words."""

    kind = "server"


class ServerUnreachable(SyncError):
    """No answer: network down, server down, or a timeout."""

    kind = "unreachable"


class ServerBusy(SyncError):
    """429 or 5xx: try again later, not before ``retry_after`` seconds if given."""

    kind = "busy"

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class TokenRefused(SyncError):
    """401: the server does not know this kiosk's token (``connect`` again)."""

    kind = "token"


class BatchTooLarge(SyncError):
    """413: the body was over the server's limit; send fewer events at a time."""


class ServerError(SyncError):
    """Any other answer the kiosk cannot use (4xx, a body not of the contract's shape);
    ``status``: the HTTP status when the server answered one (None: a bad body)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` in seconds: a number of seconds or an HTTP date (RFC 9110)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _detail(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200].strip()
    if isinstance(body, dict) and "detail" in body:
        return str(body["detail"])[:200]
    return str(body)[:200]


class SyncClient:
    """One kiosk talking to its server; a ``requests.Session`` keeps the connection."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = (5, 30),
        site_code: str | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        # this kiosk's [site] id: a server whose token is of another site refuses (403)
        self.site_code = site_code
        self.http = session or requests.Session()
        self.timeout = timeout

    def close(self) -> None:
        self.http.close()

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if self.site_code:
            headers["X-Fablab-Site"] = self.site_code
        url = f"{self.base_url}{API}{path}"
        try:
            response = self.http.request(
                method, url, headers=headers, timeout=self.timeout, **kwargs
            )
        except requests.Timeout as exc:
            raise ServerUnreachable(f"no answer from {self.base_url} in time") from exc
        except requests.ConnectionError as exc:
            raise ServerUnreachable(f"cannot reach {self.base_url}") from exc
        except requests.RequestException as exc:
            raise ServerError(f"request to {self.base_url} failed: {exc}") from exc
        status = response.status_code
        if status == 401:
            raise TokenRefused("the server refused this kiosk's token")
        if status == 413:
            raise BatchTooLarge(f"the server found the batch too large: {_detail(response)}")
        if status == 429 or status >= 500:
            retry = parse_retry_after(response.headers.get("Retry-After"))
            words = "too many requests" if status == 429 else f"server error {status}"
            raise ServerBusy(f"{words}: {_detail(response)}", retry)
        if status != 200:
            raise ServerError(f"the server answered {status}: {_detail(response)}", status)
        try:
            return response.json()
        except ValueError as exc:
            raise ServerError("the server's answer is not JSON") from exc

    def health(self) -> dict[str, Any]:
        """``GET /health``; with the token, the answer names the token's kiosk."""
        body = self._call("GET", "/health")
        if not isinstance(body, dict):
            raise ServerError("the health answer is not an object")
        return body

    def push(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """``POST /events``: one result per event, in order (checked)."""
        body = self._call("POST", "/events", json={"events": events})
        results = body.get("results") if isinstance(body, dict) else None
        if not isinstance(results, list) or len(results) != len(events):
            raise ServerError("the server's answer to a batch does not list every event")
        for sent, result in zip(events, results, strict=True):
            if not isinstance(result, dict) or result.get("id") != sent["id"]:
                raise ServerError("the server's answer to a batch is out of order")
        return results

    def changes(self, since: int, limit: int = 500) -> dict[str, Any]:
        """``GET /changes``: ``{"changes": [...], "cursor": N, "more": bool}``."""
        body = self._call("GET", "/changes", params={"since": since, "limit": limit})
        if not isinstance(body, dict) or not isinstance(body.get("changes"), list):
            raise ServerError("the server's changes answer is not of the expected shape")
        return body

    def network(self, site_code: str, badge_key: str) -> dict[str, Any]:
        """``POST /network``: register this site's badge key, get the network's places
        (kiosk.sync.network reads the answer; 403, 404, 409 are ServerError.status)."""
        body = self._call("POST", "/network", json={"site_code": site_code, "badge_key": badge_key})
        if not isinstance(body, dict):
            raise ServerError("the server's network answer is not an object")
        return body

    def visit_report(self, year: int) -> YearlyReport:
        """``GET /reports/visits?year=``: the yearly counts of all kiosks together."""
        body = self._call("GET", "/reports/visits", params={"year": year})
        try:
            return YearlyReport.from_json(body)
        except ValueError as exc:
            raise ServerError(f"the server's report is not of the expected shape: {exc}") from exc
