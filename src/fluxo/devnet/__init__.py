"""Everything local: the pinned anvil, its well-known dev keys, dev-chain time control, the
test-double contracts (a mint-by-anyone payment token, a forwarding requester) and the dev
deployment built on the production one. Nothing here is reachable from a production deploy."""
