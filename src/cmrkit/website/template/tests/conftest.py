"""The tests of this filer's repository ship with cmrkit (cmrkit.website.filer_tests), so they
improve with cmrkit: every filed year word for word, figures follow data, bad data fails with file
and line, EDGAR's rules. Add your own tests beside them."""

pytest_plugins = ["cmrkit.website.filer_tests"]
