"""Make the CMRT fixtures available to every test in this folder."""

from tests.cmrt.fixtures import builder, templates

__all__ = ["builder", "templates"]
