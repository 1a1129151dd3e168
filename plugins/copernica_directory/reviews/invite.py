"""One-time invitations: a signed token over partner, email hash and expiry.

A partner (through the partner team) invites a customer with a link that carries the token.
A submission that brings a valid token for the same partner and the same email address is a
verified review (`verification: invited`); each token counts once. Tokens look like

    v1.<partner-slug>.<expiry, unix seconds>.<nonce>.<signature>

The email hash is signed but not carried: the token reveals nothing about the address, and a
submission from another address simply does not verify. Reviews record the token's id (a hash
of its nonce), never the token, so a used token cannot be replayed from the repository.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

VERSION = "v1"
_SIGNATURE_BYTES = 16
_TOKEN_RE = re.compile(
    r"^v1\.(?P<partner>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<expires>[0-9]{1,12})"
    r"\.(?P<nonce>[A-Za-z0-9_-]{16})\.(?P<signature>[A-Za-z0-9_-]{22})$"
)
MAX_TOKEN_LENGTH = 200


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _signature(key: bytes, partner: str, email_hash: str, expires: int, nonce: str) -> str:
    message = f"{VERSION}|{partner}|{email_hash}|{expires}|{nonce}".encode()
    return _b64(hmac.new(key, message, hashlib.sha256).digest()[:_SIGNATURE_BYTES])


def token_id(nonce: str) -> str:
    """What a review records about the invitation it used: 32 hex digits."""
    return hashlib.sha256(f"review-invite:{nonce}".encode()).hexdigest()[:32]


def make_token(
    partner: str, email_hash: str, expires: dt.datetime, key: bytes, nonce: str | None = None
) -> str:
    """A new invitation token, valid until `expires`."""
    nonce = nonce or _b64(secrets.token_bytes(12))
    stamp = int(expires.timestamp())
    return ".".join(
        (VERSION, partner, str(stamp), nonce, _signature(key, partner, email_hash, stamp, nonce))
    )


@dataclass(frozen=True)
class TokenCheck:
    """The verdict on a token: valid (with its id) or why not."""

    valid: bool
    reason: str = ""
    token_id: str | None = None


def check_token(
    token: str, partner: str, email_hash: str, at: dt.datetime, key: bytes
) -> TokenCheck:
    """Is `token` a valid invitation for this partner and address at moment `at`?

    `at` is when the review was submitted, so a review written in time stays verified however
    late it is imported. Whether the token was used before is the importer's question.
    """
    match = _TOKEN_RE.match(token.strip()) if len(token) <= MAX_TOKEN_LENGTH else None
    if not match:
        return TokenCheck(False, "not an invitation code")
    if match["partner"] != partner:
        return TokenCheck(False, f"the invitation is for another partner ({match['partner']})")
    expires = int(match["expires"])
    expected = _signature(key, partner, email_hash, expires, match["nonce"])
    if not hmac.compare_digest(expected, match["signature"]):
        return TokenCheck(
            False, "the invitation was sent to another email address, or the code was altered"
        )
    if at.timestamp() > expires:
        day = dt.datetime.fromtimestamp(expires, dt.UTC).date().isoformat()
        return TokenCheck(False, f"the invitation expired on {day}")
    return TokenCheck(True, "", token_id(match["nonce"]))
