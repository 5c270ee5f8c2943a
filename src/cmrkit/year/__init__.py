"""year: see ARCHITECTURE.md."""
