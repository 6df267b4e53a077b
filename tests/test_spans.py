"""Clipping overlaps and splitting spans at local 5-minute buckets."""

from hypothesis import given
from hypothesis import strategies as st

from dayglass.core.spans import BUCKET_MS, Coverage, split_into_buckets


def test_split_is_exact_across_bucket_boundaries():
    # 10:03:30 for 4 minutes at UTC+01:00 -> 10:03:30-10:05 and 10:05-10:07:30 local.
    start = 1_763_629_410_000  # 2025-11-20T09:03:30Z
    parts = list(split_into_buckets((start, start + 240_000), 60))
    assert [ms for _, ms in parts] == [90_000, 150_000]
    local_first = (start + 3_600_000) // 1000
    assert parts[0][0] == local_first - local_first % 300
    assert parts[1][0] == parts[0][0] + 300


def test_buckets_follow_the_devices_wall_clock_at_odd_offsets():
    # At +05:45 local bucket boundaries fall at :00/:05 local, i.e. :15/:20 UTC.
    start = 0  # 1970-01-01T00:00Z = 05:45 local
    parts = list(split_into_buckets((start, start + 600_000), 345))
    assert [ms for _, ms in parts] == [300_000, 300_000]
    assert parts[0][0] == 345 * 60


@given(
    st.integers(min_value=0, max_value=10**12),
    st.integers(min_value=1, max_value=86_400_000),
    st.integers(min_value=-14 * 60, max_value=14 * 60),
)
def test_parts_add_up_and_stay_within_buckets(start, duration, offset):
    parts = list(split_into_buckets((start, start + duration), offset))
    assert sum(ms for _, ms in parts) == duration
    assert all(0 < ms <= BUCKET_MS for _, ms in parts)
    buckets = [b for b, _ in parts]
    assert buckets == sorted(set(buckets))
    assert all(b % 300 == 0 for b in buckets)


def test_coverage_clips_overlaps_and_keeps_gaps():
    cover = Coverage([(100, 200), (300, 400)])
    assert cover.claim((50, 450)) == [(50, 100), (200, 300), (400, 450)]
    assert cover.claim((0, 500)) == [(0, 50), (450, 500)]
    assert cover.claim((120, 480)) == []


@given(st.lists(st.tuples(st.integers(0, 1000), st.integers(1, 200)), max_size=40))
def test_claimed_time_equals_the_union(spans):
    cover = Coverage()
    claimed = sum(e - s for start, length in spans for s, e in cover.claim((start, start + length)))
    covered = {t for start, length in spans for t in range(start, start + length)}
    assert claimed == len(covered)
