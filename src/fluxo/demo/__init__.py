"""The scripted end-to-end story behind `fluxo demo`."""
