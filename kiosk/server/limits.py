"""The request size limit (413) and the requests a process works on at once; the
per-kiosk rate (429) is kept in the database (kiosk.server.throttle.take_token), shared
by every server process."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[Message], Any]
ASGIApp = Callable[[Scope, Receive, Send], Any]

DRAIN_FACTOR = 8  # read (and drop) up to 8x the limit so the client gets our 413


class BodySizeLimit:
    """Pure ASGI middleware: a body over *max_bytes* gets ``413`` before the app runs.

    ``Content-Length`` is checked first; a body sent without it (chunked) is counted as
    it streams. The body is read here and handed on whole, so the app never sees a
    partial one. What is over the limit is read and dropped (up to a bound) before
    answering, because a client still writing its body may miss an early reply.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            if declared <= self.max_bytes * DRAIN_FACTOR:
                await _drain(receive, self.max_bytes * DRAIN_FACTOR)
            await _too_large(send, self.max_bytes)
            return
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            more = message.get("more_body", False)
            if size > self.max_bytes:
                if more:
                    await _drain(receive, self.max_bytes * DRAIN_FACTOR - size)
                await _too_large(send, self.max_bytes)
                return
            chunks.append(chunk)
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            message: Message = await receive()
            return message

        await self.app(scope, replay, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _drain(receive: Receive, budget: int) -> None:
    while budget > 0:
        message = await receive()
        if message["type"] != "http.request":
            return
        budget -= len(message.get("body", b""))
        if not message.get("more_body", False):
            return


async def _too_large(send: Send, max_bytes: int) -> None:
    body = json.dumps(
        {"detail": f"request body over {max_bytes} bytes: send fewer events per batch"}
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RequestsAtOnce:
    """Pure ASGI middleware: at most *limit* requests in the app at once in this process;
    the others wait their turn here, in arrival order, however long it takes.

    A request holds one database connection at a time (two for a moment at most), and a
    process has a pool of them (kiosk.server.db): past it, SQLAlchemy waits 30 s for a
    free one, then fails, and 200 kiosks syncing at once got ``500`` for a third of
    their batches. Waiting here instead costs only time; the kiosk's own timeout and
    backoff deal with a server that is slow. This is flow control of the process's own
    connections, not shared state: each process has its own pool and its own limit.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self._turns: asyncio.Semaphore | None = None  # made in the server's event loop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._turns is None:
            self._turns = asyncio.Semaphore(self.limit)
        async with self._turns:
            await self.app(scope, receive, send)
