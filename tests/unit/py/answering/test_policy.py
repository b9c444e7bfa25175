"""`FetchPolicy` and `HostCredential`: what an operator may set, validated on construction."""

import math

import pytest

from fluxo.answering import FetchPolicy, HostCredential
from fluxo.exceptions import InvalidAnswerRequest


def test_policy__defaults__ten_seconds_private_hosts_refused_no_credentials() -> None:
    policy = FetchPolicy()

    assert (policy.timeout_s, policy.allow_private_hosts, dict(policy.credentials)) == (
        10.0,
        False,
        {},
    )


@pytest.mark.parametrize("timeout_s", [0, -1, math.inf, math.nan])
def test_policy__timeout_not_positive_and_finite__rejected(timeout_s: float) -> None:
    with pytest.raises(InvalidAnswerRequest, match="timeout_s"):
        FetchPolicy(timeout_s=timeout_s)


def test_policy__credential_hosts__lowercased_and_read_only() -> None:
    policy = FetchPolicy(credentials={"API.Example.com": HostCredential("X-Key", "v")})

    assert list(policy.credentials) == ["api.example.com"]
    with pytest.raises(TypeError):
        policy.credentials["other"] = HostCredential("X-Key", "v")  # type: ignore[index]


def test_policy__same_host_twice_in_another_case__rejected() -> None:
    with pytest.raises(InvalidAnswerRequest, match="same host"):
        FetchPolicy(
            credentials={
                "a.example": HostCredential("X", "1"),
                "A.example": HostCredential("X", "2"),
            }
        )


def test_credential_for__https_exact_host__found_http__never() -> None:
    key = HostCredential("X-Key", "v")
    policy = FetchPolicy(credentials={"api.example.com": key})

    assert policy.credential_for("https", "API.example.com") is key
    assert policy.credential_for("http", "api.example.com") is None
    assert policy.credential_for("https", "example.com") is None


def test_credential__repr__never_shows_the_value() -> None:
    credential = HostCredential("Authorization", "Bearer s3cret-token")

    assert "s3cret" not in repr(credential)
    assert "s3cret" not in repr(FetchPolicy(credentials={"a.example": credential}))


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("X Key", "v"),
        ("", "v"),
        ("X-Key:", "v"),
        ("Host", "evil.example"),
        ("accept-encoding", "br"),
        ("X-Key", "v\r\nX-Injected: 1"),
        ("X-Key", "v\n"),
    ],
)
def test_credential__bad_header_or_value__rejected(header: str, value: str) -> None:
    with pytest.raises(InvalidAnswerRequest):
        HostCredential(header, value)
