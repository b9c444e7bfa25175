"""Real Solidity contracts from npm packages, compiled with solc-js and deployed into boa.

The ecosystem's consumers (Chainlink's proxies, Aave's oracle) come from their npm packages,
pinned as devDependencies in package.json and installed by `npm ci`; their sources are never
copied into this repository and nothing is downloaded at test time. Compilers are solc-js
builds pinned under npm aliases (`solc066` = solc 0.6.6, `solc0810` = solc 0.8.10).

    proxy_sol = compile_package_file("@chainlink/contracts/src/v0.6/AggregatorProxy.sol",
                                     compiler=SOLC_066, evm_version="istanbul")
    proxy = proxy_sol["AggregatorProxy"].deploy(feed.address, sender=owner)

`scripts/compile_sol.js` runs the compiler (standard JSON; imports resolve inside
node_modules/ only). Its output is cached in build/solidity/ (git-ignored), keyed by the
sha256 of the compiler version and the standard-JSON input (which holds the main source); the
entry also records the hash of every imported file and is recompiled when one changes. A warm
cache costs no node process at all, so a test session compiles each contract at most once.

Packages that ship compiled artifacts (Gnosis's conditional tokens) are deployed as shipped
with `shipped_artifact("@gnosis.pm/.../ConditionalTokens.json")`.
"""

import functools
import hashlib
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import boa
from eth_abi.abi import encode

from tests.harness.checks import abi_type

REPO_ROOT: Final = Path(__file__).resolve().parents[2]
NODE_MODULES: Final = REPO_ROOT / "node_modules"
COMPILE_SCRIPT: Final = REPO_ROOT / "scripts" / "compile_sol.js"
CACHE_DIR: Final = REPO_ROOT / "build" / "solidity"

# npm aliases of the solc-js builds in package.json.
SOLC_066: Final = "solc066"
SOLC_0810: Final = "solc0810"


class SolidityToolchainError(RuntimeError):
    """node, the npm packages or the compiler are missing or failed; the message says which."""


@dataclass(frozen=True)
class SolidityContract:
    """One compiled contract: its ABI and creation bytecode."""

    name: str
    abi: list[dict[str, Any]]
    bytecode: bytes

    @functools.cached_property
    def _factory(self) -> Any:
        return boa.loads_abi(json.dumps(self.abi), name=self.name)

    def constructor_types(self) -> list[str]:
        for item in self.abi:
            if item.get("type") == "constructor":
                return [abi_type(arg) for arg in item["inputs"]]
        return []

    def deploy(self, *args: Any, sender: Any = None) -> Any:
        """Deploy with constructor `args` (ABI-encoded from the constructor's inputs)."""
        types = self.constructor_types()
        if len(args) != len(types):
            raise TypeError(f"{self.name}: constructor takes {types}, got {len(args)} args")
        data = self.bytecode + (encode(types, list(args)) if types else b"")
        kwargs = {} if sender is None else {"sender": sender}
        address, _ = boa.env.deploy_code(bytecode=data, **kwargs)
        return self.at(address)

    def at(self, address: Any) -> Any:
        return self._factory.at(address)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _compiler_version(compiler: str) -> str:
    manifest = NODE_MODULES / compiler / "package.json"
    if not manifest.is_file():
        raise SolidityToolchainError(
            f"solc-js `{compiler}` is not installed ({manifest} missing): run `npm ci`"
        )
    version: str = json.loads(manifest.read_text())["version"]
    return version


def _imports_unchanged(imports: dict[str, str]) -> bool:
    for unit, digest in imports.items():
        file = NODE_MODULES / unit
        if not file.is_file() or _sha256(file.read_bytes()) != digest:
            return False
    return True


def _run_compiler(compiler: str, standard_input: str) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        raise SolidityToolchainError("node is not on PATH (needed to run solc-js)")
    done = subprocess.run(
        [node, str(COMPILE_SCRIPT), compiler],
        input=standard_input,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if done.returncode != 0:
        raise SolidityToolchainError(f"solc-js `{compiler}` failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _compile(
    sources: dict[str, str], *, compiler: str, evm_version: str
) -> dict[str, SolidityContract]:
    """Compile `sources` (source unit name -> content); every contract with bytecode, by name."""
    standard_input = json.dumps(
        {
            "language": "Solidity",
            "sources": {unit: {"content": content} for unit, content in sorted(sources.items())},
            "settings": {
                "optimizer": {"enabled": True, "runs": 200},
                "evmVersion": evm_version,
                "outputSelection": {"*": {"*": ["abi", "evm.bytecode.object"]}},
            },
        },
        sort_keys=True,
    )
    key = _sha256(f"{compiler}@{_compiler_version(compiler)}\n{standard_input}".encode())
    cached = CACHE_DIR / f"{key}.json"
    result: dict[str, Any] | None = None
    if cached.is_file():
        result = json.loads(cached.read_text())
        if not _imports_unchanged(result["imports"]):
            result = None
    if result is None:
        result = _run_compiler(compiler, standard_input)
        errors = [e for e in result["output"].get("errors", []) if e["severity"] == "error"]
        if errors:
            messages = "\n".join(e["formattedMessage"] for e in errors)
            raise SolidityToolchainError(f"solc {result['version']}:\n{messages}")
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".tmp")
        partial.write_text(json.dumps(result))
        partial.replace(cached)

    contracts: dict[str, SolidityContract] = {}
    for per_unit in result["output"].get("contracts", {}).values():
        for name, compiled in per_unit.items():
            code = compiled["evm"]["bytecode"]["object"]
            if code:
                contracts[name] = SolidityContract(name, compiled["abi"], bytes.fromhex(code))
    return contracts


@functools.cache
def compile_package_file(
    unit: str, *, compiler: str, evm_version: str
) -> dict[str, SolidityContract]:
    """Compile a file shipped by an npm package, named from node_modules/ (with its imports)."""
    file = NODE_MODULES / unit
    if not file.is_file():
        raise SolidityToolchainError(f"{file} missing: run `npm ci` (see package.json)")
    return _compile({unit: file.read_text()}, compiler=compiler, evm_version=evm_version)


@functools.cache
def compile_inline(
    name: str, source: str, *, compiler: str, evm_version: str
) -> dict[str, SolidityContract]:
    """Compile our own Solidity written in a test; it may import npm packages by name."""
    return _compile({f"inline/{name}.sol": source}, compiler=compiler, evm_version=evm_version)


@functools.cache
def shipped_artifact(package_file: str) -> SolidityContract:
    """A compiled contract as an npm package ships it (truffle JSON with `abi` and `bytecode`,
    named from node_modules/), deployed byte for byte: no compiler runs."""
    file = NODE_MODULES / package_file
    if not file.is_file():
        raise SolidityToolchainError(f"{file} missing: run `npm ci` (see package.json)")
    document = json.loads(file.read_text())
    bytecode = document["bytecode"].removeprefix("0x")
    if "__" in bytecode:
        raise SolidityToolchainError(f"{package_file} needs library linking, not supported")
    return SolidityContract(document["contractName"], document["abi"], bytes.fromhex(bytecode))
