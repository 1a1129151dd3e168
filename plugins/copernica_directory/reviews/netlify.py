"""Netlify Forms submissions: reading the JSON of the submissions API, and fetching it.

GET {api}/forms/{form_id}/submissions returns a list of objects such as

    {"id": "67a1…", "number": 12, "form_name": "review", "created_at": "2026-03-14T10:22:31.925Z",
     "email": "…", "name": "…", "data": {"rating": "4", "title": "…", "ip": "…", …}, …}

paged with `page` and `per_page` and a Link header (rel="next"). Netlify adds `ip`,
`user_agent` and `referrer` to `data`; parsing drops them at once, so nothing later can store
them (the referrer is read only for an invitation code, for visitors without JavaScript).
No field is read beyond a bound (`read_max` characters): a longer value is cut as it is read,
and its full length is kept so the import can say so; the whole value stays in Netlify's store.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from copernica_directory.model.review_settings import REVIEW_SETTINGS

NEVER_STORED = frozenset({"ip", "user_agent", "referrer"})
# Top-level copies Netlify makes of common fields; `data` wins when both are there.
_TOP_LEVEL = ("name", "email", "company", "title", "body")
INVITE_FIELD = "invite"


@dataclass(frozen=True)
class Submission:
    """One form submission, as far as the review pipeline reads it."""

    id: str
    form_name: str
    created_at: dt.datetime
    fields: dict[str, str]
    # The submitted length of each field that was cut when it was read.
    cut: dict[str, int] = field(default_factory=dict)

    def get(self, name: str) -> str:
        return self.fields.get(name, "")

    def length(self, name: str) -> int:
        """How many characters were submitted in the field (also when more than was read)."""
        return self.cut.get(name, len(self.get(name)))


def _text(value: Any) -> str:
    if value is None or isinstance(value, dict):
        return ""
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value if _text(v))
    if isinstance(value, bool):
        return "on" if value else ""
    return str(value)


def _moment(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def invite_from_referrer(referrer: str) -> str:
    """The `invite` query parameter of the page the form was sent from, if any."""
    query = urllib.parse.urlsplit(referrer).query
    return urllib.parse.parse_qs(query).get(INVITE_FIELD, [""])[0]


def parse_submissions(
    document: Any, read_max: int = REVIEW_SETTINGS.field_read_max
) -> tuple[list[Submission], list[str]]:
    """Submissions from the API's JSON, and one problem line for each object it cannot read.
    Each field is read up to `read_max` characters."""
    if not isinstance(document, list):
        raise ValueError(
            "expected a JSON list of submissions (what Netlify's submissions API returns), "
            f"got a JSON {type(document).__name__}"
        )
    submissions: list[Submission] = []
    problems: list[str] = []
    for index, item in enumerate(document, start=1):
        where = f"submission {index}"
        if not isinstance(item, dict):
            problems.append(f"{where}: not a JSON object; skipped")
            continue
        sub_id = _text(item.get("id")).strip()
        if sub_id:
            where += f" (id {sub_id!r})"
        created = _moment(item.get("created_at"))
        form_name = _text(item.get("form_name")).strip()
        missing = [
            name
            for name, ok in (("id", sub_id), ("created_at", created), ("form_name", form_name))
            if not ok
        ]
        if missing:
            problems.append(f"{where}: no valid {', '.join(missing)}; not imported")
            continue
        assert created is not None
        data = item.get("data") if isinstance(item.get("data"), dict) else {}
        fields = {
            str(k): _text(v) for k, v in data.items() if k not in NEVER_STORED and _text(v).strip()
        }
        for name in _TOP_LEVEL:
            if not fields.get(name) and _text(item.get(name)).strip():
                fields[name] = _text(item[name])
        if not fields.get(INVITE_FIELD):
            token = invite_from_referrer(_text(data.get("referrer"))[:read_max])
            if token:
                fields[INVITE_FIELD] = token
        cut = {name: len(value) for name, value in fields.items() if len(value) > read_max}
        for name in cut:
            fields[name] = fields[name][:read_max]
        submissions.append(Submission(sub_id, form_name, created, fields, cut))
    return submissions, problems


class FetchError(Exception):
    """Netlify's API could not be read; the message says what to check."""


Opener = Callable[..., Any]
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


def fetch_submissions(
    form_id: str,
    token: str,
    base_url: str,
    per_page: int = 100,
    max_pages: int = 1000,
    opener: Opener = urllib.request.urlopen,
    sleep: Callable[[float], None] = time.sleep,
    retries: int = 3,
) -> list[Any]:
    """Every submission of the form, following the pages until the last one."""
    base = base_url.rstrip("/")
    origin = urllib.parse.urlsplit(base)[:2]
    query = urllib.parse.urlencode({"per_page": per_page, "page": 1})
    url: str | None = f"{base}/forms/{urllib.parse.quote(form_id, safe='')}/submissions?{query}"
    items: list[Any] = []
    for page in range(1, max_pages + 1):
        assert url is not None
        batch, link = _get_page(url, token, opener, sleep, retries)
        items.extend(batch)
        following = _next_link(link)
        if following and urllib.parse.urlsplit(following)[:2] != origin:
            # Never send the token anywhere but the API it is for.
            raise FetchError(f"the API sent a next page on another host: {following}")
        if following:
            url = following
        elif len(batch) >= per_page:
            # No Link header: a full page may have a successor; an empty page ends the list.
            query = urllib.parse.urlencode({"per_page": per_page, "page": page + 1})
            url = url.split("?", 1)[0] + "?" + query
        else:
            return items
    raise FetchError(f"more than {max_pages} pages of submissions; stopped")


def _get_page(
    url: str, token: str, opener: Opener, sleep: Callable[[float], None], retries: int
) -> tuple[list[Any], str]:
    request = urllib.request.Request(
        url,
        headers={
            "Authorization": f"Bearer {token}",
            "Accept": "application/json",
            "User-Agent": "copernica-partner-directory-reviews",
        },
    )
    for attempt in range(retries + 1):
        try:
            with opener(request, timeout=30) as response:
                body = response.read()
                link = response.headers.get("Link", "") or ""
            break
        except urllib.error.HTTPError as err:
            if err.code in _RETRY_STATUS and attempt < retries:
                sleep(_retry_after(err.headers.get("Retry-After"), attempt))
                continue
            hint = " (check NETLIFY_AUTH_TOKEN)" if err.code in (401, 403) else ""
            hint = " (check NETLIFY_FORM_ID)" if err.code == 404 else hint
            raise FetchError(f"Netlify answered {err.code} {err.reason} for {url}{hint}") from err
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            if attempt < retries:
                sleep(_retry_after(None, attempt))
                continue
            raise FetchError(f"cannot reach {url}: {err}") from err
    try:
        batch = json.loads(body)
    except ValueError as err:
        raise FetchError(f"{url} did not return JSON: {err}") from err
    if not isinstance(batch, list):
        raise FetchError(f"{url} returned a JSON {type(batch).__name__}, not a list")
    return batch, link


def _retry_after(header: str | None, attempt: int) -> float:
    try:
        return min(float(header), 60.0) if header else float(2**attempt)
    except ValueError:
        return float(2**attempt)


def _next_link(header: str) -> str | None:
    """The rel="next" address of an RFC 8288 Link header."""
    for part in header.split(","):
        section = part.split(";")
        target = section[0].strip()
        params = {p.strip().replace('"', "").lower() for p in section[1:]}
        if target.startswith("<") and target.endswith(">") and "rel=next" in params:
            return target[1:-1]
    return None
