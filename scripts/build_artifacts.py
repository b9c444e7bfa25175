"""Compile every contract of `contracts/manifest.toml` into the artifacts and typed bindings the
package ships.

    python scripts/build_artifacts.py            # rewrite artifacts and bindings
    python scripts/build_artifacts.py --check    # exit 1 if anything committed is stale

Writes, per manifest entry, `src/fluxo/<package>/artifacts/<Name>.json` (ABI, bytecode, source
hash, runtime size) and `src/fluxo/<package>/bindings/<module>.py`, and per package one
`bindings/results.py`. The demo, the node and the SDK load these files, so they run without
the Vyper compiler. `tests/unit/py/chain/test_artifacts_fresh.py` fails when a source changed
and this script was not run.
"""

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    # Run as a file: make `scripts` importable as a package from the repository root.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.bindings_codegen import generate_binding, generate_results
from scripts.compiling import (
    PACKAGES,
    REPO_ROOT,
    SOURCE_ROOT,
    Manifest,
    ManifestEntry,
    NamedResult,
    compile_source,
    load_manifest,
    source_sha256,
)

EIP170_LIMIT_BYTES = 24_576


@dataclass(frozen=True, slots=True)
class BuiltArtifact:
    """One compiled contract, as written to `<contract_name>.json`."""

    contract_name: str
    abi: list[dict[str, Any]]
    bytecode: str | None
    runtime_bytes: int
    source_sha256: str

    def to_json(self) -> str:
        document = {
            "contract_name": self.contract_name,
            "abi": self.abi,
            "bytecode": self.bytecode,
            "runtime_bytes": self.runtime_bytes,
            "source_sha256": self.source_sha256,
        }
        return json.dumps(document, indent=1, sort_keys=False) + "\n"


def build_artifact(entry: ManifestEntry) -> BuiltArtifact:
    compiled = compile_source(entry.source)
    return BuiltArtifact(
        contract_name=entry.name,
        abi=compiled.abi,
        bytecode=compiled.bytecode,
        runtime_bytes=compiled.runtime_size,
        source_sha256=source_sha256(entry.source_path),
    )


def _ruff_format(source: str, path: Path) -> str:
    """Generated code is formatted like the rest of the repository, so `ruff format --check`
    accepts it as written."""
    for command in (
        ["check", "--select", "I", "--fix", "--quiet", "--exit-zero"],
        ["format"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *command, "--stdin-filename", str(path), "-"],
            input=source,
            capture_output=True,
            text=True,
            check=False,
            cwd=REPO_ROOT,
        )
        if result.returncode != 0:
            raise SystemExit(f"ruff {command[0]} failed on the generated {path}:\n{result.stderr}")
        source = result.stdout
    return source


def expected_files(manifest: Manifest) -> dict[Path, str]:
    """Every generated file with the content it must have."""
    files: dict[Path, str] = {}
    results: dict[str, dict[str, tuple[NamedResult, tuple[str, ...]]]] = {
        package: {} for package in PACKAGES
    }
    for entry in manifest.contracts:
        built = build_artifact(entry)
        if built.runtime_bytes > EIP170_LIMIT_BYTES:
            raise SystemExit(
                f"{entry.name}: runtime bytecode {built.runtime_bytes} bytes exceeds EIP-170's "
                f"{EIP170_LIMIT_BYTES}"
            )
        files[entry.artifact_path] = built.to_json()
        source, used = generate_binding(entry, built.abi, manifest.structs)
        files[entry.binding_path] = _ruff_format(source, entry.binding_path)
        for type_name, spec in used.items():
            known = results[entry.package].get(type_name)
            if known is not None and known != spec:
                raise SystemExit(f"result type {type_name} is declared twice, differently")
            results[entry.package][type_name] = spec
    for package, package_results in results.items():
        if package_results:
            path = SOURCE_ROOT / package / "bindings" / "results.py"
            files[path] = _ruff_format(generate_results(package, package_results), path)
    return files


def stale_files(manifest: Manifest) -> list[Path]:
    """Generated files whose committed content differs from a fresh build."""
    return [
        path
        for path, content in expected_files(manifest).items()
        if not path.is_file() or path.read_text(encoding="utf-8") != content
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    manifest = load_manifest()
    if args.check:
        stale = stale_files(manifest)
        for path in stale:
            print(f"stale: {path.relative_to(REPO_ROOT)}")
        return 1 if stale else 0
    for path, content in expected_files(manifest).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        print(f"wrote {path.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
