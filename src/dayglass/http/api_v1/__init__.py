"""Dayglass's own versioned JSON API, for agents, the dashboard and scripts."""

from fastapi import APIRouter

from dayglass.http.api_v1 import categories, events, keys, reports, schedules

router = APIRouter(prefix="/api/v1")
router.include_router(events.router)
router.include_router(reports.router)
router.include_router(categories.router)
router.include_router(keys.router)
router.include_router(schedules.router)
