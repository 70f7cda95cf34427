"""Slow password hashing (scrypt) for the staff PIN and staff passwords.

Stored as ``scrypt$n$r$p$salt$hash`` so the cost can be raised later without breaking
what is stored. A damaged stored value refuses the secret; it never raises.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

N, R, P = 2**14, 8, 1


def scrypt_hash(secret: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=N, r=R, p=P)
    return f"scrypt${N}${R}${P}${salt.hex()}${digest.hex()}"


def scrypt_verify(secret: str, stored: str) -> bool:
    try:
        algo, n, r, p, salt, digest = stored.split("$")
        if algo != "scrypt":
            return False
        expected = bytes.fromhex(digest)
        got = hashlib.scrypt(
            secret.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p)
        )
    except (ValueError, OverflowError):
        return False
    return hmac.compare_digest(got, expected)
