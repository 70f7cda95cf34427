"""Schemathesis against the real server: generated requests, from the OpenAPI schema
the server publishes, never get a 5xx. On SQLite and PostgreSQL, with a kiosk token
(the requests reach the handlers), without one (they stop at the door), and with a
token and the published schema made precise about payloads (below), so that events get
past the envelope into kiosk.server.ingest, the tables and the reports.

Each run is bounded by its number of examples per operation: 20 to 40 s each with the
defaults, the six runs about 3 minutes (CI gives them 4). The seed changes
from run to run, so CI keeps looking in new places; a failure prints it, and

    FABLAB_KIOSK_FUZZ_SEED=<seed> FABLAB_KIOSK_FUZZ_EXAMPLES=500 pytest tests/server/test_fuzz.py

replays (and widens) it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk.server.schemas import PAYLOADS

from .conftest import Running

EXAMPLES = os.environ.get("FABLAB_KIOSK_FUZZ_EXAMPLES", "100")
SEED = os.environ.get("FABLAB_KIOSK_FUZZ_SEED")
RUN_S = 480  # a hung server or run fails here rather than eating CI's 90 minutes
SCHEMATHESIS = "import sys; from schemathesis.cli import schemathesis; sys.exit(schemathesis())"


def with_payloads(schema: dict[str, Any]) -> dict[str, Any]:
    """The published schema, with an event's ``kind`` and ``payload`` spelled out: one
    shape per kind (kiosk.server.schemas.PAYLOADS), instead of "any object", which
    the server would only ever answer with ``rejected``."""
    envelope = schema["components"]["schemas"]["EventIn"]
    shapes = []
    for kind, model in PAYLOADS.items():
        shape = json.loads(json.dumps(envelope))
        shape["properties"]["kind"] = {"type": "string", "enum": [kind]}
        shape["properties"]["payload"] = model.model_json_schema()
        shape["title"] = f"EventIn_{kind}"
        shapes.append(shape)
    schema["components"]["schemas"]["EventIn"] = {"oneOf": shapes}
    return schema


@pytest.mark.parametrize(
    ("token", "payloads"),
    [(True, False), (False, False), (True, True)],
    ids=["kiosk-token", "no-token", "kiosk-payloads"],
)
def test_generated_requests_never_get_a_server_error(
    start_server: Callable[..., Running], tmp_path: Path, token: bool, payloads: bool
) -> None:
    # budgets out of the way, so the requests reach the code under them
    server = start_server(rate_per_minute=10**6, report_rate_per_minute=10**6)
    location = f"{server.url}/openapi.json"
    if payloads:
        published = requests.get(location, timeout=10).json()
        location = str(tmp_path / "openapi-payloads.json")
        Path(location).write_text(json.dumps(with_payloads(published)), encoding="utf-8")
    command = [
        sys.executable,
        "-c",
        SCHEMATHESIS,
        "run",
        location,
        "--url",
        server.url,
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
    assert "Operations:       5 selected / 5 total" in run.stdout, run.stdout + run.stderr
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]


def test_what_the_fuzzer_found_is_refused_clearly(server: Running) -> None:
    """Found by the run above on PostgreSQL (INTEGER column): a 500 for the batch."""
    token = server.add_kiosk("door")
    member = {"id": "m-1", "status": "active", "badge_version": 2**31}
    event = {
        "id": "a15709f5-847e-3e7a-a878-f4d844051bb8",
        "kind": "member",
        "occurred_at": "2026-11-29T10:00:00+01:00",
        "payload": member,
    }
    reply = server.push(token, [event])
    assert reply.status_code == 200, reply.text
    (result,) = reply.json()["results"]
    assert result["status"] == "rejected" and "badge_version" in result["error"]
