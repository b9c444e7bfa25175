"""The system resolver's failure modes that never reach the network."""

import asyncio

import pytest

from fluxo.answering import FailureCode, FetchPolicy, SourceFetcher, system_resolver

TOO_LONG_LABEL = "a" * 64 + ".example"


def test_system_resolver__label_over_63_characters__raises_oserror_not_unicode_error() -> None:
    with pytest.raises(OSError, match="not a host name"):
        asyncio.run(system_resolver(TOO_LONG_LABEL))


def test_fetch__name_the_system_resolver_refuses__fails_dns() -> None:
    async def main() -> FailureCode | None:
        async with SourceFetcher(FetchPolicy()) as fetcher:
            return (await fetcher.fetch(f"https://{TOO_LONG_LABEL}/price")).error

    assert asyncio.run(main()) is FailureCode.DNS
