"""Reading the Data API's interval rows (`restrict_kind=document`) into typed rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dayglass.client import DataResult, UnexpectedResponse

NO_DETAILS = "No Details"  # how RescueTime names the document of time that has none

_COLUMNS = ("Date", "Time Spent (seconds)", "Activity", "Document", "Category", "Productivity")


@dataclass(frozen=True, slots=True)
class SourceRow:
    """Time in one 5-minute bucket of the source's local clock, on one activity and document."""

    local: datetime  # naive: the source's local wall clock
    seconds: int
    activity: str
    document: str
    category: str
    productivity: int


def _columns(result: DataResult) -> tuple[int, ...]:
    try:
        return tuple(result.row_headers.index(name) for name in _COLUMNS)
    except ValueError:
        raise UnexpectedResponse(
            f"data: expected the columns {', '.join(_COLUMNS)}, got {result.row_headers}",
            status=200,
            body=result.row_headers,
        ) from None


def read_document_rows(result: DataResult) -> list[SourceRow]:
    """The rows of an interval answer by document (time of no document has document "")."""
    when, seconds, activity, document, category, productivity = _columns(result)
    rows = []
    for row in result.rows:
        spent = int(row[seconds])
        if spent <= 0:
            continue
        name = str(row[document])
        rows.append(
            SourceRow(
                local=datetime.fromisoformat(str(row[when])),
                seconds=spent,
                activity=str(row[activity]),
                document="" if name == NO_DETAILS else name,
                category=str(row[category]),
                productivity=int(row[productivity]),
            )
        )
    return rows


def read_days(result: DataResult) -> list[date]:
    """The days of an interval answer at day resolution that have any time."""
    when = result.row_headers.index("Date")
    spent = result.row_headers.index("Time Spent (seconds)")
    found = {datetime.fromisoformat(str(r[when])).date() for r in result.rows if int(r[spent]) > 0}
    return sorted(found)
