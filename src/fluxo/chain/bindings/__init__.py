"""Typed bindings of the contracts Fluxo ships, generated from their ABIs by
`scripts/build_artifacts.py` (one module per contract in `contracts/manifest.toml`)."""
