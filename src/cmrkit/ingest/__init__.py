"""ingest: see ARCHITECTURE.md."""
