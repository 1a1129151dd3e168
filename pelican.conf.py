"""Site settings: the one Pelican settings file.

Production differences come from Netlify's build environment: CONTEXT (production,
deploy-preview, branch-deploy), URL (the site's main address) and DEPLOY_PRIME_URL (this deploy's).
"""

import os

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
# The site languages this build renders: English at /, Dutch at /nl/. Content may be written
# in any site language (partnermodel.vocab.SITE_LANGUAGES); this only limits which pages,
# feeds, badges and search stores are built, and which languages the switch and hreflang
# list. The default language comes first. SITE_LANGUAGES=en in the environment builds the
# English site alone (the benchmark measures what the Dutch pages cost that way); unset or
# empty: every site language. Checked when the build starts (partnermodel.vocab).
SITE_LANGUAGES = tuple((os.environ.get("SITE_LANGUAGES") or "en,nl").split(","))

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
# INCREMENTAL=1 (make serve, the benchmark): keep output/ and the caches in CACHE_PATH, write
# only pages whose inputs changed, delete files no longer written (partner_directory.incremental).
# Unset (make build, Netlify): everything from scratch, no cache read or written.
INCREMENTAL = os.environ.get("INCREMENTAL", "") == "1"
DELETE_OUTPUT_DIRECTORY = not INCREMENTAL
CACHE_PATH = "cache"
# Processes that render pages (0: one per CPU, at most 4; 1: none besides the build itself),
# used only from PARALLEL_MIN_JOBS pages and files on (partner_directory.render).
BUILD_WORKERS = int(os.environ.get("BUILD_WORKERS", "0") or 0)
PARALLEL_MIN_JOBS = int(os.environ.get("PARALLEL_MIN_JOBS", "400") or 400)

PLUGIN_PATHS = ["plugins"]
# Listing plugins explicitly also keeps Pelican from loading installed namespace plugins.
PLUGINS = ["partner_directory", "directory_search"]

# Everything under content/ is read by our content model, not by Pelican's readers.
ARTICLE_PATHS: list[str] = []
PAGE_PATHS: list[str] = []
STATIC_PATHS: list[str] = []
DIRECT_TEMPLATES: list[str] = []
# Theme files are published fingerprinted under /assets/ by partner_directory, not copied as-is.
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

# The production address that copies made elsewhere link back to (feeds, calendars, reuse
# snippets, badges): Netlify's URL is the main address in previews too; locally the default.
PUBLIC_SITEURL = os.environ.get("URL", "https://partners.copernica.com").rstrip("/")

# The day to build for (YYYY-MM-DD): library items and events dated later are not published
# yet. Empty means today in TIMEZONE; tests set it so the site does not change as time passes.
BUILD_DATE = os.environ.get("BUILD_DATE", "")
LIBRARY_PAGE_SIZE = 12

# Where "Choose this partner" leads: the product's partner selection, with the partner's slug
# and the page's language ({lang}: en, nl) filled in.
CHOOSE_PARTNER_URL = os.environ.get(
    "CHOOSE_PARTNER_URL",
    "https://www.copernica.com/{lang}/partners/choose?partner={slug}",
)
