"""The committed contract artifacts match a fresh compile of their sources.

The runtime deploys from `src/fluxo/chain/artifacts/*.json`, never from the `.vy` files, so
a source edit without `python scripts/build_artifacts.py` would ship stale bytecode.
"""

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from fluxo.chain.artifacts import ARTIFACT_NAMES, load_artifact
from fluxo.exceptions import ArtifactError
from tests.harness.build_script import load_build_script

REBUILD_HINT = "stale artifact: run `python scripts/build_artifacts.py` and commit the JSON"


@pytest.fixture(scope="module")
def build_script() -> ModuleType:
    return load_build_script()


def test_deployables__build_script__cover_every_shipped_artifact(build_script: Any) -> None:
    built_names = {Path(path).stem for path in build_script.DEPLOYABLES}

    assert built_names == set(ARTIFACT_NAMES)


@pytest.mark.parametrize("relative_path", load_build_script().DEPLOYABLES)
def test_artifact__fresh_compile__matches_committed_json(
    build_script: Any, relative_path: str
) -> None:
    source_path = build_script.CONTRACTS_DIR / relative_path
    committed = load_artifact(source_path.stem)

    assert committed.source_sha256 == build_script.source_sha256(source_path), (
        f"{relative_path} changed since its artifact was built; {REBUILD_HINT}"
    )
    fresh = build_script.compile_deployable(relative_path)
    assert committed.bytecode == fresh.bytecode, (
        f"{relative_path} compiles to different bytecode (imports or compiler changed); "
        f"{REBUILD_HINT}"
    )
    assert list(committed.abi) == fresh.abi, f"{relative_path} ABI drifted; {REBUILD_HINT}"
    assert committed.contract_name == fresh.contract_name


def test_load_artifact__unknown_name__raises_artifact_error() -> None:
    with pytest.raises(ArtifactError, match="build_artifacts.py"):
        load_artifact("NoSuchContract")
