"""The network's places, after each sync round (issue 15, "network visitors").

``POST /api/v1/network`` registers this site's badge key (``site.key``) with the central
server, which alone checks the signature of a badge of another place, and answers with
the other places of the network whose key it holds: their codes and names, never a key.
They replace the ``network_place`` rows whole, in one transaction.

- 403: the token's site has another code than ``[site] id``; 409: the server holds
  another key for this site (the kiosks of one site must share site.key). Either is
  logged and kept in ``sync_state.network_problem``, which staff mode and the doctor
  show; the list stays as it was.
- 404: a server from before the network: no network, quietly (the list is emptied).
- unreachable, busy, a body not of the contract: logged, the list stays as it was;
  the next round tries again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk.badges import CROCKFORD
from kiosk.models import utcnow
from kiosk.network import Place, replace_places
from kiosk.plaintext import clean_text
from kiosk.site import Site
from kiosk.sync.client import ServerError, SyncClient, SyncError
from kiosk.sync.pull import state_row

log = logging.getLogger(__name__)
NAME_LENGTH = 120  # network_place.name


@dataclass(frozen=True)
class NetworkResult:
    places: int | None  # places listed now (None: the list was left as it was)
    problem: str | None = None  # 403 or 409 in words (kept for staff mode and the doctor)


def _code(value: object) -> str:
    if not isinstance(value, str) or len(value) != 4 or any(c not in CROCKFORD for c in value):
        raise ValueError(f"{value!r} is not a site code (4 characters of a badge)")
    return value


def _name(value: object) -> str:
    if not isinstance(value, str) or not clean_text(value).strip():
        raise ValueError(f"{value!r} is not a place's name")
    return clean_text(value).strip()[:NAME_LENGTH]


def read_places(body: dict[str, Any], site_code: str) -> list[Place]:
    """The places of the server's answer; ValueError when it is not of the contract's
    shape (then nothing is replaced: never half a list)."""
    site = body.get("site")
    if isinstance(site, dict) and site.get("code") not in (None, site_code):
        raise ValueError(f"the answer is about site {site.get('code')!r}, not {site_code}")
    places = body.get("places")
    if not isinstance(places, list):
        raise ValueError("no list of places")
    read: list[Place] = []
    for item in places:
        if not isinstance(item, dict):
            raise ValueError("a place is not an object")
        code = _code(item.get("code"))
        if code != site_code:  # this site is not a place to visit from itself
            read.append(Place(code, _name(item.get("name"))))
    return read


def _problem_words(status: int | None, site_code: str, detail: str) -> str | None:
    if status == 403:
        return (
            f"le serveur rattache le jeton de ce kiosque à un autre site que {site_code} "
            f"([site] id de config.toml) / the server ties this kiosk's token to another "
            f"site than {site_code}: {detail}"
        )
    if status == 409:
        return (
            f"le serveur a déjà une autre clé de badges pour le site {site_code} : les "
            "kiosques d'un même site doivent partager le même site.key / the server holds "
            f"another badge key for site {site_code}: the kiosks of one site must share "
            f"site.key ({detail})"
        )
    return None


def refresh_network(
    site: Site, client: SyncClient, *, now: Callable[[], datetime] = utcnow
) -> NetworkResult:
    """One exchange (blocking, after a sync round); never raises for the server."""
    code = site.settings.site_id
    try:
        body = client.network(code, site.secret.hex())
        places = read_places(body, code)
    except ServerError as exc:
        if exc.status == 404:  # an older server: no network
            return _store(site, [], None, now())
        problem = _problem_words(exc.status, code, str(exc))
        if problem is None:
            log.warning("the network's places could not be read: %s", exc)
            return NetworkResult(None)
        log.warning("network: %s", problem)
        with site.transaction() as session:
            state_row(session).network_problem = problem
        return NetworkResult(None, problem)
    except SyncError as exc:  # unreachable, busy: the next round tries again
        log.info("the network's places were not fetched: %s", exc)
        return NetworkResult(None)
    except ValueError as exc:
        log.warning("the server's network answer is not of the expected shape: %s", exc)
        return NetworkResult(None)
    return _store(site, places, None, now())


def _store(site: Site, places: list[Place], problem: str | None, at: datetime) -> NetworkResult:
    with site.transaction() as session:
        count = replace_places(session, places, at)
        state_row(session).network_problem = problem
    return NetworkResult(count, problem)
