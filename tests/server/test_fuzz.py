"""Schemathesis against the real server: generated requests, from the OpenAPI schema
the server publishes, never get a 5xx. On SQLite and PostgreSQL, with a kiosk token
(the requests reach the handlers) and without one (they stop at the door).

Each run is bounded by its number of examples per operation (about 30 s on SQLite with
the defaults; the four runs stay under the 4 minutes CI gives them). The seed changes
from run to run, so CI keeps looking in new places; a failure prints it, and

    FABLAB_KIOSK_FUZZ_SEED=<seed> FABLAB_KIOSK_FUZZ_EXAMPLES=500 pytest tests/server/test_fuzz.py

replays (and widens) it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import Running

EXAMPLES = os.environ.get("FABLAB_KIOSK_FUZZ_EXAMPLES", "150")
SEED = os.environ.get("FABLAB_KIOSK_FUZZ_SEED")
RUN_S = 200  # a hung server or run fails here rather than eating CI's 90 minutes
SCHEMATHESIS = "import sys; from schemathesis.cli import schemathesis; sys.exit(schemathesis())"


@pytest.mark.parametrize("token", [True, False], ids=["kiosk-token", "no-token"])
def test_generated_requests_never_get_a_server_error(
    start_server: Callable[..., Running], tmp_path: Path, token: bool
) -> None:
    # budgets out of the way, so the requests reach the code under them
    server = start_server(rate_per_minute=10**6, report_rate_per_minute=10**6)
    command = [
        sys.executable,
        "-c",
        SCHEMATHESIS,
        "run",
        f"{server.url}/openapi.json",
        "--checks",
        "not_a_server_error",
        "--max-examples",
        EXAMPLES,
        "--workers",
        "1",  # several workers make Python 3.11's ast.parse fail inside Hypothesis
        "--generation-database",
        "none",
        "--request-timeout",
        "30",
        "--no-color",
    ]
    if token:
        command += ["--header", f"Authorization: Bearer {server.add_kiosk('fuzz')}"]
    if SEED:
        command += ["--seed", SEED]
    try:
        run = subprocess.run(
            command, cwd=tmp_path, capture_output=True, text=True, timeout=RUN_S, check=False
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"schemathesis still running after {RUN_S} s:\n{exc.stdout}")
    assert "Operations:       4 selected / 4 total" in run.stdout, run.stdout + run.stderr
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
