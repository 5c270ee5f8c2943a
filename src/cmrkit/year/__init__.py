"""One reporting year: its facts, its Annex and the figures computed from them."""
