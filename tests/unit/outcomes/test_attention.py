"""Who needs attention first: red flags by urgency, then prompts, then dropping out, then clearance."""

from __future__ import annotations

from datetime import date, timedelta

from upright.domain.outcomes.attention import DROPPED_OUT_DAYS, attention

TODAY = date(2026, 11, 23)
RECENT = TODAY - timedelta(days=1)


def test_nothing_to_see_weighs_nothing() -> None:
    calm = attention([], [], RECENT, "cleared", TODAY)
    assert calm.weight == 0 and calm.reasons == ()


def test_a_red_flag_outweighs_everything_else_and_urgency_orders_flags() -> None:
    soon = attention([("soon", "Night pain?")], [], RECENT, "cleared", TODAY)
    everything_else = attention([], ["a", "b", "c"], None, "not_yet", TODAY)
    assert soon.weight > everything_else.weight
    same_day = attention([("same_day", "Fever?")], [], RECENT, "cleared", TODAY)
    emergency = attention([("emergency", "Numbness?")], [], RECENT, "cleared", TODAY)
    assert emergency.weight > same_day.weight > soon.weight
    assert "Numbness?" in emergency.reasons[0]


def test_a_prompt_outweighs_dropping_out_which_outweighs_waiting_for_clearance() -> None:
    prompt = attention([], ["2 flare weeks in a row"], RECENT, "cleared", TODAY)
    dropped = attention([], [], TODAY - timedelta(days=DROPPED_OUT_DAYS), "cleared", TODAY)
    waiting = attention([], [], RECENT, "not_yet", TODAY)
    assert prompt.weight > dropped.weight > waiting.weight > 0


def test_dropping_out_starts_at_14_days_not_13() -> None:
    assert (
        attention([], [], TODAY - timedelta(days=DROPPED_OUT_DAYS - 1), "cleared", TODAY).weight
        == 0
    )
    out = attention([], [], TODAY - timedelta(days=DROPPED_OUT_DAYS), "cleared", TODAY)
    assert out.reasons == (f"No session logged for {DROPPED_OUT_DAYS} days.",)
    assert attention([], [], None, "cleared", TODAY).reasons == ("No session logged yet.",)


def test_clearance_in_force_needs_no_attention() -> None:
    for cleared in ("cleared", "cleared_with_restrictions"):
        assert attention([], [], RECENT, cleared, TODAY).weight == 0
    assert attention([], [], RECENT, "advised_against", TODAY).reasons == (
        "Advised against exercise.",
    )
