"""The node's decisions as pure functions: no I/O, no clock, no globals.

Each role's policy takes what the node just read from the chain (and its configured limits)
and returns what to do, so every rule is a row in a table test:

* `validator`: stake, dispute, publish, finalize, unstake, claim on one request;
* `provider`: when a feed is due, who transmits a round, which observations go in the report;
* `keeper`: when to update a FeedAggregator, which requests to finalize;
* `finalize`: when `finalize` succeeds, shared by the validator and the keeper.
"""
