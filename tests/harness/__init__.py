"""The shared test harness: compiled contracts, deployed protocols, builders and checks."""
