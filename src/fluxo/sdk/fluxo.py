"""`Fluxo`: the integrator's entry point, connected to one deployment on one chain.

async with await Fluxo.connect("http://127.0.0.1:8545", deployment="deployment.json") as fx:
    info = await fx.requests.create(creator, args)
    answer = await fx.requests.wait(info.request_id, timeout_s=600)
"""

from pathlib import Path
from typing import Self

from fluxo.chain.client import ChainClient
from fluxo.deployment import DEPLOYMENT_FORMAT_VERSION, Deployment
from fluxo.exceptions import WrongChain
from fluxo.sdk.faucet import FaucetApi
from fluxo.sdk.feeds import FeedsApi
from fluxo.sdk.markets import MarketsApi
from fluxo.sdk.requests import RequestsApi


class Fluxo:
    """A connection to a deployed Fluxo: `requests`, `markets`, `feeds`, `faucet`."""

    def __init__(self, client: ChainClient, deployment: Deployment) -> None:
        self.client = client
        self.deployment = deployment
        self.requests = RequestsApi(client, deployment)
        self.markets = MarketsApi(client, deployment)
        self.feeds = FeedsApi(client, deployment)
        self.faucet = FaucetApi(client, deployment.faucet)

    @classmethod
    async def connect(cls, rpc_url: str, *, deployment: Deployment | str | Path) -> Self:
        """Connect to `rpc_url` and the deployment (a `Deployment` or its file). Refuses an
        RPC that serves another chain than the deployment's (`WrongChain`)."""
        record = (
            deployment if isinstance(deployment, Deployment) else Deployment.load(Path(deployment))
        )
        client = await ChainClient.connect(rpc_url)
        if client.chain_id != record.chain_id:
            await client.close()
            raise WrongChain(rpc_url, record.chain_id, client.chain_id)
        return cls(client, record)

    @classmethod
    async def connect_addresses(
        cls,
        rpc_url: str,
        *,
        oracle: str,
        flux_token: str,
        payment_token: str,
        requester: str | None = None,
        prediction_market: str | None = None,
        start_block: int = 0,
    ) -> Self:
        """Connect without a deployment file, from explicit addresses."""
        client = await ChainClient.connect(rpc_url)
        record = Deployment(
            version=DEPLOYMENT_FORMAT_VERSION,
            chain_id=client.chain_id,
            start_block=start_block,
            flux_token=flux_token,
            payment_token=payment_token,
            oracle=oracle,
            requesters={} if requester is None else {"default": requester},
            prediction_market=prediction_market,
        )
        return cls(client, record)

    async def close(self) -> None:
        await self.client.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *_exc_info: object) -> None:
        await self.close()
