"""cmrkit's tests for a filer's repository, run on every year in data/ and docs/."""

from cmrkit.website.filer_tests.suite import *  # noqa: F403
