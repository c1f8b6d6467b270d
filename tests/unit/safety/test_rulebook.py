"""The rule-book loader: every field is read as written, and every bad entry is refused with a
message that names the file, the entry and what is wrong (a rule without a source, or with an
unknown word, never loads)."""

from __future__ import annotations

from importlib import resources

import pytest

from upright.domain import vocab
from upright.domain.errors import CatalogError
from upright.domain.safety.rules import EVERYONE, RuleBook, parse_rulebook

FLAGS = (resources.files("upright.domain.safety") / "data" / "red_flags.toml").read_text("utf-8")
RULE = 'id = "r1"\ncondition = "sciatica"\nreason = " Because. "\nsource = " ref §2 "\n'


def book(*rules: str, flags: str = FLAGS) -> RuleBook:
    text = "".join(f"[[rule]]\n{r}\n" for r in rules)
    return parse_rulebook({"conditions.toml": text, "red_flags.toml": flags})


def refused(*rules: str, flags: str = FLAGS) -> str:
    with pytest.raises(CatalogError) as caught:
        book(*rules, flags=flags)
    return str(caught.value)


def test_the_bundled_rule_book_loads_with_every_flag_and_level() -> None:
    loaded = book()
    assert {f.id for f in loaded.red_flags} == set(vocab.RED_FLAGS)
    assert [lv.level for lv in loaded.levels] == list(vocab.URGENCY_LEVELS)
    for flag in loaded.red_flags:
        assert flag.level == vocab.RED_FLAGS[flag.id]
        assert flag.question and flag.reason and flag.source
        assert flag.question == flag.question.strip()


def test_a_rule_with_only_what_it_needs_gets_empty_defaults() -> None:
    (rule,) = book(RULE).rules
    assert rule.id == "r1" and rule.condition == "sciatica"
    assert rule.reason == "Because." and rule.source == "ref §2"  # trimmed
    assert rule.excludes == rule.cautions == rule.favours == ()
    assert rule.excludes_exercises == rule.prefers_exercises == rule.excludes_categories == ()
    assert rule.allows_only == rule.adds_categories == rule.warning_signs == ()
    assert rule.surgery_weeks_below is None and rule.note is None
    assert rule.postpartum_weeks_below is None and rule.delivery is None
    assert rule.min_age is None and rule.caps_level is None
    assert rule.interval_walking is False


def test_every_field_of_a_rule_is_read_as_written() -> None:
    (surgery, postpartum, everyone) = book(
        'id = "s"\ncondition = "after_fusion"\nsurgery_weeks_below = 12\n'
        'excludes = ["rotation", "impact"]\ncautions = ["prone"]\nfavours = ["neutral_spine"]\n'
        'excludes_exercises = ["plank"]\nprefers_exercises = ["walking"]\n'
        'excludes_categories = ["strength"]\nadds_categories = ["balance"]\n'
        'reason = "r"\nsource = "s"\nnote = " See your surgeon. "\nmin_age = 65\ncaps_level = 2\n'
        'interval_walking = true\nwarning_signs = ["dizzy", "short of breath"]\n',
        'id = "p"\ncondition = "postpartum"\npostpartum_weeks_below = 6\ndelivery = "vaginal"\n'
        'allows_only = ["walking", "pelvic_floor"]\nreason = "r"\nsource = "s"\nnote = "  "\n',
        f'id = "e"\ncondition = "{EVERYONE}"\nreason = "r"\nsource = "s"\n',
    ).rules
    assert surgery.surgery_weeks_below == 12
    assert surgery.excludes == ("rotation", "impact") and surgery.cautions == ("prone",)
    assert surgery.favours == ("neutral_spine",)
    assert surgery.excludes_exercises == ("plank",) and surgery.prefers_exercises == ("walking",)
    assert surgery.excludes_categories == ("strength",) and surgery.adds_categories == ("balance",)
    assert surgery.note == "See your surgeon."
    assert surgery.min_age == 65 and surgery.caps_level == 2
    assert surgery.interval_walking is True
    assert surgery.warning_signs == ("dizzy", "short of breath")
    assert postpartum.postpartum_weeks_below == 6 and postpartum.delivery == "vaginal"
    assert postpartum.allows_only == ("walking", "pelvic_floor")
    assert postpartum.note is None  # a blank note is no note
    assert everyone.condition == EVERYONE


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (RULE + 'colour = "red"\n', "conditions.toml: r1: unknown key 'colour'"),
        (RULE.replace('id = "r1"\n', ""), "conditions.toml: ?: 'id' must be non-empty text"),
        (RULE.replace('"r1"', '"  "'), "conditions.toml:   : 'id' must be non-empty text"),
        (RULE.replace('"sciatica"', '"gout"'), "conditions.toml: r1: unknown condition 'gout'"),
        (RULE.replace('condition = "sciatica"\n', ""),
         "conditions.toml: r1: 'condition' must be non-empty text"),
        (RULE.replace('" Because. "', '""'), "conditions.toml: r1: 'reason' must be non-empty text"),
        (RULE.replace('" ref §2 "', '"   "'),
         "conditions.toml: r1: 'source' must be non-empty text"),
        (RULE.replace('source = " ref §2 "\n', ""),
         "conditions.toml: r1: 'source' must be non-empty text"),
        (RULE.replace('" ref §2 "', "3"), "conditions.toml: r1: 'source' must be non-empty text"),
        (RULE + "surgery_weeks_below = 6\n",
         "conditions.toml: r1: surgery_weeks_below is a number for surgery conditions"),
        (RULE.replace('"sciatica"', '"after_discectomy"') + 'surgery_weeks_below = "6"\n',
         "conditions.toml: r1: surgery_weeks_below is a number for surgery conditions"),
        (RULE + "min_age = true\n", "conditions.toml: r1: min_age must be a whole number"),
        (RULE + "min_age = 6.5\n", "conditions.toml: r1: min_age must be a whole number"),
        (RULE + 'caps_level = "2"\n', "conditions.toml: r1: caps_level must be a whole number"),
        (RULE.replace('"sciatica"', '"postpartum"') + "postpartum_weeks_below = false\n",
         "conditions.toml: r1: postpartum_weeks_below must be a whole number"),
        (RULE + "postpartum_weeks_below = 6\n",
         "conditions.toml: r1: postpartum_weeks_below is for the condition postpartum"),
        (RULE + 'delivery = "home"\n', "conditions.toml: r1: unknown delivery 'home'"),
        (RULE + 'interval_walking = "yes"\n',
         "conditions.toml: r1: interval_walking must be true or false"),
        (RULE + 'warning_signs = "dizzy"\n',
         "conditions.toml: r1: warning_signs must be a list of text"),
        (RULE + 'warning_signs = ["dizzy", ""]\n',
         "conditions.toml: r1: warning_signs must be a list of text"),
        (RULE + 'warning_signs = ["dizzy", 3]\n',
         "conditions.toml: r1: warning_signs must be a list of text"),
        (RULE + 'excludes = "rotation"\n', "conditions.toml: r1: 'excludes' must be a list"),
        (RULE + 'cautions = ["rotation", "cartwheel"]\n',
         f"conditions.toml: r1: 'cautions' has unknown 'cartwheel' (allowed: "
         f"{', '.join(vocab.MOVEMENTS)})"),
        (RULE + 'favours = ["cartwheel"]\n', "conditions.toml: r1: 'favours' has unknown"),
        (RULE + 'excludes = ["cartwheel"]\n', "conditions.toml: r1: 'excludes' has unknown"),
        (RULE + 'excludes_categories = ["yoga"]\n',
         f"conditions.toml: r1: 'excludes_categories' has unknown 'yoga' (allowed: "
         f"{', '.join(vocab.CATEGORIES)})"),
        (RULE + 'adds_categories = ["yoga"]\n',
         "conditions.toml: r1: 'adds_categories' has unknown 'yoga'"),
    ],
)  # fmt: skip
def test_a_bad_rule_is_refused_naming_what_is_wrong(rule: str, message: str) -> None:
    assert refused(rule).startswith(message)


def test_a_whole_number_rule_field_accepts_zero_and_surgery_weeks_need_a_surgery() -> None:
    (rule,) = book(RULE + "min_age = 0\n").rules
    assert rule.min_age == 0
    (fusion,) = book(
        RULE.replace('"sciatica"', '"after_fusion"') + "surgery_weeks_below = 0\n"
    ).rules
    assert fusion.surgery_weeks_below == 0


def test_two_rules_with_the_same_id_are_refused() -> None:
    assert refused(RULE, RULE.replace('"sciatica"', '"spinal_stenosis"')) == (
        "conditions.toml: duplicate rule id 'r1'"
    )
    assert len(book(RULE, RULE.replace('"r1"', '"r2"')).rules) == 2


def test_a_file_that_is_not_toml_is_refused() -> None:
    with pytest.raises(CatalogError, match=r"^conditions.toml: not valid TOML \("):
        parse_rulebook({"conditions.toml": "[[rule]\nid = ", "red_flags.toml": FLAGS})


def _flag(flag_id: str) -> str:
    """The [[flag]] block of ``flag_id`` in the bundled file."""
    start = FLAGS.index(f'[[flag]]\nid = "{flag_id}"')
    end = FLAGS.find("[[flag]]", start + 1)
    return FLAGS[start : end if end != -1 else len(FLAGS)]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('level = "emergency"', 'level = "urgent"',
         "red_flags.toml: saddle_numbness: unknown level 'urgent' (allowed: emergency, same_day, soon)"),
        ('level = "emergency"', 'level = "soon"',
         "red_flags.toml: saddle_numbness: not in the red-flag vocabulary at level 'soon'"),
        ('level = "emergency"', 'level = ""',
         "red_flags.toml: saddle_numbness: 'level' must be non-empty text"),
        ('id = "saddle_numbness"', 'id = "hiccups"',
         "red_flags.toml: hiccups: not in the red-flag vocabulary at level 'emergency'"),
        ('level = "emergency"', 'level = "emergency"\ncolour = "red"',
         "red_flags.toml: saddle_numbness: unknown key 'colour'"),
        ('id = "saddle_numbness"\n', "",
         "red_flags.toml: ?: 'id' must be non-empty text"),
        ("question = ", 'question = " "\nold_question = ',
         "red_flags.toml: saddle_numbness: unknown key 'old_question'"),
    ],
)  # fmt: skip
def test_a_bad_red_flag_is_refused_naming_what_is_wrong(old: str, new: str, message: str) -> None:
    block = _flag("saddle_numbness")
    assert refused(flags=FLAGS.replace(block, block.replace(old, new, 1))) == message


@pytest.mark.parametrize("field", ["question", "reason", "source"])
def test_a_red_flag_with_a_blank_text_is_refused(field: str) -> None:
    block = _flag("saddle_numbness")
    lines = [f'{field} = "  "' if line.startswith(f"{field} =") else line
             for line in block.splitlines()]  # fmt: skip
    message = refused(flags=FLAGS.replace(block, "\n".join(lines) + "\n"))
    assert message == f"red_flags.toml: saddle_numbness: '{field}' must be non-empty text"


def test_a_red_flag_missing_or_listed_twice_is_refused() -> None:
    block = _flag("saddle_numbness")
    assert refused(flags=FLAGS.replace(block, "")) == (
        "red_flags.toml: no entry for red flag 'saddle_numbness'"
    )
    assert refused(flags=FLAGS + "\n" + block) == (
        "red_flags.toml: duplicate red flag 'saddle_numbness'"
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("[level.soon]", "[level.later]", "red_flags.toml: level later: unknown level or key"),
        ("[level.soon]\n", "[level.soon]\ncolour = 1\n",
         "red_flags.toml: level soon: unknown level or key"),
        ('[level.soon]\nmessage = "', '[level.soon]\nmessage = " "\nold = "',
         "red_flags.toml: level soon: unknown level or key"),
    ],
)  # fmt: skip
def test_a_bad_urgency_level_is_refused(old: str, new: str, message: str) -> None:
    assert refused(flags=FLAGS.replace(old, new, 1)) == message


@pytest.mark.parametrize("field", ["message", "source"])
def test_an_urgency_level_with_a_blank_text_is_refused(field: str) -> None:
    start = FLAGS.index("[level.soon]")
    end = FLAGS.index("[[flag]]", start)
    block = FLAGS[start:end]
    lines = [f'{field} = ""' if line.startswith(f"{field} =") else line
             for line in block.splitlines()]  # fmt: skip
    message = refused(flags=FLAGS.replace(block, "\n".join(lines) + "\n\n"))
    assert message == f"red_flags.toml: level soon: '{field}' must be non-empty text"


def test_an_urgency_level_without_a_message_is_refused() -> None:
    start = FLAGS.index("[level.soon]")
    end = FLAGS.index("[[flag]]", start)
    assert refused(flags=FLAGS[:start] + FLAGS[end:]) == (
        "red_flags.toml: no message for level 'soon'"
    )


def test_looking_up_a_flag_a_level_or_a_rule_that_is_not_there() -> None:
    loaded = book(RULE)
    assert loaded.flag("saddle_numbness").level == "emergency"
    assert loaded.level("soon").level == "soon"
    assert loaded.rule("r1") is loaded.rules[0]
    assert loaded.rule("r2") is None
    with pytest.raises(CatalogError) as flag:
        loaded.flag("hiccups")
    assert str(flag.value) == "red_flags.toml: no entry for 'hiccups'"
    with pytest.raises(CatalogError) as level:
        loaded.level("later")
    assert str(level.value) == "red_flags.toml: no message for level 'later'"
