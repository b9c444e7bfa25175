"""Generate a typed Python binding from a contract's ABI (run by `build_artifacts.py`).

One module per manifest entry: a `ContractBinding` subclass with one method per function
(`snake_case` names; views return Python values, transactions come as `<name>_call(...)` and
`<name>(sender, ...)`), a frozen dataclass per event, and, per package, one `results.py` with
the NamedTuples the manifest names for multi-value views. Structs the manifest maps to product
dataclasses (`Config`, `RequestArgs`, `Source`) are taken and returned as those classes.
"""

import keyword
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from scripts.compiling import ManifestEntry, NamedResult, StructMapping

GENERATED_HEADER = (
    '"""{doc}\n\nGenerated from `contracts/{source}`\nby `python scripts/build_artifacts.py`; '
    'do not edit.\n"""\n'
)
RESERVED = {
    "address",
    "client",
    "decode_log",
    "decode_logs",
    "events_in",
    "single_event",
    "event_topics",
    "deploy",
}


def snake(name: str) -> str:
    """`latestRoundData` → `latest_round_data`, `_roundId` → `round_id`, `INVALID_OUTCOME` →
    `invalid_outcome`."""
    stripped = name.strip("_")
    if stripped.isupper() or stripped.islower():
        result = stripped.lower()
    else:
        result = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", stripped).lower()
    return f"{result}_" if keyword.iskeyword(result) else result


def canonical(item: Mapping[str, Any]) -> str:
    kind: str = item["type"]
    if kind.startswith("tuple"):
        inner = ",".join(canonical(component) for component in item["components"])
        return f"({inner}){kind[len('tuple') :]}"
    return kind


@dataclass
class Imports:
    """What a generated module needs beyond its fixed imports."""

    structs: dict[str, set[str]] = field(default_factory=dict)  # module -> classes
    results: set[str] = field(default_factory=set)
    typing: set[str] = field(default_factory=set)

    def struct(self, mapping: StructMapping) -> str:
        self.structs.setdefault(mapping.module, set()).add(mapping.class_name)
        return mapping.class_name


class TypeMapper:
    """ABI items → annotations and codecs, for arguments and for results."""

    def __init__(self, structs: Sequence[StructMapping], imports: Imports) -> None:
        self._structs = {mapping.fields: mapping for mapping in structs}
        self._imports = imports

    def _mapping(self, item: Mapping[str, Any]) -> StructMapping | None:
        if not item["type"].startswith("tuple"):
            return None
        names = tuple(component["name"] for component in item["components"])
        return self._structs.get(names)

    def _element(self, item: Mapping[str, Any]) -> dict[str, Any]:
        """The element item of an array item."""
        element = dict(item)
        element["type"] = re.sub(r"\[\d*\]$", "", item["type"])
        return element

    def argument(self, item: Mapping[str, Any]) -> str:
        kind = item["type"]
        if kind.endswith("]"):
            self._imports.typing.add("Sequence")
            return f"Sequence[{self.argument(self._element(item))}]"
        mapping = self._mapping(item)
        if mapping is not None:
            return self._imports.struct(mapping)
        if kind.startswith("tuple"):
            return f"tuple[{', '.join(self.argument(c) for c in item['components'])}]"
        return _scalar(kind, result=False)

    def encoder(self, item: Mapping[str, Any], name: str) -> str:
        """The expression that turns argument `name` into what eth-abi encodes."""
        kind = item["type"]
        if kind.endswith("]"):
            inner = self.encoder(self._element(item), "value")
            if inner == "value":
                return f"list({name})"
            return f"[{inner} for value in {name}]"
        if self._mapping(item) is not None or kind.startswith("tuple"):
            return f"as_tuple({name})"
        return name

    def result(self, item: Mapping[str, Any]) -> str:
        kind = item["type"]
        if kind.endswith("]"):
            return f"tuple[{self.result(self._element(item))}, ...]"
        mapping = self._mapping(item)
        if mapping is not None:
            return self._imports.struct(mapping)
        if kind.startswith("tuple"):
            return f"tuple[{', '.join(self.result(c) for c in item['components'])}]"
        return _scalar(kind, result=True)

    def decoder(self, item: Mapping[str, Any]) -> str:
        """The codec expression that turns a decoded value into the result type."""
        kind = item["type"]
        if kind.endswith("]"):
            inner = self.decoder(self._element(item))
            return "values_tuple" if inner == "identity" else f"each({inner})"
        mapping = self._mapping(item)
        if mapping is not None or kind.startswith("tuple"):
            fields = ", ".join(self.decoder(c) for c in item["components"])
            factory = self._imports.struct(mapping) if mapping is not None else "plain_tuple"
            return f"struct({factory}, ({fields},))"
        if kind == "address":
            return "checksum"
        return "identity"


def _scalar(kind: str, *, result: bool) -> str:
    if kind.startswith(("uint", "int")):
        return "int"
    if kind == "bool":
        return "bool"
    if kind == "address":
        return "ChecksumAddress" if result else "str"
    if kind.startswith("bytes"):
        return "bytes"
    if kind == "string":
        return "str"
    raise ValueError(f"unsupported ABI type {kind}")


def _arguments(inputs: Sequence[Mapping[str, Any]]) -> list[tuple[str, Mapping[str, Any]]]:
    names = []
    for position, item in enumerate(inputs):
        name = snake(item["name"]) if item["name"] else f"arg{position}"
        names.append((name, item))
    return names


def _function_names(abi: Iterable[Mapping[str, Any]]) -> None:
    seen: set[str] = set()
    for item in abi:
        if item.get("type") != "function":
            continue
        name = snake(item["name"])
        if name in seen:
            raise ValueError(f"overloaded function {item['name']}: not supported")
        if name in RESERVED:
            raise ValueError(f"function {item['name']} collides with a binding attribute")
        seen.add(name)


def generate_binding(
    entry: ManifestEntry,
    abi: Sequence[Mapping[str, Any]],
    structs: Sequence[StructMapping],
) -> tuple[str, dict[str, tuple[NamedResult, tuple[str, ...]]]]:
    """The module source of `entry`'s binding, and the result NamedTuples it uses (type name
    → (names, annotations)) for the package's `results.py`."""
    _function_names(abi)
    imports = Imports()
    types = TypeMapper(structs, imports)
    results: dict[str, tuple[NamedResult, tuple[str, ...]]] = {}
    body: list[str] = []
    functions: list[str] = []

    events = [item for item in abi if item.get("type") == "event"]
    for event in sorted(events, key=lambda item: item["name"]):
        body.extend(_event_class(event, types))

    class_name = entry.name
    kind_word = "interface" if entry.kind == "interface" else "contract"
    body.append("")
    body.append("")
    body.append(f"class {class_name}(ContractBinding):")
    body.append(f'    """Typed binding of the `{entry.name}` {kind_word}.')
    body.append("")
    body.append(f"    Source: `contracts/{entry.source}`.")
    body.append('    """')
    body.append("")
    body.append(f'    ARTIFACT: ClassVar[str] = "{entry.name}"')
    body.append(f'    ARTIFACT_PACKAGE: ClassVar[str] = "fluxo.{entry.package}.artifacts"')
    event_names = ", ".join(event["name"] for event in sorted(events, key=lambda e: e["name"]))
    body.append(
        f"    EVENTS: ClassVar[tuple[type[EventLog], ...]] = ({event_names}{',' if events else ''})"
    )

    if entry.kind == "contract":
        constructor = next(
            (item for item in abi if item.get("type") == "constructor"), {"inputs": []}
        )
        body.extend(_constructor(class_name, constructor, types))
    for item in sorted(
        (i for i in abi if i.get("type") == "function"), key=lambda i: snake(i["name"])
    ):
        functions.append(_function_constant(item))
        body.extend(_function(item, types, entry.returns.get(item["name"]), results, imports))

    code = "\n".join(functions) + "\n" + "\n".join(body) + "\n"
    exported = [class_name, *(event["name"] for event in sorted(events, key=lambda e: e["name"]))]
    source = GENERATED_HEADER.format(doc=f"Typed binding of `{entry.name}`.", source=entry.source)
    source += "\n" + "\n".join(_imports(imports, entry.package, code)) + "\n\n"
    source += code
    source += "\n\n__all__ = [" + ", ".join(f'"{name}"' for name in sorted(exported)) + "]\n"
    return source, results


def _function_constant(item: Mapping[str, Any]) -> str:
    inputs = ", ".join(f'"{canonical(i)}"' for i in item["inputs"])
    outputs = ", ".join(f'"{canonical(o)}"' for o in item["outputs"])
    inputs_tuple = f"({inputs},)" if len(item["inputs"]) == 1 else f"({inputs})"
    outputs_tuple = f"({outputs},)" if len(item["outputs"]) == 1 else f"({outputs})"
    return (
        f"_{snake(item['name']).upper()}: Final = Function.of(\n"
        f'    "{item["name"]}", {inputs_tuple}, {outputs_tuple}\n)'
    )


def _event_class(event: Mapping[str, Any], types: TypeMapper) -> list[str]:
    name = event["name"]
    signature = f"{name}({','.join(canonical(i) for i in event['inputs'])})"
    lines = ["", "", "@dataclass(frozen=True, slots=True)", f"class {name}(EventLog):"]
    lines.append(f'    """`{signature}`."""')
    lines.append("")
    for item in event["inputs"]:
        annotation = "bytes" if item.get("indexed") and _hashed(item) else types.result(item)
        lines.append(f"    {snake(item['name'])}: {annotation}")
    lines.append("")
    lines.append(f'    SIGNATURE: ClassVar[str] = "{signature}"')
    lines.append("    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)")
    fields = ", ".join(
        f'("{snake(i["name"])}", "{canonical(i)}", {bool(i.get("indexed"))})'
        for i in event["inputs"]
    )
    trailing = "," if event["inputs"] else ""
    lines.append(f"    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = ({fields}{trailing})")
    codecs = ", ".join(
        "identity" if item.get("indexed") and _hashed(item) else types.decoder(item)
        for item in event["inputs"]
    )
    lines.append(f"    CODECS: ClassVar[tuple[Codec, ...]] = ({codecs}{trailing})")
    return lines


def _hashed(item: Mapping[str, Any]) -> bool:
    kind = item["type"]
    return kind in ("string", "bytes") or kind.endswith("]") or kind.startswith("tuple")


def _constructor(class_name: str, item: Mapping[str, Any], types: TypeMapper) -> list[str]:
    arguments = _arguments(item["inputs"])
    params = "".join(f", {name}: {types.argument(i)}" for name, i in arguments)
    encoded = ", ".join(types.encoder(i, name) for name, i in arguments)
    forwarded = f", {encoded}" if encoded else ""
    return [
        "",
        "    @classmethod",
        "    async def deploy(",
        f"        cls, client: ChainClient, sender: LocalAccount{params},",
        "        *,",
        "        gas: int | None = None,",
        "    ) -> Self:",
        f'        """Deploy a new `{class_name}` from the shipped artifact."""',
        f"        return await deploy(cls, client, sender{forwarded}, gas=gas)",
    ]


def _function(
    item: Mapping[str, Any],
    types: TypeMapper,
    named: NamedResult | None,
    results: dict[str, tuple[NamedResult, tuple[str, ...]]],
    imports: Imports,
) -> list[str]:
    name = snake(item["name"])
    constant = f"_{name.upper()}"
    arguments = _arguments(item["inputs"])
    params = "".join(f", {arg}: {types.argument(i)}" for arg, i in arguments)
    encoded = ", ".join(types.encoder(i, arg) for arg, i in arguments)
    args_tuple = f"({encoded},)" if len(arguments) == 1 else f"({encoded})"
    lines = [""]
    if item["stateMutability"] in ("view", "pure"):
        outputs = item["outputs"]
        if named is not None:
            if len(named.fields) != len(outputs):
                raise ValueError(f"{item['name']}: returns names {len(named.fields)} fields")
            annotations = tuple(types.result(o) for o in outputs)
            results[named.type] = (named, annotations)
            imports.results.add(named.type)
            returned = named.type
            decoders = ", ".join(types.decoder(o) for o in outputs)
            expression = f"{named.type}(*decode_all(({decoders},), values))"
        elif len(outputs) == 0:
            returned, expression = "None", "None"
        elif len(outputs) == 1:
            returned = types.result(outputs[0])
            expression = f"{types.decoder(outputs[0])}(values[0])"
        else:
            returned = f"tuple[{', '.join(types.result(o) for o in outputs)}]"
            decoders = ", ".join(types.decoder(o) for o in outputs)
            expression = f"tuple(decode_all(({decoders},), values))"
        lines.append(f"    async def {name}(self{params}) -> {returned}:")
        lines.append(f'        """`{item["name"]}` (view)."""')
        lines.append(f"        values = await self._view({constant}, {args_tuple})")
        if returned == "None":
            lines.append("        del values")
        else:
            if named is not None or expression.startswith("checksum("):
                lines.append(f"        return {expression}")
            else:
                imports.typing.add("cast")
                lines.append(f"        return cast({returned}, {expression})")
        return lines
    lines.append(f"    def {name}_call(self{params}) -> ContractCall:")
    lines.append(f'        """The `{item["name"]}` transaction, unsent."""')
    lines.append(f"        return self._call({constant}, {args_tuple})")
    lines.append("")
    arg_names = ", ".join(arg for arg, _ in arguments)
    lines.append(f"    async def {name}(")
    lines.append(f"        self, sender: LocalAccount{params}, *, gas: int | None = None")
    lines.append("    ) -> TxReceipt:")
    lines.append(f'        """Send `{item["name"]}` from `sender` and wait for the receipt."""')
    lines.append(f"        return await self._send(self.{name}_call({arg_names}), sender, gas)")
    return lines


def _imports(imports: Imports, package: str, code: str) -> list[str]:
    """Only what `code` uses, so the generated module lints clean."""

    def used(name: str) -> bool:
        return re.search(rf"\b{re.escape(name)}\b", code) is not None

    lines: list[str] = []
    if "Sequence" in imports.typing:
        lines.append("from collections.abc import Sequence")
    if used("dataclass"):
        lines.append("from dataclasses import dataclass")
    typing_names = sorted(
        name
        for name in {"ClassVar", "Final", "Self", "cast"} | (imports.typing - {"Sequence"})
        if used(name)
    )
    if typing_names:
        lines.append(f"from typing import {', '.join(typing_names)}")
    third_party = [
        ("eth_account.signers.local", "LocalAccount"),
        ("eth_typing", "ChecksumAddress"),
        ("web3.types", "TxReceipt"),
    ]
    block = [f"from {module} import {name}" for module, name in third_party if used(name)]
    if block:
        lines.append("")
        lines.extend(block)
    lines.append("")
    binding_names = [
        name
        for name in (
            "Codec",
            "ContractBinding",
            "EventLog",
            "Function",
            "as_tuple",
            "checksum",
            "decode_all",
            "deploy",
            "each",
            "event_topic",
            "identity",
            "plain_tuple",
            "struct",
            "values_tuple",
        )
        if used(name)
    ]
    lines.append("from fluxo.chain.binding import (")
    lines.extend(f"    {name}," for name in binding_names)
    lines.append(")")
    client_names = [name for name in ("ChainClient", "ContractCall") if used(name)]
    if client_names:
        lines.append(f"from fluxo.chain.client import {', '.join(client_names)}")
    for module in sorted(imports.structs):
        names = ", ".join(sorted(imports.structs[module]))
        lines.append(f"from {module} import {names}")
    if imports.results:
        lines.append(
            f"from fluxo.{package}.bindings.results import {', '.join(sorted(imports.results))}"
        )
    return lines


def generate_results(
    package: str, results: Mapping[str, tuple[NamedResult, tuple[str, ...]]]
) -> str:
    """The package's `results.py`: every NamedTuple the bindings return."""
    source = GENERATED_HEADER.format(
        doc="The NamedTuples generated bindings return for multi-value views.",
        source="manifest.toml",
    )
    source += "\nfrom typing import NamedTuple\n\nfrom eth_typing import ChecksumAddress\n"
    for type_name in sorted(results):
        named, annotations = results[type_name]
        source += f"\n\nclass {type_name}(NamedTuple):\n"
        source += f'    """What the {type_name} views return."""\n\n'
        for field_name, annotation in zip(named.fields, annotations, strict=True):
            source += f"    {field_name}: {annotation}\n"
    names = ", ".join(f'"{name}"' for name in sorted(results))
    source += f"\n\n__all__ = [{names}]\n"
    del package
    return source
