"""Plain-English category labels are declared once, with the vocabulary (Option.plain), and line
up one to one with the Home Office's categories: the tables, cells and disclosure control key rows
by them, so two Home Office categories must never merge and one must never split."""
from uof.reports import vocabulary
from uof.reports.fieldset import FIELDS
from uof.reports.tactics import TACTICS
from uof.reports.vocabulary import Vocabulary


def _vocabularies():
    found = {v.name: v for v in vars(vocabulary).values() if isinstance(v, Vocabulary)}
    found.update({f.vocabulary.name: f.vocabulary for f in FIELDS if f.vocabulary})
    found[TACTICS.name] = TACTICS
    return found.values()


def test_each_home_office_category_has_one_plain_name_and_back():
    for vocab in _vocabularies():
        plain_of, ho_of = {}, {}
        for option in vocab.options:
            assert plain_of.setdefault(option.ho_category, option.public_category) == option.public_category, \
                (vocab.name, option.code)
            assert ho_of.setdefault(option.public_category, option.ho_category) == option.ho_category, \
                (vocab.name, option.code)


def test_the_public_words_for_tactics():
    words = {o.code: o.public_category for o in TACTICS.options}
    assert words["ced_drawn"] == "Taser drawn" and words["ced_fired"] == "Taser fired"
    assert words["baton_drawn"] == "Baton drawn" and words["cs_used"] == words["pava_used"] == "Irritant spray used"
    assert all("CED" not in w and " - " not in w for w in words.values())
