"""Scripts loaded as modules (they are not part of the package): `scripts/build_artifacts.py`,
for tests that compile a contract the way the shipped artifacts are compiled, and
`scripts/price_feed_constants.py`, for the test of the PriceFeed's constants."""

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Final

SCRIPTS_DIR: Final = Path(__file__).resolve().parents[2] / "scripts"
BUILD_SCRIPT: Final = SCRIPTS_DIR / "build_artifacts.py"
PRICE_FEED_CONSTANTS_SCRIPT: Final = SCRIPTS_DIR / "price_feed_constants.py"


def load_build_script() -> ModuleType:
    return _load(BUILD_SCRIPT)


def load_price_feed_constants_script() -> ModuleType:
    return _load(PRICE_FEED_CONSTANTS_SCRIPT)


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
