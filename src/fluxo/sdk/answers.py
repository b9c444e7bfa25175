"""Decode a final outcome into what the request asked for (SPEC §2), with no I/O: the label of a
categorical outcome, the `Decimal` of a NUMBER answer, the text of a STRING answer when
someone published it."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from fluxo.domain.outcome import INVALID_OUTCOME, OutcomeKind, decode_number, kind_of


@dataclass(frozen=True, slots=True)
class Answer:
    """A decoded outcome. `invalid` is True for INVALID_OUTCOME; otherwise exactly one of
    `label` (with `index`), `number` (with the scaled `raw` integer) or `text`/`text_hash` is
    meaningful, by `kind`. A STRING answer nobody published has `text` None."""

    kind: OutcomeKind
    outcome: bytes
    invalid: bool = False
    index: int | None = None
    label: str | None = None
    raw: int | None = None
    number: Decimal | None = None
    text: str | None = None

    def __str__(self) -> str:
        if self.invalid:
            return "INVALID"
        if self.label is not None:
            return self.label
        if self.number is not None:
            return f"{self.number:f}"
        if self.text is not None:
            return self.text
        return f"0x{self.outcome.hex()} (unpublished STRING answer)"


def decode_answer(
    outcome: bytes,
    *,
    outcomes: Sequence[str],
    data_type: int,
    decimals: int,
    published: Mapping[bytes, str] | None = None,
) -> Answer:
    """Decode `outcome` for a request with these labels, data type and decimals; `published`
    maps STRING outcome hashes to the texts `publish_answer` emitted."""
    kind = kind_of(len(outcomes), data_type)
    if outcome == INVALID_OUTCOME:
        return Answer(kind, outcome, invalid=True)
    if kind is OutcomeKind.CATEGORICAL:
        index = int.from_bytes(outcome, "big")
        label = outcomes[index] if index < len(outcomes) else None
        return Answer(kind, outcome, index=index, label=label)
    if kind is OutcomeKind.NUMBER:
        raw = decode_number(outcome)
        return Answer(kind, outcome, raw=raw, number=scale(raw, decimals))
    text = (published or {}).get(outcome)
    return Answer(kind, outcome, text=text)


def scale(raw: int, decimals: int) -> Decimal:
    """`raw / 10**decimals`, exactly."""
    sign, digits, _exponent = Decimal(raw).as_tuple()
    return Decimal((sign, digits, -decimals))
