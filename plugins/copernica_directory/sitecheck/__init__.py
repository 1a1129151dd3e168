"""Checks over a built site (output/), independent of how it was built."""
