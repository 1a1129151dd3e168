"""The command line behind scripts/reviews.py: import, queue, approve, reject, respond, invite.

Exit status: 0 done, 1 problems found (content problems, a refused transition, an unreachable
API, submissions that could not be read), 2 misuse (bad arguments, a missing secret or file).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from email_validator import EmailNotValidError, validate_email

from copernica_directory.cli import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    add_content_option,
    parse_args,
)
from copernica_directory.model import Review, display_path, format_problems, load_content
from copernica_directory.model.loader import load_review_text, review_paths
from copernica_directory.model.personal_data import describe, phone_regions, redact
from copernica_directory.model.review_settings import (
    REVIEW_SETTINGS,
    netlify_api_url,
    netlify_form_id,
    site_url,
)
from copernica_directory.model.schema import SLUG_RE
from copernica_directory.model.vocab import DEFAULT_LANGUAGE, SITE_LANGUAGES, language_prefix
from copernica_directory.reviews.importer import ContentProblems, import_submissions
from copernica_directory.reviews.invite import make_token
from copernica_directory.reviews.moderation import (
    TransitionError,
    approve,
    pending_queue,
    reject,
    respond,
)
from copernica_directory.reviews.netlify import FetchError, fetch_submissions
from copernica_directory.reviews.privacy import Keys, MissingKey, email_hash, keys_from_env
from copernica_directory.reviews.store import review_yaml, write_atomic
from copernica_directory.reviews.text import clean_text, clip

TOKEN_ENV = "NETLIFY_AUTH_TOKEN"
PROG = "reviews.py"
S = REVIEW_SETTINGS


class Usage(Exception):
    """Misuse: the message is printed and the exit status is 2."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _err(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def _keys(consequence: str) -> Keys:
    try:
        return keys_from_env()
    except MissingKey as err:
        raise Usage(f"{err} {consequence}") from None


def _one_line(value: str, what: str, limit: int) -> str:
    text = clean_text(value)
    if not text:
        raise Usage(f"{what} is empty")
    if len(text) > limit:
        raise Usage(f"{what} is {len(text)} characters; at most {limit} allowed")
    return text


# --- import -------------------------------------------------------------------------------


def _read_document(args: argparse.Namespace) -> Any:
    if args.from_api:
        token = os.environ.get(TOKEN_ENV, "").strip()
        if not token:
            raise Usage(f"{TOKEN_ENV} is not set: a Netlify personal access token is needed")
        form_id = (args.form_id or netlify_form_id()).strip()
        if not form_id:
            raise Usage(
                "no form id: set NETLIFY_FORM_ID (Netlify > Forms > review: the id in the "
                "address) or pass --form-id"
            )
        return fetch_submissions(form_id, token, netlify_api_url(), S.api_per_page, S.api_max_pages)
    if args.file == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise Usage(f"cannot read {args.file}: {err}") from None
    try:
        return json.loads(text)
    except ValueError as err:
        raise Usage(f"{args.file}: not JSON ({err}); expected Netlify's submissions") from None


def cmd_import(args: argparse.Namespace) -> int:
    if bool(args.file) == bool(args.from_api):
        raise Usage("import needs FILE, - (standard input) or --from-api, and only one")
    # Before any network or file work: without the key nothing may be written.
    keys = _keys("Nothing was imported.")
    try:
        document = _read_document(args)
    except FetchError as err:
        _err(f"import: {err}")
        return EXIT_PROBLEMS
    try:
        result = import_submissions(args.content, document, keys)
    except ValueError as err:
        raise Usage(str(err)) from None
    except ContentProblems as err:
        print(format_problems(err.problems), file=sys.stderr)
        _err("import: the content has problems; fix them first (scripts/validate.py)")
        return EXIT_PROBLEMS
    for path in result.cleaned:
        _err(f"removed {display_path(path)}, left by an interrupted import")
    for problem in result.problems:
        _err(f"import: {problem}")
    if args.verbose:
        for path in result.created:
            print(display_path(path))
    print(result.summary())
    return EXIT_PROBLEMS if result.problems else EXIT_OK


# --- queue --------------------------------------------------------------------------------


def _stars(rating: int | None) -> str:
    if rating is None:
        return "no rating"
    return "★" * rating + "☆" * (S.rating_max - rating) + f" {rating}/{S.rating_max}"


def review_json(review: Review) -> dict[str, Any]:
    """A pending review as `queue --json` shows it."""
    return {
        "id": review.id,
        "partner": review.partner,
        "submitted": review.submitted.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "rating": review.rating,
        "title": review.title,
        "body": review.body,
        "author": {"name": review.author.name, "company": review.author.company},
        "lang": review.lang,
        "verification": review.verification,
        "flags": [{"check": c.check, "detail": c.detail} for c in review.flags],
        "path": review.source,
    }


def cmd_queue(args: argparse.Namespace) -> int:
    content, problems = load_content(args.content)
    queue = pending_queue(content)
    if args.json:
        print(json.dumps([review_json(r) for r in queue], ensure_ascii=False, indent=2))
    elif not queue:
        print("No reviews waiting for moderation.")
    else:
        noun = "review" if len(queue) == 1 else "reviews"
        print(f"{len(queue)} {noun} waiting for moderation, oldest first:")
        for review in queue:
            author = ", ".join(a for a in (review.author.name, review.author.company) if a)
            flags = "; ".join(f"{c.check} ({c.detail})" for c in review.flags) or "none"
            print(
                f"\n{review.id}  {review.submitted:%Y-%m-%d %H:%M} UTC  {review.partner}  "
                f"{_stars(review.rating)}  {review.verification}\n"
                f"  {review.title}\n  by {author}\n  flags: {flags}\n  {review.source}"
            )
    if problems:
        print(format_problems(problems), file=sys.stderr)
        _err("queue: some review files have problems (listed above); they are not in the queue")
        return EXIT_PROBLEMS
    return EXIT_OK


# --- approve, reject, respond -------------------------------------------------------------


def _change(
    args: argparse.Namespace, verb: str, done: str, change: Callable[[Review], Review]
) -> int:
    root = args.content
    path = review_paths(root).get(args.id)
    if path is None:
        raise Usage(f"no review with id {args.id!r} in {display_path(root / 'reviews')}")
    content, problems = load_content(root, files=[path])
    if problems:
        print(format_problems(problems), file=sys.stderr)
        _err(f"{verb}: fix the review file first")
        return EXIT_PROBLEMS
    try:
        updated = change(content.reviews[args.id])
    except TransitionError as err:
        _err(f"{verb}: {err}")
        return EXIT_PROBLEMS
    text = review_yaml(updated)
    _, problems = load_review_text(root, path, text)
    if problems:
        # e.g. approving an automatically rejected submission that has no rating
        print(format_problems(problems), file=sys.stderr)
        _err(f"{verb}: not possible: the review would not be valid (see above); nothing changed")
        return EXIT_PROBLEMS
    write_atomic(path, text)
    print(f"{done} {args.id}: {display_path(path)}")
    return EXIT_OK


def cmd_approve(args: argparse.Namespace) -> int:
    by = _one_line(args.by, "--by", 100)
    reason = _one_line(args.reason, "--reason", S.reason_max) if args.reason else None

    def decide(review: Review) -> Review:
        return approve(review, by, _now(), reason, args.confirm_redaction)

    return _change(args, "approve", "approved", decide)


def cmd_reject(args: argparse.Namespace) -> int:
    by = _one_line(args.by, "--by", 100)
    reason = _one_line(args.reason, "--reason", S.reason_max)

    def decide(review: Review) -> Review:
        if review.response:
            day = review.response.at.date().isoformat()
            _err(f"reject: the partner's reply (from {day}) is removed with it; git keeps it")
        return reject(review, by, reason, _now())

    return _change(args, "reject", "rejected", decide)


def cmd_respond(args: argparse.Namespace) -> int:
    body = clean_text(args.body, multiline=True)
    if not body:
        raise Usage("--body is empty")
    if len(body) > S.response_max:
        raise Usage(f"--body is {len(body)} characters; at most {S.response_max} allowed")

    def reply(review: Review) -> Review:
        # A reply is published: contact details in it are removed like a reviewer's.
        text, removed = redact(body, phone_regions([review.lang]))
        updated = respond(review, clip(text, S.response_max), _now(), args.replace)
        if removed:
            _err(f"respond: {describe(removed)} removed from the reply")
        return updated

    return _change(args, "respond", "reply added to", reply)


# --- invite -------------------------------------------------------------------------------


def cmd_invite(args: argparse.Namespace) -> int:
    keys = _keys("No invitation was made.")
    slug = args.partner
    if not SLUG_RE.match(slug) or not (args.content / "partners" / slug).is_dir():
        raise Usage(f"no partner {slug!r} in {display_path(args.content / 'partners')}")
    if not 1 <= args.days <= S.invite_days_max:
        raise Usage(f"--days must be from 1 to {S.invite_days_max}")
    try:
        validate_email(args.email, check_deliverability=False)
    except EmailNotValidError as err:
        raise Usage(f"--email: {err}") from None
    content, problems = load_content(args.content, files=[args.content / "partners" / slug])
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return EXIT_PROBLEMS
    partner = content.partners[slug]
    expires = _now() + dt.timedelta(days=args.days)
    token = make_token(slug, email_hash(args.email, keys.hash_key), expires, keys.token_key)
    base = (args.site_url or site_url()).rstrip("/")
    # The link opens the profile in the customer's language (/nl/ for Dutch).
    print(f"{base}/{language_prefix(args.lang)}partners/{slug}/?invite={token}#review")
    print(
        f"One review of {partner.name}, valid until {expires:%Y-%m-%d %H:%M} UTC, for whoever "
        f"writes it with the address {args.email}. The address itself is not stored.",
        file=sys.stderr,
    )
    return EXIT_OK


# --- the parser ---------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    add_content_option(common)
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="The review pipeline: import Netlify form submissions as pending reviews, "
        "list the moderation queue, approve, reject, add a partner's reply, invite a customer.",
    )
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    imp = verbs.add_parser(
        "import", parents=[common], help="import submissions (needs REVIEW_HASH_KEY)"
    )
    imp.add_argument("file", nargs="?", help="the submissions JSON, or - for standard input")
    imp.add_argument(
        "--from-api", action="store_true", help=f"fetch from Netlify's API ({TOKEN_ENV})"
    )
    imp.add_argument("--form-id", help="the Netlify form id (default: NETLIFY_FORM_ID)")
    imp.add_argument("-v", "--verbose", action="store_true", help="list every file written")
    imp.set_defaults(run=cmd_import)

    queue = verbs.add_parser("queue", parents=[common], help="pending reviews, oldest first")
    queue.add_argument("--json", action="store_true", help="as JSON")
    queue.set_defaults(run=cmd_queue)

    app = verbs.add_parser("approve", parents=[common], help="publish a review")
    app.add_argument("id")
    app.add_argument("--by", required=True, help="the moderator's name")
    app.add_argument("--reason", help="required to approve a review that was rejected")
    app.add_argument(
        "--confirm-redaction",
        action="store_true",
        help="you checked that no personal data is left in a review flagged personal_data",
    )
    app.set_defaults(run=cmd_approve)

    rej = verbs.add_parser("reject", parents=[common], help="reject (or withdraw) a review")
    rej.add_argument("id")
    rej.add_argument("--by", required=True, help="the moderator's name")
    rej.add_argument("--reason", required=True, help="why; kept in the file")
    rej.set_defaults(run=cmd_reject)

    res = verbs.add_parser("respond", parents=[common], help="add the partner's public reply")
    res.add_argument("id")
    res.add_argument("--body", required=True, help="the reply, plain text")
    res.add_argument("--replace", action="store_true", help="replace an earlier reply")
    res.set_defaults(run=cmd_respond)

    inv = verbs.add_parser("invite", parents=[common], help="print a one-time review link")
    inv.add_argument("--partner", required=True, help="the partner's slug")
    inv.add_argument("--email", required=True, help="the customer's address (not stored)")
    inv.add_argument("--days", type=int, default=S.invite_days, help="valid for (default 60)")
    inv.add_argument("--site-url", help="the public site address (default: SITE_URL or URL)")
    inv.add_argument(
        "--lang",
        choices=SITE_LANGUAGES,
        default=DEFAULT_LANGUAGE,
        help=f"the language of the profile the link opens (default {DEFAULT_LANGUAGE})",
    )
    inv.set_defaults(run=cmd_invite)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one verb; returns the exit status."""
    args = parse_args(_parser(), argv)
    try:
        return int(args.run(args))
    except Usage as err:
        _err(f"error: {err}")
        return EXIT_USAGE
