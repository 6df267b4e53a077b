"""Dayglass's own versioned JSON API, for agents, the dashboard and scripts."""

from fastapi import APIRouter

from dayglass.http.api_v1 import (
    alerts,
    categories,
    events,
    focus,
    highlights,
    keys,
    offline,
    projects,
    reports,
    schedules,
    summaries,
    teams,
)
from dayglass.http.one_hop import OneHopRoute

router = APIRouter(route_class=OneHopRoute, prefix="/api/v1")
router.include_router(events.router)
router.include_router(reports.router)
router.include_router(categories.router)
router.include_router(keys.router)
router.include_router(schedules.router)
router.include_router(alerts.router)
router.include_router(highlights.router)
router.include_router(focus.router)
router.include_router(offline.router)
router.include_router(summaries.router)
router.include_router(projects.router)
router.include_router(teams.router)
