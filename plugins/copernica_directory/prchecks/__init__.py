"""Checks run on pull requests: who may change which files."""
