"""Deploy a PriceFeed from the artifact shipped with the package."""

from typing import Final

from eth_account.signers.local import LocalAccount
from eth_typing import ChecksumAddress

from fluxo.chain.artifacts import load_artifact
from fluxo.chain.client import ChainClient
from fluxo.feeds.parameters import FeedParameters

PRICE_FEED: Final = "PriceFeed"


async def deploy_price_feed(
    client: ChainClient, parameters: FeedParameters, deployer: LocalAccount
) -> ChecksumAddress:
    """Deploy `contracts/PriceFeed.vy` (owned by `deployer`) and return its address.

    Raises `ArtifactError` if the package ships no PriceFeed artifact, and
    `TransactionReverted` if the constructor rejects the parameters.
    """
    artifact = load_artifact(PRICE_FEED)
    return await client.deploy(artifact, *parameters.constructor_args(), sender=deployer)
