"""Reading and writing the project's data files (the lowest layer above `cmrkit.errors`)."""
