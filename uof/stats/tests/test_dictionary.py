from pathlib import Path

from uof.reports.fieldset import FIELDS
from uof.reports.vocabulary import REASONS
from uof.stats.dictionary import as_markdown

DOC = Path(__file__).resolve().parents[3] / "docs" / "data-dictionary.md"


def test_committed_dictionary_is_generated_from_the_declarations():
    assert DOC.read_text(encoding="utf-8").strip() == as_markdown().strip(), (
        "docs/data-dictionary.md is stale: run `uof data-dictionary > docs/data-dictionary.md`")


def test_dictionary_lists_every_field_and_the_renamed_reason():
    text = as_markdown()
    for field in FIELDS:
        assert f"| `{field.name}` |" in text
    renamed = REASONS.get("effect_stop_search")
    assert renamed.ho_category == "Effect search"
    assert "| `effect_search` | Effect search | Effect search | Effect search | until 31 Mar 2024 |" in text


def test_dictionary_gives_the_published_wording_beside_the_home_office_term():
    text = as_markdown()
    assert "| `ced_drawn` | Taser (CED) drawn | Taser drawn | CED Drawn |" in text
    assert "| `aep_aimed` | AEP aimed | AEP drawn or aimed | AEP drawn |" in text
    assert "AEP means attenuating energy projectile" in text
