"""Compile the deployable contracts into the JSON artifacts the runtime ships with.

    python scripts/build_artifacts.py            # rewrite src/fluxo/chain/artifacts/*.json
    python scripts/build_artifacts.py --check    # exit 1 if a committed artifact is stale

The demo, the node and the SDK load these files, so they run without the Vyper compiler.
Imports resolve the way the `vyper` CLI resolves them: `contracts/` (for
`from interfaces import IOracle`) and then `sys.path` (for `from snekmate ...`, installed
as a package). `tests/unit/py/chain/test_artifacts_fresh.py` fails when a source changes and
its artifact was not rebuilt.
"""

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import vyper
from vyper.compiler.input_bundle import FilesystemInputBundle

REPO_ROOT: Final = Path(__file__).resolve().parent.parent
CONTRACTS_DIR: Final = REPO_ROOT / "contracts"
ARTIFACTS_DIR: Final = REPO_ROOT / "src" / "fluxo" / "chain" / "artifacts"

# Every contract the runtime deploys, relative to `contracts/`; the artifact takes the stem.
DEPLOYABLES: Final = (
    "Oracle.vy",
    "FluxToken.vy",
    "PriceFeed.vy",
    "FeedHub.vy",
    "FeedAggregator.vy",
    "adapters/PythAdapter.vy",
    "adapters/TellorAdapter.vy",
    "markets/PredictionMarket.vy",
    "markets/ConditionalTokensResolver.vy",
    "testing/MockRequester.vy",
    "testing/MockERC20.vy",
)


@dataclass(frozen=True, slots=True)
class BuiltArtifact:
    """One compiled contract, as written to `<contract_name>.json`."""

    contract_name: str
    abi: list[dict[str, Any]]
    bytecode: str
    source_sha256: str

    def to_json(self) -> str:
        document = {
            "contract_name": self.contract_name,
            "abi": self.abi,
            "bytecode": self.bytecode,
            "source_sha256": self.source_sha256,
        }
        return json.dumps(document, indent=1, sort_keys=False) + "\n"


def source_sha256(source_path: Path) -> str:
    """The hex SHA-256 of a contract's own source file, as stored in its artifact."""
    return hashlib.sha256(source_path.read_bytes()).hexdigest()


def _input_bundle() -> FilesystemInputBundle:
    # Later entries win, as in `vyper.cli.vyper_compile.get_search_paths`: sys.path lowest,
    # then the contracts folder.
    search_paths = [Path(entry) for entry in reversed(sys.path) if entry]
    search_paths.append(CONTRACTS_DIR)
    return FilesystemInputBundle(search_paths)


def compile_deployable(relative_path: str) -> BuiltArtifact:
    """Compile `contracts/<relative_path>` with the installed vyper."""
    source_path = CONTRACTS_DIR / relative_path
    bundle = _input_bundle()
    output = vyper.compile_from_file_input(
        bundle.load_file(source_path),
        input_bundle=bundle,
        output_formats=["abi", "bytecode"],
    )
    return BuiltArtifact(
        contract_name=source_path.stem,
        abi=output["abi"],
        bytecode=output["bytecode"],
        source_sha256=source_sha256(source_path),
    )


def artifact_path(contract_name: str) -> Path:
    return ARTIFACTS_DIR / f"{contract_name}.json"


def stale_artifacts() -> list[str]:
    """Names of the artifacts whose committed file differs from a fresh compile."""
    stale: list[str] = []
    for relative_path in DEPLOYABLES:
        built = compile_deployable(relative_path)
        path = artifact_path(built.contract_name)
        if not path.is_file() or path.read_text() != built.to_json():
            stale.append(built.contract_name)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale artifacts")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_artifacts()
        for name in stale:
            print(f"stale: {artifact_path(name).relative_to(REPO_ROOT)}")
        return 1 if stale else 0
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    for relative_path in DEPLOYABLES:
        built = compile_deployable(relative_path)
        path = artifact_path(built.contract_name)
        path.write_text(built.to_json())
        size_bytes = (len(built.bytecode) - 2) // 2
        print(f"wrote {path.relative_to(REPO_ROOT)} ({size_bytes} bytes initcode)")
    print(f"vyper {vyper.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
