"""The web app's routes: HTML pages (``pages_*``) and their JSON twins (``api_*``)."""

from __future__ import annotations

from fastapi import APIRouter


def routers() -> list[APIRouter]:
    from upright.web.routes import (
        api_account,
        api_friends,
        api_groups,
        api_plan,
        api_profile,
        api_sessions,
        offline,
        pages_account,
        pages_check,
        pages_clinic,
        pages_data,
        pages_doctor,
        pages_friends,
        pages_library,
        pages_more,
        pages_plan,
        pages_profile,
        pages_progress,
        pages_reminders,
    )

    # the router of the busiest calls first: a request is matched against the routes in this
    # order (about 130 of them), and the offline outbox logs sessions many times a day
    return [
        api_sessions.router,
        offline.router,
        pages_profile.router,
        pages_plan.router,
        pages_check.router,
        pages_progress.router,
        pages_library.router,
        pages_more.router,
        pages_data.router,
        pages_doctor.router,
        pages_clinic.router,
        pages_friends.router,
        pages_account.router,
        pages_reminders.router,
        api_account.router,
        api_friends.router,
        api_groups.router,
        api_profile.router,
        api_plan.router,
    ]
