"""Site settings: the one Pelican settings file.

Production differences come from Netlify's build environment: CONTEXT (production,
deploy-preview, branch-deploy), URL (the site's main address) and DEPLOY_PRIME_URL (this deploy's).

The directory's own settings (SITE_LANGUAGES, PUBLIC_SITEURL, BUILD_DATE, LIBRARY_PAGE_SIZE,
CHOOSE_PARTNER_URL, INCREMENTAL, BUILD_WORKERS, PARALLEL_MIN_JOBS, ...) are declared once, with
their types, defaults, environment variables and docs, in
plugins/copernica_directory/settings/site.py (the README's "Settings" table); the build checks
every value when it starts. Here they are only given where this site differs from the defaults,
and taken from the environment.
"""

import os

from copernica_directory.settings import from_environment

CONTEXT = os.environ.get("CONTEXT", "dev")
if CONTEXT == "production":
    SITEURL = os.environ.get("URL", "").rstrip("/")
elif CONTEXT in ("deploy-preview", "branch-deploy"):
    SITEURL = os.environ.get("DEPLOY_PRIME_URL", "").rstrip("/")
else:
    SITEURL = ""  # local builds and tests: root-relative links
RELATIVE_URLS = False

SITENAME = "Copernica Partner Directory"
AUTHOR = "Copernica"
TIMEZONE = "Europe/Amsterdam"
DEFAULT_LANG = "en"

# The settings whose environment variable is set (SITE_LANGUAGES=en, INCREMENTAL=1,
# BUILD_WORKERS, PARALLEL_MIN_JOBS, BUILD_DATE, CHOOSE_PARTNER_URL, and Netlify's URL as
# PUBLIC_SITEURL), as given: the build checks them. Unset or empty: the declared default.
globals().update(from_environment(os.environ))

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
# Every build starts from scratch, except incremental ones (INCREMENTAL=1, make serve): the
# plugin keeps output/ for them and deletes only what they no longer write.
DELETE_OUTPUT_DIRECTORY = True

PLUGIN_PATHS = ["plugins"]
# Listing plugins explicitly also keeps Pelican from loading installed namespace plugins.
PLUGINS = ["copernica_directory.site", "copernica_directory.search", "copernica_directory.editor"]

# Everything under content/ is read by our content model, not by Pelican's readers.
ARTICLE_PATHS: list[str] = []
PAGE_PATHS: list[str] = []
STATIC_PATHS: list[str] = []
DIRECT_TEMPLATES: list[str] = []
# Theme files are published fingerprinted under /assets/ by site, not copied as-is.
THEME_STATIC_PATHS: list[str] = []
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

JINJA_ENVIRONMENT = {
    "autoescape": True,  # every value is escaped unless a template says otherwise
    "trim_blocks": True,
    "lstrip_blocks": True,
    # Each build makes a new environment, so templates never change during one: without this,
    # Jinja checks the file of every extended and imported template again for each page.
    "auto_reload": False,
}
