"""What the dashboard's timeline draws: a window of the day, its rows, spans, gaps and ticks."""

from __future__ import annotations

from dataclasses import dataclass, field

from dayglass.core.durations import short_duration
from dayglass.services.timeline import Gap, Timeline, TimelineSpan

HOUR_S = 3600
DAY_S = 24 * HOUR_S
QUICK_NAMES = ("Meeting", "Lunch", "Phone call", "Commute", "Exercise")
RECENT = 3


def clock_text(ms: int) -> str:
    """Milliseconds since local midnight as `HH:MM:SS` (whole seconds, rounded down)."""
    seconds = ms // 1000
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


@dataclass(frozen=True)
class Reclaim:
    """The form that logs time away: what was typed, and why it was refused (if it was)."""

    start: str = ""
    end: str = ""
    other: str = ""
    error: str | None = None


@dataclass(frozen=True, slots=True)
class DrawnSpan:
    """A span placed on its row, in seconds of the day, with what its hover says."""

    x: float
    width: float
    productivity: int
    tip: str


def drawn_span(span: TimelineSpan) -> DrawnSpan:
    """Place span and word its hover: exact times, length, activity, document, category."""
    document = f" · {span.document}" if span.document else ""
    tip = (
        f"{clock_text(span.start_ms)}–{clock_text(span.end_ms)} "
        f"({short_duration(round(span.ms / 1000))}) · "
        f"{span.activity}{document} · {span.category} ({span.overview})"
    )
    return DrawnSpan(span.start_ms / 1000, span.ms / 1000, span.productivity, tip)


@dataclass(frozen=True)
class DrawnRow:
    """A row of the timeline as drawn."""

    name: str
    offline: bool
    ms: int
    spans: list[DrawnSpan]


@dataclass(frozen=True)
class DrawnGap:
    """A time away as drawn, with its times for the form that logs it."""

    x: float
    width: float
    start: str
    end: str
    seconds: int


@dataclass
class TimelineView:
    """The timeline part of a day's dashboard."""

    timeline: Timeline
    hour: int | None
    names: list[str]
    reclaim: Reclaim
    rows: list[DrawnRow] = field(default_factory=list)
    gaps: list[DrawnGap] = field(default_factory=list)

    @property
    def begin(self) -> int:
        """The first second of the day shown."""
        return 0 if self.hour is None else self.hour * HOUR_S

    @property
    def length(self) -> int:
        """How many seconds are shown."""
        return DAY_S if self.hour is None else HOUR_S

    @property
    def ticks(self) -> list[tuple[int, str]]:
        """(second of the day, label) of each tick along the axis."""
        step = 3 * HOUR_S if self.hour is None else 600
        return [
            (second, clock_text(second * 1000)[:5])
            for second in range(self.begin, self.begin + self.length, step)
        ]


def _inside(start_ms: int, end_ms: int, begin: int, length: int) -> bool:
    return end_ms > begin * 1000 and start_ms < (begin + length) * 1000


def timeline_view(
    timeline: Timeline, hour: int | None, recent: list[str], reclaim: Reclaim
) -> TimelineView:
    """Place the spans and gaps of the hour (or the whole day) shown."""
    names = list(dict.fromkeys([*recent[:RECENT], *QUICK_NAMES]))
    view = TimelineView(timeline, hour, names, reclaim)
    begin, length = view.begin, view.length
    for row in timeline.rows:
        drawn = [drawn_span(s) for s in row.spans if _inside(s.start_ms, s.end_ms, begin, length)]
        view.rows.append(DrawnRow(row.name, row.offline, row.ms, drawn))
    view.gaps = [_gap(g) for g in timeline.gaps if _inside(g.start_ms, g.end_ms, begin, length)]
    return view


def _gap(gap: Gap) -> DrawnGap:
    # The form takes whole seconds: the gap's edges rounded inwards so no counted time is claimed.
    start = -(-gap.start_ms // 1000)
    end = gap.end_ms // 1000
    return DrawnGap(
        gap.start_ms / 1000,
        (gap.end_ms - gap.start_ms) / 1000,
        clock_text(start * 1000),
        clock_text(end * 1000),
        end - start,
    )
