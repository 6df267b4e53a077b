"""Heartbeat merging: polls of the same window become one span."""

from __future__ import annotations

from dayglass.core.heartbeats import Attention, HeartbeatMerger, Sample

EDITOR = Sample("code", "main.py")
BROWSER = Sample("firefox", "News", "https://example.org/")


def test_identical_beats_extend_one_span_and_a_new_sample_closes_it_at_the_switch():
    merger = HeartbeatMerger(pulse_ms=5_000)
    for at in range(0, 10_001, 1_000):
        assert merger.beat(at, EDITOR) is None
    assert merger.open == Attention(0, 10_000, EDITOR)
    assert merger.beat(11_000, BROWSER) == Attention(0, 11_000, EDITOR)
    assert merger.open == Attention(11_000, 11_000, BROWSER)


def test_a_gap_longer_than_the_pulse_ends_the_span_at_its_last_beat():
    merger = HeartbeatMerger(pulse_ms=5_000)
    merger.beat(0, EDITOR)
    merger.beat(1_000, EDITOR)
    assert merger.beat(60_000, EDITOR) == Attention(0, 1_000, EDITOR)  # the machine slept
    assert merger.open == Attention(60_000, 60_000, EDITOR)


def test_stop_cuts_back_to_the_last_input_and_drops_empty_spans():
    merger = HeartbeatMerger(pulse_ms=5_000)
    for at in range(0, 400_001, 1_000):
        merger.beat(at, EDITOR)
    assert merger.stop(100_000) == Attention(0, 100_000, EDITOR)
    assert merger.open is None and merger.stop(500_000) is None
    merger.beat(200_000, BROWSER)
    assert merger.stop(150_000) is None  # away since before it began: nothing was spent


def test_cut_finishes_the_part_before_and_keeps_extending_the_rest():
    merger = HeartbeatMerger(pulse_ms=5_000)
    for at in range(0, 60_001, 1_000):
        merger.beat(at, EDITOR)
    assert merger.cut(30_000) == Attention(0, 30_000, EDITOR)
    assert merger.cut(30_000) is None  # nothing before the start is left
    assert merger.cut(90_000) is None  # not beyond what was seen
    merger.beat(61_000, EDITOR)
    assert merger.open == Attention(30_000, 61_000, EDITOR)
