"""`fluxo.node.observations` exports exactly its declared public surface."""

import fluxo.node.observations


def test_all__observations__sorted_and_every_name_exists() -> None:
    names = fluxo.node.observations.__all__

    assert names == sorted(
        names, key=lambda name: (not name.isupper(), not name[0].isupper(), name)
    )
    assert all(hasattr(fluxo.node.observations, name) for name in names)
    assert len(set(names)) == len(names)
