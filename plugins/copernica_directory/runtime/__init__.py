"""The build runtime: what makes a build fast (caches, worker processes, the output writer, the
collector policy), as one object per build (build.py). It imports neither the model nor the
Pelican plugins; the plugins import it."""

# Where a build keeps its runtime in Pelican's settings, for the length of the build.
RUNTIME_KEY = "BUILD_RUNTIME"
