"""The `fluxo` command line."""
