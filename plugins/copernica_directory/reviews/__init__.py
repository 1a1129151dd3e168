"""The review pipeline: import Netlify form submissions, check them, moderate them in git.

Plain Python on top of the content model (model): reviews are read only through
`model.load_content`, and every file written is one the validator accepts.
`scripts/reviews.py` is the command line (cli.py).
"""
