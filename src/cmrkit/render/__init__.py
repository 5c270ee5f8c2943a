"""render: see ARCHITECTURE.md."""
