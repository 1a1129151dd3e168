"""Content problems in the build's log: one whole `path:line:col: field: message` line each.

Pelican logs the exception that stops a build through rich, which wraps every line at the
terminal's width (COLUMNS) and splits `file:line:col` across lines, then adds the traceback.
Editors and CI annotations need each problem on one physical line. So when a ContentError
reaches Pelican's log, this filter prints its problems first, each as one line that rich does
not wrap (a terminal may still fold it on screen; the output holds one line), and leaves the
log record with the one-line summary and no traceback: a content problem is the author's to
fix, not a crash to debug.
"""

from __future__ import annotations

import logging

from pelican.log import console

from copernica_directory.model.problems import ContentError

# Pelican logs the exception that ends a build (`make build`) or one autoreload round
# (`make serve`) on this logger.
PELICAN_LOGGER = "pelican"


def _content_error(record: logging.LogRecord) -> ContentError | None:
    """The ContentError a record reports, as its exception or one of its arguments."""
    if record.exc_info and isinstance(record.exc_info[1], ContentError):
        return record.exc_info[1]
    args = record.args if isinstance(record.args, tuple) else ()
    return next((arg for arg in args if isinstance(arg, ContentError)), None)


def print_problem_lines(error: ContentError) -> None:
    """Every problem of `error` on a line of its own, through Pelican's console (so it shows
    above the build's status line), never wrapped, with no markup or highlighting applied."""
    for problem in error.problems:
        console.print(
            problem.format_text(), soft_wrap=True, markup=False, highlight=False, emoji=False
        )


def one_line_problems(record: logging.LogRecord) -> bool:
    """Logging filter: a record about a ContentError becomes its problems' lines (printed)
    and a short summary (logged). Other records pass unchanged."""
    error = _content_error(record)
    if error is None:
        return True
    print_problem_lines(error)
    record.msg = f"{error.summary} (listed above, one a line)"
    record.args = ()
    record.exc_info = None
    record.exc_text = None
    return True


def install() -> None:
    """Add the filter to Pelican's logger, once (settings are read again on every autoreload)."""
    logger = logging.getLogger(PELICAN_LOGGER)
    if one_line_problems not in logger.filters:
        # First: Pelican's own filter drops a message it has logged before, and an autoreload
        # round that fails like the last one must still list its problems.
        logger.filters.insert(0, one_line_problems)
