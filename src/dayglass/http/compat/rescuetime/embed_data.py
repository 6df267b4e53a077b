"""`/anapi/data` with an embed key (`dge_...`): the key's saved report, and nothing else.

An embed key whose owner allowed raw data answers exactly the report it was made from (its
grouping, cut, search, project and period) in the Data API's wire shape. Every parameter the
caller sends is ignored except `format` (and the `.json`/`.csv` suffix): a published key must
not let its reader widen, or even move, what its owner chose to publish.
"""

from __future__ import annotations

from fastapi import Response

from dayglass.core.errors import NotAuthenticated
from dayglass.core.localtime import Resolution
from dayglass.core.query import GroupBy, Question
from dayglass.http.compat.rescuetime import params as p
from dayglass.http.compat.rescuetime import responses
from dayglass.http.compat.rescuetime.data import plan_response
from dayglass.http.compat.rescuetime.params import RawParams
from dayglass.http.compat.rescuetime.plan import Plan, Rows
from dayglass.http.compat.rescuetime.request import Format, Perspective
from dayglass.http.embed.owner import owner_today
from dayglass.services.embeds import EMBED_PREFIX
from dayglass.services.registry import Services

NO_RAW = "this embed key serves only its chart: its owner did not allow raw data access"
NO_SHAPE = "this embed key's report is grouped by project, which the Data API cannot show"


def is_embed_key(key: str | None) -> bool:
    """Whether key is shaped like an embed key (API keys never are)."""
    return key is not None and key.startswith(EMBED_PREFIX)


def _format(params: RawParams, suffix: Format | None) -> Format | None:
    """The format asked (None for one the Data API does not know)."""
    raw = suffix or p.value(params, p.FORMAT) or Format.JSON
    return Format(raw.lower()) if raw.lower() in Format._value2member_map_ else None


def saved_plan(question: Question) -> Plan | None:
    """The Data API layout of a saved report's question (None when it has none)."""
    if question.group_by is GroupBy.PROJECT:  # the Data API has no kind for projects
        return None
    rows = Rows(question.group_by.value)  # every other grouping is a kind of the same name
    cut = question.resolution is not Resolution.NONE
    return Plan(question, Perspective.INTERVAL if cut else Perspective.RANK, rows)


def embed_data_response(
    services: Services, key: str, params: RawParams, suffix: Format | None
) -> Response:
    """The embed key's saved report as a Data API answer, or the key error saying why not."""
    try:
        record = services.embeds.resolve(key)
    except NotAuthenticated as refused:
        return responses.key_refused(refused.message)
    if not record.allow_raw:
        return responses.key_refused(NO_RAW)
    fmt = _format(params, suffix)
    if fmt is None:
        return responses.query_error()
    layout_ = saved_plan(services.embeds.question(record, owner_today(services, record)))
    if layout_ is None:
        return responses.key_refused(NO_SHAPE)
    person = services.accounts.user(record.user_id).display_name
    return plan_response(services, record.user_id, layout_, person, fmt)
