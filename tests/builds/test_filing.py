"""cmrkit's tests for a filer's repository (cmrkit.website.filer_tests), run on this one: this
repository follows the layout `cmrkit init` writes, so what passes here passes for every filer."""

from cmrkit.website.filer_tests.suite import *  # noqa: F403
