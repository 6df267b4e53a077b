"""The `dayglass` command: thin commands over the services."""
