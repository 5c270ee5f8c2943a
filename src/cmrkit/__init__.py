"""cmrkit: the engine behind the Conflict Minerals Report site.

It reads supplier CMRTs and the year's data, computes every figure the report
prints, and exports. It deliberately knows nothing about MkDocs, so the site
generator can be replaced without touching the engine.
"""

__version__ = "0.1.0"
