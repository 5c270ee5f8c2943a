"""website: see ARCHITECTURE.md."""
