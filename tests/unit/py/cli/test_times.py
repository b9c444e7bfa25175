"""Points in time on the command line: unix seconds or ISO 8601 with its zone."""

import pytest

from fluxo.cli.times import parse_time
from fluxo.exceptions import ConfigError


@pytest.mark.parametrize(
    ("text", "unix_s"),
    [
        ("1893456000", 1_893_456_000),
        ("2030-01-01T00:00:00Z", 1_893_456_000),
        ("2030-01-01T02:00:00+02:00", 1_893_456_000),
        ("2030-01-01T00:00:00.9Z", 1_893_456_000),
    ],
)
def test_parse_time__unix_or_zoned_iso__unix_seconds(text: str, unix_s: int) -> None:
    assert parse_time(text, "--settlement-time") == unix_s


def test_parse_time__iso_without_zone__refused_naming_flag() -> None:
    with pytest.raises(ConfigError, match="needs its zone") as caught:
        parse_time("2030-01-01T00:00:00", "--settlement-time")

    assert caught.value.key == "--settlement-time"


@pytest.mark.parametrize("text", ["tomorrow", "-5", "2030-13-01T00:00:00Z", ""])
def test_parse_time__neither_unix_nor_iso__refused_naming_value(text: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_time(text, "--settlement-time")

    assert caught.value.value == text


def test_parse_time__before_1970__refused() -> None:
    with pytest.raises(ConfigError, match="before 1970"):
        parse_time("1969-12-31T23:59:59Z", "--settlement-time")
