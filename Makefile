# The README's two commands are `make demo` and `make test`. On a fresh clone they need only
# python3 (3.11) and npm: `bootstrap` installs uv, the locked Python env and the pinned anvil.

UV := python3 -m uv
# --frozen: run from uv.lock exactly as committed, never re-resolve.
RUN := $(UV) run --frozen
# npm ci wipes node_modules, so the stamp inside it disappears with it.
NPM_STAMP := node_modules/.fluxo-npm-ci.stamp

.DEFAULT_GOAL := help

.PHONY: help bootstrap lint fmt test demo bench

help:
	@echo "make demo       run a whole local network (fluxo devnet) and show it working"
	@echo "make test       lint, type-check and run every test (hypothesis 'ci' profile)"
	@echo "make lint       ruff check, ruff format --check, mypy"
	@echo "make fmt        apply ruff fixes and formatting"
	@echo "make bench      gas benchmarks and node timings"
	@echo "make bootstrap  install uv, the Python env and node tools (run by the others)"

bootstrap: $(NPM_STAMP)
	@python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

lint: bootstrap
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy

fmt: bootstrap
	$(RUN) ruff check --fix .
	$(RUN) ruff format .

test: bootstrap lint
	HYPOTHESIS_PROFILE=ci $(RUN) pytest

demo: bootstrap
	$(RUN) fluxo devnet

bench: bootstrap
	$(RUN) python -m bench.gas
	$(RUN) python -m bench.feeds_gas
	$(RUN) python -m bench.aggregator_gas
	$(RUN) python -m bench.markets_gas
	$(RUN) python -m bench.node_feeds
	$(RUN) python -m bench.node
	$(RUN) python -m bench.node_scan
	$(RUN) python -m bench.report
