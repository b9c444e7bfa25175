"""The PriceFeed's hand-written constants are the ones scripts/price_feed_constants.py derives."""

from typing import Any

import boa
import pytest
import scripts.price_feed_constants

from tests.harness.feeds import FeedFixture


@pytest.fixture(scope="module")
def script() -> Any:
    return scripts.price_feed_constants


def test_constants__contract_source__match_the_derivation(script: Any) -> None:
    assert script.mismatches(script.PRICE_FEED_SOURCE.read_text()) == []


def test_constants__edited_literal__reported(script: Any) -> None:
    source = script.PRICE_FEED_SOURCE.read_text().replace(
        "_TABLE_WORDS: constant(uint256) = 41", "_TABLE_WORDS: constant(uint256) = 40"
    )

    assert script.mismatches(source) == ["_TABLE_WORDS: contract has 40, derived 41"]


def test_signer_data__deployed__stop_byte_then_the_table(feeds: FeedFixture, script: Any) -> None:
    """The creation code returns exactly the appended table: a 0x00 byte, then each signer's
    20 bytes in its slot."""
    code = boa.env.evm.get_code(feeds.feed.signer_data())

    assert len(code) == script.table_words() * script.WORD
    assert code[0] == 0
    entries = {code[1 + 20 * slot : 21 + 20 * slot] for slot in range(script.TABLE_SLOTS)}
    signers = {bytes.fromhex(p.address[2:]) for p in feeds.providers}
    assert entries - {bytes(20)} == signers
