"""The team's server: Streamlit's application object around app.py, with the work the server does from its start
(hyc.service: an interrupted erasure finished, the daily backups, whether or not anyone visits; hyc.ui.opening:
the reads the pages open with, so that the first visitor meets warm pages) and a health route for the proxy and
monitoring. `make serve` and deploy/hyc.service run `streamlit run serve.py`; the demo (`make run`) serves app.py
alone."""

from contextlib import asynccontextmanager

import streamlit as st
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from hyc import service
from hyc.ui import opening

HEALTH_PATH = "/healthz"


@asynccontextmanager
async def lifespan(_app):
    work = service.start()
    warming = opening.Warming()
    warming.start()
    try:
        yield {"work": work, "warming": warming}
    finally:
        work.close()


async def health(_request: Request) -> JSONResponse:
    """Answered signed out: the store's state, the last backup's age and whether the pages are warm, nothing
    about anyone."""
    said = service.health(app.state["work"].engine) | {"pages_warm": app.state["warming"].done.is_set()}
    return JSONResponse(said, status_code=200 if said["status"] == "ok" else 503)


app = st.App("app.py", lifespan=lifespan, routes=[Route(HEALTH_PATH, health)])
