"""The Oracle's config rule (SPEC §7), field by field, naming the flag."""

from dataclasses import replace

import pytest

from fluxo.cli.config_fields import check_config
from fluxo.domain.address import ZERO_ADDRESS
from fluxo.domain.config import Config
from fluxo.exceptions import ConfigError

TOKEN = "0x" + "11" * 20
ACCOUNT = "0x" + "22" * 20
VALID = Config(
    stake_token=TOKEN,
    payment_token=TOKEN,
    validity_bond=10**18,
    min_bond=10**20,
    min_challenge_period=180,
    max_challenge_period=129_600,
    arbitration_threshold=10**23,
    final_arbitrator=ACCOUNT,
    treasury=ACCOUNT,
    max_open_period=2_592_000,
    arbitration_timeout=2_592_000,
)


def test_check_config__valid__returned() -> None:
    assert check_config(VALID) is VALID


@pytest.mark.parametrize(
    ("field", "value", "flag"),
    [
        ("validity_bond", 2**96, "--validity-bond"),
        ("min_bond", 0, "--min-bond"),
        ("min_challenge_period", 0, "--min-challenge-period-s"),
        ("max_challenge_period", 2**32, "--max-challenge-period-s"),
        ("max_challenge_period", 179, "--max-challenge-period-s"),
        ("arbitration_threshold", 2**120, "--arbitration-threshold"),
        ("final_arbitrator", ZERO_ADDRESS, "--final-arbitrator"),
        ("treasury", ZERO_ADDRESS, "--treasury"),
        ("max_open_period", 0, "--max-open-period-s"),
        ("arbitration_timeout", 2**32, "--arbitration-timeout-s"),
    ],
)
def test_check_config__field_broken__names_its_flag(field: str, value: object, flag: str) -> None:
    with pytest.raises(ConfigError) as caught:
        check_config(replace(VALID, **{field: value}))

    assert caught.value.key == flag


def test_check_config__minimum_moved_above_maximum__names_the_minimum() -> None:
    with pytest.raises(ConfigError, match="above the maximum") as caught:
        check_config(
            replace(VALID, min_challenge_period=200_000), {"min_challenge_period": 200_000}
        )

    assert caught.value.key == "--min-challenge-period-s"


def test_check_config__amount_given_as_text__shown_as_typed() -> None:
    with pytest.raises(ConfigError) as caught:
        check_config(replace(VALID, min_bond=0), {"min_bond": "0.0"})

    assert caught.value.value == "0.0"
