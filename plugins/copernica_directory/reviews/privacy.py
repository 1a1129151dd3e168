"""Email addresses are never stored: only a keyed hash (HMAC-SHA-256) that can tell whether two
reviews came from the same address, and cannot be turned back into one without the key."""

from __future__ import annotations

import hashlib
import hmac
import os
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

HASH_KEY_ENV = "REVIEW_HASH_KEY"
TOKEN_KEY_ENV = "REVIEW_TOKEN_KEY"
MIN_KEY_LENGTH = 16
# Domain separation: the invitation key derived from the hash key is never the hash key itself.
_TOKEN_KEY_LABEL = b"copernica-partner-directory/review-invite/v1"

# Addresses at these domains say nothing about who the reviewer works for.
FREE_MAIL_DOMAINS = frozenset(
    {
        *("gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com"),
        *("yahoo.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com"),
        *("gmx.de", "gmx.net", "web.de", "t-online.de", "ziggo.nl", "kpnmail.nl", "hetnet.nl"),
        *("planet.nl", "xs4all.nl", "telenet.be", "skynet.be", "orange.fr", "free.fr"),
        *("laposte.net", "online.no", "telia.com"),
    }
)


class MissingKey(Exception):
    """A secret the command needs is not in the environment (or too short to be one)."""


@dataclass(frozen=True)
class Keys:
    """The secrets: one keys the email hashes, the other signs invitations."""

    hash_key: bytes
    token_key: bytes


def keys_from_env(environ: Mapping[str, str] | None = None) -> Keys:
    """Read REVIEW_HASH_KEY (required) and REVIEW_TOKEN_KEY (optional, else derived)."""
    env = os.environ if environ is None else environ
    hash_key = env.get(HASH_KEY_ENV, "")
    if not hash_key:
        raise MissingKey(
            f"{HASH_KEY_ENV} is not set. Reviews store only a keyed hash of each email address, "
            "never the address, and the key is that secret: use the same value as the import "
            "in CI (a repository secret)."
        )
    if len(hash_key) < MIN_KEY_LENGTH:
        raise MissingKey(
            f"{HASH_KEY_ENV} is too short to be a secret: use at least {MIN_KEY_LENGTH} random "
            "characters (e.g. the output of: python3 -c 'import secrets; "
            "print(secrets.token_urlsafe(32))')."
        )
    token_key = env.get(TOKEN_KEY_ENV, "")
    if token_key and len(token_key) < MIN_KEY_LENGTH:
        raise MissingKey(f"{TOKEN_KEY_ENV} is too short: use at least {MIN_KEY_LENGTH} characters")
    derived = hmac.new(hash_key.encode(), _TOKEN_KEY_LABEL, hashlib.sha256).digest()
    return Keys(hash_key.encode(), token_key.encode() if token_key else derived)


def normalize_email(address: str) -> str:
    """The form used for hashing: trimmed and lower case (the invite and the import agree)."""
    return address.strip().lower()


def email_hash(address: str, key: bytes) -> str:
    """HMAC-SHA-256 of the normalised address, as 64 hex digits."""
    return hmac.new(key, normalize_email(address).encode(), hashlib.sha256).hexdigest()


def email_domain(address: str) -> str:
    """The part after the last @, lower case."""
    return normalize_email(address).rpartition("@")[2].strip(".")


def _bare(host: str) -> str:
    host = host.lower().strip(".")
    return host[4:] if host.startswith("www.") else host


def organisation_domains(website: str, contact_email: str) -> frozenset[str]:
    """The domains a partner's own staff mail from: its website's and its contact address's."""
    domains = {_bare(urllib.parse.urlsplit(website).hostname or "")}
    contact = email_domain(contact_email)
    if contact not in FREE_MAIL_DOMAINS:
        domains.add(_bare(contact))
    return frozenset(d for d in domains if "." in d)


def at_domain(address_domain: str, domains: Iterable[str]) -> str | None:
    """The domain of `domains` the address belongs to (itself or a subdomain), if any."""
    address_domain = _bare(address_domain)
    for domain in domains:
        if address_domain == domain or address_domain.endswith("." + domain):
            return domain
    return None
