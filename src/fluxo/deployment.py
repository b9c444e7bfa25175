"""The deployment file: where a Fluxo protocol lives on one chain. Every command, the node and the
SDK read it; `fluxo deploy` and the devnet write it.

    {
      "version": 1,
      "chain_id": 31337,
      "start_block": 1,
      "flux_token": "0x…", "payment_token": "0x…", "oracle": "0x…", "feed_hub": "0x…",
      "feeds": {"ETH / USD": "0x…"},
      "aggregators": {"ETH / USD": "0x…"},
      "requesters": {"app": "0x…"},
      "faucet": null,
      "prediction_market": "0x…"
    }

`start_block` is the block the Oracle was deployed in: a node scanning logs starts there.
`prediction_market` is the PredictionMarket singleton (whitelisted by the Oracle as a requester
of its own, not a `Requester` contract, so it is not among `requesters`); files written before
it existed have no such key and read as None. Addresses are stored checksummed; unknown keys
are an error.
"""

import json
from pathlib import Path
from typing import Annotated, Any, Final, Self

from eth_typing import ChecksumAddress
from eth_utils.address import is_address, to_checksum_address
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from fluxo.exceptions import ConfigError

DEPLOYMENT_FORMAT_VERSION: Final = 1


def _checksummed(value: str) -> ChecksumAddress:
    if not isinstance(value, str) or not is_address(value) or not value.startswith("0x"):
        raise ValueError(f"not a 20-byte 0x address: {value!r}")
    return to_checksum_address(value)


Address = Annotated[str, AfterValidator(_checksummed)]


class Deployment(BaseModel):
    """The addresses of one deployed protocol, by role and by name."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = Field(DEPLOYMENT_FORMAT_VERSION, ge=1, le=DEPLOYMENT_FORMAT_VERSION)
    chain_id: int = Field(gt=0)
    start_block: int = Field(ge=0)
    flux_token: Address
    payment_token: Address
    oracle: Address
    feed_hub: Address | None = None
    feeds: dict[str, Address] = Field(default_factory=dict)
    aggregators: dict[str, Address] = Field(default_factory=dict)
    requesters: dict[str, Address] = Field(default_factory=dict)
    faucet: Address | None = None
    prediction_market: Address | None = None

    @classmethod
    def load(cls, path: Path) -> Self:
        """Read a deployment file; a `ConfigError` names the file and what is wrong."""
        try:
            document: Any = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise ConfigError(
                str(path), None, f"cannot read the deployment file: {error}"
            ) from error
        except ValueError as error:
            raise ConfigError(str(path), None, f"not JSON: {error}") from error
        return cls.parse(document, source=str(path))

    @classmethod
    def parse(cls, document: Any, *, source: str = "deployment") -> Self:
        try:
            return cls.model_validate(document)
        except ValidationError as error:
            first = error.errors()[0]
            location = ".".join(str(part) for part in first["loc"])
            raise ConfigError(f"{source}: {location}", first.get("input"), first["msg"]) from error

    def save(self, path: Path) -> None:
        """Write the file atomically (a reader never sees half of it)."""
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(self.model_dump_json(indent=2) + "\n", encoding="utf-8")
        temporary.replace(path)

    def feed(self, name: str) -> ChecksumAddress:
        """The address of the feed called `name`; a `ConfigError` lists the known ones."""
        if name not in self.feeds:
            raise ConfigError("feed", name, f"not in the deployment (known: {sorted(self.feeds)})")
        return to_checksum_address(self.feeds[name])

    def aggregator(self, name: str) -> ChecksumAddress:
        if name not in self.aggregators:
            raise ConfigError(
                "aggregator", name, f"not in the deployment (known: {sorted(self.aggregators)})"
            )
        return to_checksum_address(self.aggregators[name])
