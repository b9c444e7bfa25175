"""The Fluxo node's infrastructure: its config file, its SQLite state, the transaction manager
(journal, persistent nonces, fee bumps, reconciliation), the RPC pool with failover and the log
scanner with reorg handling. The roles' policies and the running loop are built on these."""
