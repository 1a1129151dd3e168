"""Web addresses in content: parsed, checked and stored in one normal form.

An address is written into `href` attributes, JSON-LD, the API, the CSV and calendars, so it
must be an address and nothing more: https, a real host name, no user name or password, no
characters that could end an attribute or a tag. Decisions:

- **https only**, on its default port: an address with another port (`:8080`) is refused, as
  is `:443` written out (dropped when normalising).
- **A domain name, not an IP address**: at least two labels, letters, digits and hyphens
  (IDNA 2008 with UTS 46 mapping for international names, stored as `xn--` punycode), a top
  level domain of letters (or an `xn--` one). IP literals (`192.0.2.1`, `[2001:db8::1]`), hosts
  that browsers read as one (`0x7f.1`), single labels (`localhost`) and a trailing dot are
  refused: partners' sites and registration pages have names.
- **No whitespace, quotes, angle brackets, backslashes, backticks, braces, `|` or `^`**, no
  control or invisible characters; a `%` must start a `%XX` escape.
- **Normal form**: scheme and host in lower case, the host as punycode, the path `/` when
  there is none, other non-ASCII characters in the path, query and fragment percent-encoded
  as UTF-8. `HTTPS://WWW.Example.COM` is stored as `https://www.example.com/`.
"""

from __future__ import annotations

import ipaddress
import re
import urllib.parse

from copernica_directory.model.chars import invisible_problem

MAX_LENGTH = 300
_FORBIDDEN = frozenset("\"'<>\\`{}|^")
_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_TOP_LEVEL = re.compile(r"^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# Characters kept as they are in a path, query or fragment; the rest (non-ASCII) is encoded.
_SAFE = "/?#[]@!$&()*+,;=:-._~%"


class UrlError(ValueError):
    """Why a text is not an address we publish (a sentence for the partner)."""


def _host(name: str) -> str:
    """The host name in its ASCII (punycode) form, lower case; UrlError when it is not one."""
    if name.startswith("["):
        raise UrlError("the host is an IP address; use the site's domain name")
    if name.endswith("."):
        raise UrlError(f"the host {name!r} ends with a dot; remove it")
    try:
        ipaddress.ip_address(name)
    except ValueError:
        pass
    else:
        raise UrlError("the host is an IP address; use the site's domain name")
    ascii_host = name.lower()
    if not name.isascii() or "xn--" in ascii_host:
        # Imported for international names only: most hosts are plain ASCII, which the label
        # rules below check alone.
        import idna

        try:
            ascii_host = idna.encode(name, uts46=True).decode("ascii").lower()
        except (idna.IDNAError, UnicodeError) as err:
            raise UrlError(f"the host {name!r} is not a valid domain name ({err})") from None
    labels = ascii_host.split(".")
    if len(labels) < 2:
        raise UrlError(
            f"the host {name!r} has no domain ending (like .com or .nl); give the full name"
        )
    if len(ascii_host) > 253 or not all(_LABEL.match(label) for label in labels):
        raise UrlError(f"the host {name!r} is not a valid domain name")
    if not _TOP_LEVEL.match(labels[-1]):
        # Digits there make browsers read the host as an IP address (0x7f.1 is 127.0.0.1).
        raise UrlError(f"the host {name!r} does not end in a domain ending like .com or .nl")
    return ascii_host


def normalise_url(text: str) -> str:
    """The normal form of an https:// address; UrlError (with the reason) if it is not one."""
    if len(text) > MAX_LENGTH:
        raise UrlError(f"is {len(text)} characters; at most {MAX_LENGTH} allowed")
    invisible = invisible_problem(text)
    if invisible:
        raise UrlError(invisible)
    if any(ch.isspace() for ch in text):
        raise UrlError("contains a space; a web address has none (write %20)")
    bad = sorted({ch for ch in text if ch in _FORBIDDEN})
    if bad:
        shown = " ".join(bad)
        raise UrlError(f"contains {shown}, which a web address may not hold; remove it")
    if _BAD_PERCENT.search(text):
        raise UrlError("has a % that does not start a %XX escape")
    try:
        parts = urllib.parse.urlsplit(text)
    except ValueError:  # an unclosed [ in the host
        raise UrlError("is not a web address") from None
    if parts.scheme.lower() != "https":
        raise UrlError(f"uses {parts.scheme or 'no scheme'}")
    if not parts.netloc:
        raise UrlError("has no host name after https://")
    if "@" in parts.netloc:
        raise UrlError("holds a user name or password (before @); remove it")
    try:
        port = parts.port
    except ValueError:
        raise UrlError("has a port that is not a number") from None
    if port not in (None, 443):
        raise UrlError(f"has a port number (:{port}); use the site's normal https address")
    host = _host(parts.hostname or "")
    path = urllib.parse.quote(parts.path or "/", safe=_SAFE)
    url = f"https://{host}{path}"
    if parts.query:
        url += "?" + urllib.parse.quote(parts.query, safe=_SAFE)
    if parts.fragment:
        url += "#" + urllib.parse.quote(parts.fragment, safe=_SAFE)
    if len(url) > MAX_LENGTH:
        raise UrlError(f"is {len(url)} characters written out; at most {MAX_LENGTH} allowed")
    return url
