"""Compile a contract from the working tree for a benchmark, so the figures always describe
the current source (never a stale artifact). Resolves imports like the vyper CLI:
site-packages (snekmate) and contracts/."""

import sys
from pathlib import Path
from typing import Any, Final

import vyper
from vyper.compiler.input_bundle import FilesystemInputBundle

CONTRACTS_DIR: Final = Path(__file__).resolve().parent.parent / "contracts"


def compile_contract(relative_path: str) -> tuple[list[dict[str, Any]], str]:
    """ABI and initcode of `contracts/<relative_path>`."""
    search_paths = [Path(entry) for entry in reversed(sys.path) if entry]
    search_paths.append(CONTRACTS_DIR)
    bundle = FilesystemInputBundle(search_paths)
    output = vyper.compile_from_file_input(
        bundle.load_file(CONTRACTS_DIR / relative_path),
        input_bundle=bundle,
        output_formats=["abi", "bytecode"],
    )
    return output["abi"], output["bytecode"]
