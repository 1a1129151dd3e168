"""`new_partner.py SLUG`: write a valid profile for a partner to fill in."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from copernica_directory.cli import add_content_option
from copernica_directory.model.loader import PARTNER_FILE, load_content
from copernica_directory.model.problems import format_problems
from copernica_directory.model.schema import SLUG_HELP, SLUG_RE

TEMPLATE = """\
# yaml-language-server: $schema=../../../schemas/partner.schema.json
# Your partner profile. Every field is explained in README.md ("Editing a partner profile").
# Check it with: scripts/validate.py {folder}
name: {name}
website: https://www.{slug}.example
# One line, at most 140 characters. Give {{en: ..., nl: ...}} to write it in both languages.
tagline: What you do for Copernica users, in one line
description: |
  Who you are, what you do best and for whom. Markdown is allowed: **bold**, lists, links.
brands: [copernica]            # whitelabel and/or copernica
expertise: [consultancy]       # ids from content/taxonomy/expertise.yaml
industries: []                 # ids from content/taxonomy/industries.yaml
languages: [en]                # ISO 639-1; quote Norwegian: ["no"]
location:
  city: Amsterdam
  country: NL                  # ISO 3166-1 alpha-2; quote Norway: "NO"
regions: []                    # other countries you serve
contact:
  email: hello@{slug}.example
  # phone: "+31201234567"      # E.164, always in quotes
# logo: logo.svg               # put logo.svg, logo.png or logo.webp in this folder
accepting_clients: true
maintainers: [{login}]         # GitHub logins that may change this profile
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Create content/partners/SLUG/partner.yaml; exit 1 if it exists, 2 on misuse."""
    parser = argparse.ArgumentParser(prog="new_partner.py", description=__doc__)
    parser.add_argument("slug", help=f"the folder name: {SLUG_HELP}")
    parser.add_argument("--name", help="the company name (default: from the slug)")
    parser.add_argument("--maintainer", default="your-github-login", help="your GitHub login")
    add_content_option(parser)
    args = parser.parse_args(argv)
    if not SLUG_RE.match(args.slug):
        parser.error(f"{args.slug!r} is not a valid slug: use {SLUG_HELP}")
    folder = args.content / "partners" / args.slug
    if folder.exists():
        print(f"new_partner.py: {folder} already exists", file=sys.stderr)
        return 1
    name = args.name or args.slug.replace("-", " ").title()
    folder.mkdir(parents=True)
    target = folder / PARTNER_FILE
    target.write_text(
        TEMPLATE.format(name=name, slug=args.slug, login=args.maintainer, folder=folder),
        encoding="utf-8",
    )
    _, problems = load_content(args.content, [target])
    if problems:  # the template itself must always be valid
        print(format_problems(problems), file=sys.stderr)
        return 1
    print(f"Created {target}: fill it in, then run scripts/validate.py {folder}")
    return 0
