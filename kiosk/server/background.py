"""The server run by uvicorn in a background thread: for tests, benchmarks and embedding."""

from __future__ import annotations

import threading
import time
from types import TracebackType

import uvicorn

from kiosk.server.app import create_app
from kiosk.server.settings import ServerSettings


class ServerThread:
    """``with ServerThread(settings) as server: requests.get(server.url + ...)``.

    Port 0 lets the system pick a free port; ``url`` gives the one it picked.
    """

    def __init__(self, settings: ServerSettings, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = create_app(settings)
        config = uvicorn.Config(
            self.app,
            host=host,
            port=port,
            log_level="warning",
            lifespan="on",
            access_log=False,
            proxy_headers=False,  # only ServerSettings.trusted_proxies (kiosk.server.app)
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="server", daemon=True)
        self.url = ""

    def start(self, timeout: float = 20.0) -> ServerThread:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the server did not start (see its log above)")
            time.sleep(0.02)
        host, port = self._server.servers[0].sockets[0].getsockname()[:2]
        self.url = f"http://{host}:{port}"
        return self

    def stop(self, timeout: float = 20.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
