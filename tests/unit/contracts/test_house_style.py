"""Every contract source follows the house rules that need no compiler to check."""

import re
from pathlib import Path

import pytest

CONTRACTS_DIR = Path(__file__).resolve().parents[3] / "contracts"
SOURCES = sorted(CONTRACTS_DIR.rglob("*.vy*"))
DEPLOYABLES = [path for path in SOURCES if path.suffix == ".vy"]
HEADER_TAGS = ("@title", "@custom:contract-name", "@license", "@notice")
DEPLOYABLE_HEADER_TAGS = (*HEADER_TAGS, "@custom:security", "@custom:pause")


def _module_docstring(source: str) -> str:
    match = re.search(r'^"""(.*?)"""', source, flags=re.DOTALL | re.MULTILINE)
    return match.group(1) if match else ""


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(CONTRACTS_DIR)))
def test_source__first_line__pins_vyper_0_4_3(path: Path) -> None:
    assert path.read_text().splitlines()[0] == "# pragma version ~=0.4.3"


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(CONTRACTS_DIR)))
def test_source__header__has_natspec_tags(path: Path) -> None:
    tags = DEPLOYABLE_HEADER_TAGS if path.suffix == ".vy" else HEADER_TAGS
    header = _module_docstring(path.read_text())

    missing = [tag for tag in tags if tag not in header]

    assert not missing, f"{path.name} header lacks {missing}"
