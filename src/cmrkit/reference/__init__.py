"""reference: see ARCHITECTURE.md."""
