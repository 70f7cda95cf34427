"""Badge tokens: signed, checked, refused for the right reason, drawn as a readable QR."""

from __future__ import annotations

import base64
import io
import secrets
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import datetime

import numpy as np
import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import func, select

from kiosk.badges import (
    CROCKFORD,
    BadgeRefused,
    BadgeToken,
    Refusal,
    crockford_encode,
    format_short_code,
    make_token,
    new_short_code,
    normalize_short_code,
    qr_modules,
    render_png,
    render_svg,
    verify_token,
)
from kiosk.checkin import Outcome, scan
from kiosk.models import CheckinMethod, Member, Visit
from kiosk.site import Site

MakeMember = Callable[..., Member]

SECRET = bytes(range(32))
SITE_ID = "K7Q2"
CODE = "8M3XQ2TB"


def refusal_of(text: str, secret: bytes = SECRET, site_id: str = SITE_ID) -> Refusal:
    with pytest.raises(BadgeRefused) as caught:
        verify_token(text, secret, site_id)
    return caught.value.reason


# --- token: sign and check ----------------------------------------------------------------


@pytest.mark.parametrize("version", [1, 2, 999999])
def test_token_round_trip(version: int) -> None:
    token = make_token(SECRET, SITE_ID, CODE, version)
    assert token.startswith(f"FLK1.{SITE_ID}.{CODE}.{version}.")
    assert verify_token(token, SECRET, SITE_ID) == BadgeToken(SITE_ID, CODE, version)


def test_token_surrounding_whitespace_is_ignored() -> None:
    """A USB scanner types a newline after the code."""
    token = make_token(SECRET, SITE_ID, CODE, 1)
    assert verify_token(f"  {token}\n", SECRET, SITE_ID).short_code == CODE


def test_token_fits_a_small_qr() -> None:
    """Alphanumeric-only text keeps the badge a version-3 QR (29x29 + quiet zone of 4)."""
    for version in (1, 999999):
        token = make_token(SECRET, SITE_ID, CODE, version)
        assert token.startswith("FLK1.")
        assert set(token.removeprefix("FLK1.")) <= set(CROCKFORD + ".")
        assert len(qr_modules(token)) == 29 + 2 * 4


def test_forged_token_is_refused() -> None:
    forged = make_token(secrets.token_bytes(32), SITE_ID, CODE, 1)
    assert refusal_of(forged) is Refusal.FORGED


def test_token_of_another_site_is_refused_as_other_site() -> None:
    other = make_token(secrets.token_bytes(32), "ZZZZ", CODE, 1)
    with pytest.raises(BadgeRefused) as caught:
        verify_token(other, SECRET, SITE_ID)
    assert caught.value.reason is Refusal.OTHER_SITE
    assert "ZZZZ" in caught.value.detail


def _swap(char: str) -> str:
    return CROCKFORD[(CROCKFORD.index(char) + 1) % len(CROCKFORD)]


@pytest.mark.parametrize("position", range(8))
def test_altered_short_code_is_refused_as_forged(position: int) -> None:
    token = make_token(SECRET, SITE_ID, CODE, 1)
    start = len("FLK1.K7Q2.") + position
    altered = token[:start] + _swap(token[start]) + token[start + 1 :]
    assert altered != token
    assert refusal_of(altered) is Refusal.FORGED


@pytest.mark.parametrize(("version", "altered_version"), [(1, "2"), (2, "1"), (3, "30")])
def test_altered_version_is_refused_as_forged(version: int, altered_version: str) -> None:
    prefix, site_id, code, _, signature = make_token(SECRET, SITE_ID, CODE, version).split(".")
    altered = ".".join([prefix, site_id, code, altered_version, signature])
    assert refusal_of(altered) is Refusal.FORGED


def test_altered_signature_is_refused_as_forged() -> None:
    token = make_token(SECRET, SITE_ID, CODE, 1)
    altered = token[:-1] + _swap(token[-1])
    assert refusal_of(altered) is Refusal.FORGED


def test_truncated_token_is_refused_as_damaged() -> None:
    token = make_token(SECRET, SITE_ID, CODE, 1)
    for length in range(len("FLK1."), len(token)):
        assert refusal_of(token[:length]) is Refusal.DAMAGED, token[:length]


@pytest.mark.parametrize(
    "garbled",
    [
        "FLK1.K7Q2.8M3XQ2TB.0.MX41AK2HTYFPMVH0",  # version 0 does not exist
        "FLK1.K7Q2.8M3XQ2TB.1.MX41AK2HTYFPMVH0X",  # one character too many
        "FLK1.K7Q2.8M3XQ2TU.1.MX41AK2HTYFPMVH0",  # U is not Crockford
        "FLK1.K7Q2.8M3XQ2TB.1.MX41AK2HTYFPMVH0.EXTRA",
    ],
)
def test_garbled_token_is_refused_as_damaged(garbled: str) -> None:
    assert refusal_of(garbled) is Refusal.DAMAGED


@pytest.mark.parametrize("text", ["https://example.org", "hello", "", "FLK2.K7Q2.8M3XQ2TB.1.X"])
def test_foreign_qr_is_not_a_badge(text: str) -> None:
    assert refusal_of(text) is Refusal.NOT_A_BADGE


# --- the same refusals through the check-in path (and nothing recorded) ---------------------


def _scan(site: Site, text: str, now: datetime) -> Refusal | Outcome:
    with site.transaction() as session:
        result = scan(
            session, site.settings, site.secret, text, method=CheckinMethod.BADGE, now=now
        )
    return result.reason if result.reason is not None else result.outcome


def visit_count(site: Site) -> int:
    with site.sessions() as session:
        return session.scalar(select(func.count()).select_from(Visit)) or 0


def test_check_in_path_refuses_each_bad_badge_without_a_visit(
    site: Site, make_member: MakeMember, now: datetime
) -> None:
    member = make_member()
    real = site.badge_token(member)
    sid, code = site.settings.site_id, member.short_code
    other_site = "ZZZZ" if sid != "ZZZZ" else "YYYY"
    prefix, _, _, _, signature = real.split(".")
    cases = {
        make_token(secrets.token_bytes(32), sid, code, 1): Refusal.FORGED,
        ".".join([prefix, sid, code, "2", signature]): Refusal.FORGED,
        real[:20]: Refusal.DAMAGED,
        make_token(site.secret, other_site, code, 1): Refusal.OTHER_SITE,
        "https://example.org": Refusal.NOT_A_BADGE,
        "hello": Refusal.NOT_A_BADGE,
    }
    for text, reason in cases.items():
        assert _scan(site, text, now) is reason, text
    assert visit_count(site) == 0


def test_lower_case_token_is_accepted_at_check_in(
    site: Site, make_member: MakeMember, now: datetime
) -> None:
    """Some USB scanners type with caps lock inverted; the kiosk upper-cases the text."""
    member = make_member()
    token = site.badge_token(member).lower()
    assert _scan(site, token, now) is Outcome.CHECKED_IN
    assert visit_count(site) == 1


# --- short codes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("8M3XQ2TB", "8M3XQ2TB"),
        ("8M3X-Q2TB", "8M3XQ2TB"),
        ("8m3x-q2tb", "8M3XQ2TB"),
        (" 8M3X Q2TB ", "8M3XQ2TB"),
        ("8M 3X-Q2 TB", "8M3XQ2TB"),
        ("8M3X.Q2TB", "8M3XQ2TB"),
        ("O0OO-OOOO", "00000000"),  # O is read as zero
        ("I1LI-il1l", "11111111"),  # I and L are read as one
        ("ab0d-efgh", "AB0DEFGH"),
    ],
)
def test_short_code_normalisation(typed: str, expected: str) -> None:
    assert normalize_short_code(typed) == expected


@pytest.mark.parametrize("typed", ["", "8M3XQ2T", "8M3XQ2TBX", "8M3X-Q2T", "8M3XQ2TU", "8M3X?2TB"])
def test_short_code_that_cannot_be_one_is_none(typed: str) -> None:
    assert normalize_short_code(typed) is None


def test_new_short_codes_are_typeable_and_display_with_a_dash() -> None:
    codes = {new_short_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 8 and set(code) <= set(CROCKFORD)
        assert normalize_short_code(format_short_code(code).lower()) == code
    assert format_short_code("8M3XQ2TB") == "8M3X-Q2TB"


# --- Crockford base32 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"", ""),
        (b"\x00", "00"),
        (b"\xff", "ZW"),
        (b"f", "CR"),
        (b"Hello", "91JPRV3F"),
        (b"foobar", "CSQPYRK1E8"),
        (b"\x00" * 5, "00000000"),
        (b"\xff" * 5, "ZZZZZZZZ"),
    ],
)
def test_crockford_encode_known_vectors(data: bytes, text: str) -> None:
    assert crockford_encode(data) == text


def test_crockford_encode_agrees_with_rfc4648_base32() -> None:
    """Same bits as the standard base32, written with Crockford's alphabet."""
    rfc = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    to_crockford = str.maketrans(rfc, CROCKFORD)
    for n in (5, 10, 15):
        data = secrets.token_bytes(n)
        assert crockford_encode(data) == base64.b32encode(data).decode().translate(to_crockford)


# --- rendering ----------------------------------------------------------------------------


def _decode_png(png: bytes) -> list[str]:
    image = Image.open(io.BytesIO(png)).convert("L")
    return [r.text for r in zxingcpp.read_barcodes(np.asarray(image))]


def test_png_badge_decodes_back_to_the_token() -> None:
    token = make_token(SECRET, SITE_ID, CODE, 1)
    png = render_png(token)
    assert png.startswith(b"\x89PNG")
    assert _decode_png(png) == [token]


def test_png_badge_box_size_sets_the_pixel_size() -> None:
    token = make_token(SECRET, SITE_ID, CODE, 1)
    modules = len(qr_modules(token))
    image = Image.open(io.BytesIO(render_png(token, box_size=4)))
    assert image.size == (modules * 4, modules * 4)
    assert _decode_png(render_png(token, box_size=4)) == [token]


def test_svg_badge_is_an_svg_document() -> None:
    svg = render_svg(make_token(SECRET, SITE_ID, CODE, 1))
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find(".//{http://www.w3.org/2000/svg}path") is not None
