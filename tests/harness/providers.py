"""Price-feed providers for node tests and benchmarks: a feed whose signers are the providers,
and the config of a provider node.

    address = await deploy_provider_feed(client, DEPLOYER, signers, quorum=3, hub=hub)
    document = provider_document(base, peers=[...], feed=FEED_NAME, sources=[...])

Each provider listens on a port chosen before it starts (`free_port`): its peers' configs must
name it, and a node told to listen on port 0 would only say where once it runs.
"""

import socket
from collections.abc import Sequence
from typing import Any

from eth_account.signers.local import LocalAccount
from eth_typing import ChecksumAddress

from fluxo.chain.bindings.price_feed import PriceFeed
from fluxo.chain.client import ChainClient
from fluxo.feeds.deployer import deploy_price_feed
from fluxo.feeds.parameters import feed_parameters


def free_port() -> int:
    """A port on 127.0.0.1 nobody listens on now (the OS's pick)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def deploy_provider_feed(
    client: ChainClient,
    owner: LocalAccount,
    signers: Sequence[str],
    *,
    description: str,
    decimals: int,
    quorum: int,
    hub: str | None = None,
) -> ChecksumAddress:
    """A PriceFeed signed by `signers`; with `hub`, the FeedHub is one of its transmitters."""
    parameters = feed_parameters(decimals, description, signers, quorum)
    address = await deploy_price_feed(client, parameters, owner)
    if hub is not None:
        await PriceFeed(client, address).set_transmitter(owner, hub, True)
    return address


def provider_document(
    base: dict[str, Any],
    *,
    listen_port: int,
    peers: Sequence[str],
    feeds: Sequence[dict[str, Any]],
    leader_timeout_s: float,
) -> dict[str, Any]:
    """`base` (a `node_document`) with the provider role on: it listens on `listen_port` and
    pushes to `peers`. Each feed is `{"name", "deviation_bps", "heartbeat_s", "sources"}`."""
    base["node"]["listen"] = f"127.0.0.1:{listen_port}"
    base["chains"][0]["provider"] = {
        "enabled": True,
        "peers": list(peers),
        "leader_timeout_s": leader_timeout_s,
        "feeds": list(feeds),
    }
    return base
