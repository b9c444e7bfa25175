"""Compile Fluxo's contracts: the manifest of what ships, and one compile function that the
artifact builder, the benchmarks and the tests share.

    entries = load_manifest()                 # contracts/manifest.toml
    compiled = compile_source("Oracle.vy")    # ABI, initcode and runtime size

Imports resolve the way the `vyper` CLI resolves them: `contracts/` (for
`from interfaces import IOracle`) and then `sys.path` (for `from snekmate ...`, installed as a
package). Development-only: the package itself never needs a compiler.
"""

import hashlib
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import vyper
from vyper.compiler.input_bundle import FilesystemInputBundle

REPO_ROOT: Final = Path(__file__).resolve().parent.parent
CONTRACTS_DIR: Final = REPO_ROOT / "contracts"
MANIFEST_PATH: Final = CONTRACTS_DIR / "manifest.toml"
SOURCE_ROOT: Final = REPO_ROOT / "src" / "fluxo"

PACKAGES: Final = ("chain", "devnet")
KINDS: Final = ("contract", "interface")


@dataclass(frozen=True, slots=True)
class NamedResult:
    """A multi-value view's results as a NamedTuple: its class name and field names."""

    type: str
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StructMapping:
    """An ABI struct, recognised by its field names, bound to a dataclass `module:Class`."""

    fields: tuple[str, ...]
    python: str

    @property
    def module(self) -> str:
        return self.python.split(":")[0]

    @property
    def class_name(self) -> str:
        return self.python.split(":")[1]


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One shipped contract or interface."""

    name: str
    source: str
    package: str
    module: str
    kind: str = "contract"
    returns: dict[str, NamedResult] = field(default_factory=dict)

    @property
    def source_path(self) -> Path:
        return CONTRACTS_DIR / self.source

    @property
    def artifact_path(self) -> Path:
        return SOURCE_ROOT / self.package / "artifacts" / f"{self.name}.json"

    @property
    def binding_path(self) -> Path:
        return SOURCE_ROOT / self.package / "bindings" / f"{self.module}.py"


@dataclass(frozen=True, slots=True)
class Manifest:
    contracts: tuple[ManifestEntry, ...]
    structs: tuple[StructMapping, ...]

    def entry(self, name: str) -> ManifestEntry:
        for entry in self.contracts:
            if entry.name == name:
                return entry
        raise KeyError(f"{name} is not in {MANIFEST_PATH.name}")


@dataclass(frozen=True, slots=True)
class Compiled:
    """What a compile yields: the ABI, the initcode (None for an interface) and the size of
    the runtime code (0 for an interface)."""

    abi: list[dict[str, Any]]
    bytecode: str | None
    runtime_size: int


def load_manifest(path: Path = MANIFEST_PATH) -> Manifest:
    """Read and check `contracts/manifest.toml`."""
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    entries: list[ManifestEntry] = []
    for raw in document.get("contract", []):
        returns = {
            function: NamedResult(spec["type"], tuple(spec["fields"]))
            for function, spec in raw.get("returns", {}).items()
        }
        entry = ManifestEntry(
            name=raw["name"],
            source=raw["source"],
            package=raw["package"],
            module=raw["module"],
            kind=raw.get("kind", "contract"),
            returns=returns,
        )
        if entry.package not in PACKAGES or entry.kind not in KINDS:
            raise ValueError(f"{entry.name}: package must be one of {PACKAGES}, kind of {KINDS}")
        if not entry.source_path.is_file():
            raise ValueError(f"{entry.name}: no source at {entry.source_path}")
        entries.append(entry)
    structs = tuple(
        StructMapping(tuple(raw["fields"]), raw["python"]) for raw in document.get("struct", [])
    )
    names = [entry.name for entry in entries]
    if len(set(names)) != len(names):
        raise ValueError(f"duplicate contract names in {path.name}")
    return Manifest(tuple(entries), structs)


def source_sha256(source_path: Path) -> str:
    """The hex SHA-256 of a contract's own source file, as stored in its artifact."""
    return hashlib.sha256(source_path.read_bytes()).hexdigest()


def _input_bundle() -> FilesystemInputBundle:
    # Later entries win, as in `vyper.cli.vyper_compile.get_search_paths`: sys.path lowest,
    # then the contracts folder.
    search_paths = [Path(entry) for entry in reversed(sys.path) if entry]
    search_paths.append(CONTRACTS_DIR)
    return FilesystemInputBundle(search_paths)


def compile_source(relative_path: str) -> Compiled:
    """Compile `contracts/<relative_path>` (a `.vy` contract or a `.vyi` interface)."""
    source_path = CONTRACTS_DIR / relative_path
    bundle = _input_bundle()
    is_interface = source_path.suffix == ".vyi"
    formats = ["abi"] if is_interface else ["abi", "bytecode", "bytecode_runtime"]
    output = vyper.compile_from_file_input(
        bundle.load_file(source_path), input_bundle=bundle, output_formats=formats
    )
    if is_interface:
        return Compiled(output["abi"], None, 0)
    runtime_size = (len(output["bytecode_runtime"]) - 2) // 2
    return Compiled(output["abi"], output["bytecode"], runtime_size)
