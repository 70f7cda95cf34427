"""Badge tokens: what the QR code holds, how it is signed and checked, and how it is drawn.

A token is ``FLK1.<site id>.<short code>.<badge version>.<signature>``, e.g.
``FLK1.K7Q2.8M3XQ2TB.1.7ZQ4HN1C0W9RFE2A``. No personal data: the short code points to a
member in the kiosk's database. The signature is HMAC-SHA256 over everything before it,
under the site's secret, truncated to 80 bits and written in Crockford base32. The whole
token uses only characters of the QR "alphanumeric" mode (upper case, digits, dot), so
it fits a 29x29 QR at error correction Q: big modules, read fast from a distance.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import io
import re
import secrets
from dataclasses import dataclass

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "FLK1"
SHORT_CODE_LENGTH = 8
SIGNATURE_BYTES = 10
SIGNATURE_CHARS = 16  # 80 bits / 5 bits per character
_TOKEN = re.compile(
    rf"FLK1\.([{CROCKFORD}]{{4}})\.([{CROCKFORD}]{{8}})\.([1-9][0-9]{{0,5}})\.([{CROCKFORD}]{{16}})"
)
# Typing mistakes Crockford base32 forgives: O is 0, I and L are 1.
_TYPO = str.maketrans({"O": "0", "I": "1", "L": "1"})


class Refusal(enum.StrEnum):
    """Why a badge or a typed code did not check anyone in (the screens word each one)."""

    NOT_A_BADGE = "not_a_badge"  # a QR code, but not one of ours (a URL, a ticket...)
    DAMAGED = "damaged"  # ours, but cut short or garbled
    FORGED = "forged"  # the signature does not match: altered or made up
    OTHER_SITE = "other_site"  # a real badge of another fab lab
    UNKNOWN_MEMBER = "unknown_member"  # signed here, but no such member (any more)
    REVOKED = "revoked"  # an older badge of a member who got a new one
    UNKNOWN_CODE = "unknown_code"  # a typed short code that matches nobody


class BadgeRefused(Exception):
    def __init__(self, reason: Refusal, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class BadgeToken:
    site_id: str
    short_code: str
    version: int


def crockford_encode(data: bytes) -> str:
    bits = int.from_bytes(data, "big")
    n_chars = (len(data) * 8 + 4) // 5
    bits <<= n_chars * 5 - len(data) * 8
    return "".join(CROCKFORD[(bits >> (5 * i)) & 31] for i in reversed(range(n_chars)))


def new_short_code() -> str:
    """Eight random Crockford characters (40 bits): typed by hand when a badge is forgotten."""
    return "".join(secrets.choice(CROCKFORD) for _ in range(SHORT_CODE_LENGTH))


def normalize_short_code(typed: str) -> str | None:
    """The canonical short code for what a person typed, or None if it cannot be one."""
    code = re.sub(r"[\s\-.]", "", typed.upper()).translate(_TYPO)
    if len(code) != SHORT_CODE_LENGTH or any(c not in CROCKFORD for c in code):
        return None
    return code


def format_short_code(code: str) -> str:
    """``8M3XQ2TB`` -> ``8M3X-Q2TB``: easier to read out and to type."""
    return f"{code[:4]}-{code[4:]}"


def _signature(secret: bytes, body: str) -> str:
    mac = hmac.new(secret, body.encode("ascii"), hashlib.sha256).digest()
    return crockford_encode(mac[:SIGNATURE_BYTES])


def make_token(secret: bytes, site_id: str, short_code: str, version: int) -> str:
    body = f"{PREFIX}.{site_id}.{short_code}.{version}"
    return f"{body}.{_signature(secret, body)}"


def read_token(text: str) -> BadgeToken:
    """The form of a scanned token, its signature NOT checked: what a kiosk can know of
    a badge of another place (whose key it never holds).

    Raises BadgeRefused (not a badge, damaged) when the text is not of the form.
    """
    return _read(text.strip())[0]


def _read(text: str) -> tuple[BadgeToken, str]:
    if not text.startswith(PREFIX + "."):
        raise BadgeRefused(Refusal.NOT_A_BADGE, "this QR code is not a fab-lab badge")
    match = _TOKEN.fullmatch(text)
    if match is None:
        raise BadgeRefused(Refusal.DAMAGED, "the badge text is cut short or garbled")
    token_site, code, version, signature = match.groups()
    return BadgeToken(token_site, code, int(version)), signature


def verify_token(text: str, secret: bytes, site_id: str) -> BadgeToken:
    """Check the form and the signature of a scanned token (not yet the member).

    Raises BadgeRefused with the reason; a badge of another site is told apart from a
    forged one by its site id (its signature cannot be checked here).
    """
    text = text.strip()
    token, signature = _read(text)
    if token.site_id != site_id:
        raise BadgeRefused(Refusal.OTHER_SITE, f"this badge belongs to site {token.site_id}")
    expected = _signature(secret, text.rsplit(".", 1)[0])
    if not hmac.compare_digest(expected, signature):
        raise BadgeRefused(Refusal.FORGED, "the badge signature does not match")
    return token


def _qr(token: str) -> object:
    import qrcode
    from qrcode.constants import ERROR_CORRECT_Q

    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_Q, box_size=10, border=4)
    qr.add_data(token)
    qr.make(fit=True)
    return qr


def render_png(token: str, box_size: int = 10) -> bytes:
    """The QR as a PNG, black on white, *box_size* pixels per module."""
    qr = _qr(token)
    qr.box_size = box_size  # type: ignore[attr-defined]
    image = qr.make_image(fill_color="black", back_color="white")  # type: ignore[attr-defined]
    out = io.BytesIO()
    image.save(out)
    return out.getvalue()


def render_svg(token: str) -> bytes:
    """The QR as a scalable SVG path (prints sharp at any size)."""
    from qrcode.image.svg import SvgPathImage

    image = _qr(token).make_image(image_factory=SvgPathImage)  # type: ignore[attr-defined]
    out = io.BytesIO()
    image.save(out)
    return out.getvalue()


def qr_modules(token: str) -> list[list[bool]]:
    """The QR's modules (True = dark), quiet zone included: for drawing it in any toolkit."""
    matrix: list[list[bool]] = _qr(token).get_matrix()  # type: ignore[attr-defined]
    return matrix
