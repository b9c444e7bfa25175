"""Blockchain I/O: chain clients, contract bindings and the local dev chain."""
