"""Typed bindings of the devnet's test doubles, generated like `fluxo.chain.bindings`."""
