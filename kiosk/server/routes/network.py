"""``POST /api/v1/network``: a kiosk tells its site's badge code and key, and learns the
network's other places (their names and codes, never their keys)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel, Field

from kiosk.server.deps import KioskDep, SessionDep
from kiosk.server.schemas import ErrorOut
from kiosk.server.sites import NetworkRefused, SiteError, join_network, network_places

router = APIRouter(tags=["network"])


class NetworkIn(BaseModel):
    site_code: str = Field(min_length=1, max_length=8, description="the kiosk's [site] id")
    badge_key: str = Field(min_length=1, max_length=200, description="its site.key, as hex")


class PlaceOut(BaseModel):
    code: str
    name: str


class NetworkOut(BaseModel):
    site: PlaceOut  # the kiosk's own
    places: list[PlaceOut]  # the others, whose members' badges the server can check


@router.post(
    "/network",
    summary="Tell the site's badge key; get the network's places",
    response_model=NetworkOut,
    responses={
        401: {"model": ErrorOut, "description": "missing or unknown kiosk token"},
        403: {"model": ErrorOut, "description": "the token is of another site's kiosk"},
        409: {"model": ErrorOut, "description": "another key is this site's"},
        422: {"model": ErrorOut, "description": "not a site code or not a key"},
        429: {"model": ErrorOut, "description": "over the rate: wait Retry-After seconds"},
    },
)
def join(body: NetworkIn, session: SessionDep, kiosk: KioskDep) -> NetworkOut:
    """The first kiosk of a site to call sets the site's code and key (a site made with
    ``server add-site --code`` has its code already); every later call must say the
    same. The answer lists the other sites whose badges visiting members may show here."""
    try:
        site = join_network(session, kiosk, body.site_code, body.badge_key)
    except NetworkRefused as exc:
        code = status.HTTP_409_CONFLICT if exc.conflict else status.HTTP_403_FORBIDDEN
        raise HTTPException(code, str(exc)) from None
    except SiteError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from None
    assert site.code is not None
    return NetworkOut(
        site=PlaceOut(code=site.code, name=site.name),
        places=[
            PlaceOut(code=place.code or "", name=place.name)
            for place in network_places(session, site.id)
        ],
    )
