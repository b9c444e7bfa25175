"""The committed artifacts and generated bindings match a fresh build of the sources.

The runtime deploys from `src/fluxo/*/artifacts/*.json` and talks to contracts through the
generated `bindings/`, never through the `.vy` files; a source edit without
`python scripts/build_artifacts.py` would ship stale bytecode or a stale binding.
"""

import json
from pathlib import Path

import pytest
from scripts.build_artifacts import EIP170_LIMIT_BYTES, expected_files
from scripts.compiling import ManifestEntry, load_manifest

from fluxo.chain.artifacts import load_artifact
from fluxo.exceptions import ArtifactError

REBUILD_HINT = "stale: run `python scripts/build_artifacts.py` and commit the result"
MANIFEST = load_manifest()


@pytest.fixture(scope="module")
def built() -> dict[Path, str]:
    """Every generated file, built once for the module (compiling takes seconds)."""
    return expected_files(MANIFEST)


@pytest.mark.parametrize("entry", MANIFEST.contracts, ids=lambda entry: entry.name)
def test_artifact__fresh_build__matches_committed_json(
    built: dict[Path, str], entry: ManifestEntry
) -> None:
    committed = entry.artifact_path.read_text(encoding="utf-8")

    assert committed == built[entry.artifact_path], f"{entry.artifact_path.name} {REBUILD_HINT}"


@pytest.mark.parametrize("entry", MANIFEST.contracts, ids=lambda entry: entry.name)
def test_binding__fresh_build__matches_committed_module(
    built: dict[Path, str], entry: ManifestEntry
) -> None:
    committed = entry.binding_path.read_text(encoding="utf-8")

    assert committed == built[entry.binding_path], f"{entry.binding_path.name} {REBUILD_HINT}"


def test_generated_files__every_committed_one__has_a_manifest_entry(
    built: dict[Path, str],
) -> None:
    """An artifact or binding left behind by a contract removed from the manifest is stale."""
    for package in ("chain", "devnet"):
        root = Path(__file__).resolve().parents[4] / "src" / "fluxo" / package
        committed = {
            *root.joinpath("artifacts").glob("*.json"),
            *(p for p in root.joinpath("bindings").glob("*.py") if p.name != "__init__.py"),
        }
        assert committed <= set(built), sorted(str(p) for p in committed - set(built))


@pytest.mark.parametrize(
    "entry",
    [entry for entry in MANIFEST.contracts if entry.kind == "contract"],
    ids=lambda entry: entry.name,
)
def test_artifact__runtime_bytecode__within_eip170(entry: ManifestEntry) -> None:
    runtime_bytes = json.loads(entry.artifact_path.read_text())["runtime_bytes"]

    assert 0 < runtime_bytes <= EIP170_LIMIT_BYTES


def test_load_artifact__unknown_name__raises_artifact_error() -> None:
    with pytest.raises(ArtifactError, match="build_artifacts.py"):
        load_artifact("NoSuchContract")
