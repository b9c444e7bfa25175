"""Sources with any decimals are scaled to the aggregator's, truncating toward zero."""

from tests.harness.aggregator import deploy_aggregator, deploy_source, latest_answer, now


def test_update__sources_with_6_8_18_decimals__scaled_to_8(updater: str) -> None:
    sources = [
        deploy_source(2_000.123456, decimals=6),
        deploy_source(2_000.12345678, decimals=8),
        deploy_source(2_000.5, decimals=18),
    ]
    aggregator = deploy_aggregator(sources, decimals=8)

    aggregator.update(sender=updater)

    assert latest_answer(aggregator) == 200_012_345_678


def test_peek__18_decimal_source_into_8__truncates(updater: str) -> None:
    source = deploy_source(1, decimals=18)
    source.set_answer(123_456_789_999_999_999, now())  # 0.123456789999999999
    aggregator = deploy_aggregator([source], decimals=8, min_sources=1)

    assert aggregator.peek()[0] == 12_345_678


def test_peek__6_decimal_source_into_18__multiplies_exactly(updater: str) -> None:
    source = deploy_source(1, decimals=6)
    source.set_answer(1_500_001, now())
    aggregator = deploy_aggregator([source], decimals=18, min_sources=1)

    assert aggregator.peek()[0] == 1_500_001 * 10**12


def test_update__answer_below_one_unit_after_scaling__dropped(updater: str) -> None:
    dust = deploy_source(1, decimals=18)
    dust.set_answer(10**9, now())  # 1e-9: 0 at 8 decimals
    sources = [dust, deploy_source(2_000), deploy_source(2_000), deploy_source(2_000)]
    aggregator = deploy_aggregator(sources, min_sources=3)

    assert aggregator.peek()[2] == 3
