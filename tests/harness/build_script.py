"""`scripts/build_artifacts.py` loaded as a module, for tests that compile a contract the way
the shipped artifacts are compiled (the script is not part of the package)."""

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Final

BUILD_SCRIPT: Final = Path(__file__).resolve().parents[2] / "scripts" / "build_artifacts.py"


def load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_artifacts", BUILD_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
