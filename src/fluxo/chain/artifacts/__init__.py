"""Compiled contracts shipped with the package, so the runtime needs no Vyper compiler.

The JSON files next to this module (and in `fluxo/devnet/artifacts/` for the devnet's test
doubles) are generated from `contracts/manifest.toml` by `python scripts/build_artifacts.py`
and committed; a unit test fails when one drifts from its source.
"""

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any, Final

from fluxo.exceptions import ArtifactError

PRODUCT_ARTIFACTS: Final = "fluxo.chain.artifacts"


@dataclass(frozen=True, slots=True)
class Artifact:
    """One compiled contract: its ABI and deployment bytecode (hex with `0x`; None for an
    interface, which is only read, never deployed)."""

    contract_name: str
    abi: tuple[dict[str, Any], ...]
    bytecode: str | None
    source_sha256: str

    def constructor_inputs(self) -> tuple[dict[str, Any], ...]:
        for item in self.abi:
            if item.get("type") == "constructor":
                return tuple(item["inputs"])
        return ()


@cache
def load_artifact(contract_name: str, *, package: str = PRODUCT_ARTIFACTS) -> Artifact:
    """Load `<contract_name>.json` from `package`; raise `ArtifactError` if absent or bad."""
    resource = files(package).joinpath(f"{contract_name}.json")
    try:
        document = json.loads(resource.read_text(encoding="utf-8"))
        bytecode = document["bytecode"]
        return Artifact(
            contract_name=str(document["contract_name"]),
            abi=tuple(document["abi"]),
            bytecode=None if bytecode is None else str(bytecode),
            source_sha256=str(document["source_sha256"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ArtifactError(
            f"contract artifact {contract_name!r} in {package} is missing or malformed "
            f"({error}); run `python scripts/build_artifacts.py`"
        ) from error


__all__ = ["PRODUCT_ARTIFACTS", "Artifact", "load_artifact"]
