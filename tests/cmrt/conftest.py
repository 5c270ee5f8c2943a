"""Make the CMRT fixtures available to every test in this folder."""

from tests.cmrt.fixtures import builder, supplier_folder, templates

__all__ = ["builder", "supplier_folder", "templates"]
