"""Tools for measuring the build at scale: synthetic content and the benchmark."""
