"""Deploy a PriceFeed from the artifact shipped with the package."""

from eth_account.signers.local import LocalAccount
from eth_typing import ChecksumAddress

from fluxo.chain.bindings.price_feed import PriceFeed
from fluxo.chain.client import ChainClient
from fluxo.feeds.parameters import FeedParameters


async def deploy_price_feed(
    client: ChainClient, parameters: FeedParameters, deployer: LocalAccount
) -> ChecksumAddress:
    """Deploy `contracts/PriceFeed.vy` (owned by `deployer`) and return its address.

    Raises `TransactionReverted` if the constructor rejects the parameters.
    """
    feed = await PriceFeed.deploy(client, deployer, *parameters.constructor_args())
    return feed.address
