"""Pre-filing checks (`cmrkit check YEAR`): what a reviewer looks for before a Form SD goes out,
run on the rendered pages and the year's data. Each check is a function returning findings."""
