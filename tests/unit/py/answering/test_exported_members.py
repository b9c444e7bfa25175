"""`fluxo.answering` exports exactly its declared public surface."""

import fluxo.answering


def test_all__answering__sorted_and_every_name_exists() -> None:
    names = fluxo.answering.__all__

    assert names == sorted(
        names, key=lambda name: (not name.isupper(), not name[0].isupper(), name)
    )
    assert all(hasattr(fluxo.answering, name) for name in names)
    assert len(set(names)) == len(names)
